package dev.forge.boot.dashboard;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.forge.boot.dashboard.DashboardApi.DashboardException;
import dev.forge.testsupport.TestDatabase;
import dev.forge.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The SQL console on a real PostgreSQL, borrowing from a connection pool of one
 * connection, as the application's pool: what the console runs does not stay behind on
 * the application's connection, nothing commits on its own, and the time limit holds.
 */
class SqlConsoleIT {

	private static final String PROBE_ROLE = "forge_console_probe";

	private static TestDatabase database;

	private HikariDataSource pool;

	private SqlConsole console;

	@BeforeAll
	static void createDatabase() {
		database = TestPostgres.server().createDatabase("sqlconsole");
		database.execute("DROP ROLE IF EXISTS " + PROBE_ROLE);
		database.execute("CREATE ROLE " + PROBE_ROLE);
	}

	@AfterAll
	static void dropDatabase() {
		database.execute("DROP ROLE IF EXISTS " + PROBE_ROLE);
		database.close();
	}

	@BeforeEach
	void startPool() {
		HikariConfig config = new HikariConfig();
		config.setDataSource(database.dataSource());
		config.setMaximumPoolSize(1);
		this.pool = new HikariDataSource(config);
		this.console = new SqlConsole(this.pool);
	}

	@AfterEach
	void closePool() {
		this.pool.close();
		database.reset();
	}

	@Test
	void whatTheConsoleChangesInTheSessionDoesNotReachTheApplicationsConnection() throws Exception {
		List<String> defaults = session();
		assertThat(defaults.get(0)).isEqualTo("postgres");
		this.console.run("SELECT set_config('search_path', 'elsewhere', false);"
				+ " SELECT set_config('role', '" + PROBE_ROLE + "', false);"
				+ " SELECT set_config('statement_timeout', '0', false);"
				+ " SELECT pg_advisory_lock(4242); CREATE TEMP TABLE console_scratch (id int)");
		assertThat(session()).isEqualTo(defaults);
		assertThat(database.value("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242"))
			.isEqualTo(0L);
	}

	@Test
	void aPoolThatKeepsTheConsolesConnectionGetsItBackWithTheSessionReset() throws Exception {
		SingleConnectionDataSource single = new SingleConnectionDataSource(database.connect(), true);
		try {
			int pid = pid(single);
			List<String> defaults = session(single);
			new SqlConsole(single).run("SELECT set_config('search_path', 'elsewhere', false);"
					+ " SELECT set_config('role', '" + PROBE_ROLE + "', false); CREATE TEMP TABLE console_scratch (id int)");
			assertThat(pid(single)).as("the same connection").isEqualTo(pid);
			assertThat(session(single)).isEqualTo(defaults);
		}
		finally {
			single.destroy();
		}
	}

	@Test
	void theConsolesConnectionLeavesTheApplicationsPool() throws Exception {
		int before = backendPid();
		this.console.run("SELECT 1");
		assertThat(backendPid()).isNotEqualTo(before);
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!Long.valueOf(0).equals(database.value("SELECT count(*) FROM pg_stat_activity WHERE pid = " + before))
				&& System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(database.value("SELECT count(*) FROM pg_stat_activity WHERE pid = " + before))
			.as("the evicted connection is closed")
			.isEqualTo(0L);
	}

	@Test
	void sessionSettingsTypedIntoTheConsoleAreRefusedAndNothingRuns() throws Exception {
		List<String> defaults = session();
		for (String sql : List.of("CREATE TABLE console_made (id int); SET search_path TO elsewhere",
				"CREATE TABLE console_made (id int); SET ROLE " + PROBE_ROLE)) {
			assertThatExceptionOfType(DashboardException.class).isThrownBy(() -> this.console.run(sql))
				.withMessageContaining("would outlive this call")
				.withMessageContaining("Nothing was run");
		}
		assertThat(session()).isEqualTo(defaults);
		assertThat(database.tableExists("console_made")).isFalse();
	}

	@Test
	void commitIsRefusedAndNothingIsCommitted() {
		assertThatExceptionOfType(DashboardException.class)
			.isThrownBy(() -> this.console.run("CREATE TABLE console_made (id int); COMMIT; SELECT 1/0"))
			.withMessageContaining("COMMIT is refused")
			.withMessageContaining("Leave out BEGIN, COMMIT and ROLLBACK");
		assertThat(database.tableExists("console_made")).isFalse();
		assertThatExceptionOfType(DashboardException.class)
			.isThrownBy(() -> this.console.run("CREATE TABLE console_made (id int); SELECT 1/0"))
			.withMessageContaining("division by zero")
			.withMessageContaining("nothing was committed");
		assertThat(database.tableExists("console_made")).isFalse();
	}

	@Test
	void aCommitBuiltInsideADoBlockOrAProcedureCommitsNothing() {
		// the text check cannot see these: the console's transaction block makes PostgreSQL refuse them
		for (String sql : List.of(
				"CREATE TABLE console_made (id int); DO $$ BEGIN EXECUTE 'COM' || 'MIT'; END $$; SELECT 1/0",
				"CREATE TABLE console_made (id int); DO $$ BEGIN COMMIT; END $$; SELECT 1/0")) {
			assertThatExceptionOfType(DashboardException.class).isThrownBy(() -> this.console.run(sql))
				.withMessageContaining("nothing was committed");
			assertThat(database.tableExists("console_made")).isFalse();
		}
		database.execute("CREATE PROCEDURE console_commits() LANGUAGE plpgsql AS $$ BEGIN COMMIT; END $$");
		assertThatExceptionOfType(DashboardException.class)
			.isThrownBy(() -> this.console.run("CREATE TABLE console_made (id int); CALL console_commits()"))
			.withMessageContaining("invalid transaction termination");
		assertThat(database.tableExists("console_made")).isFalse();
		database.execute("DROP PROCEDURE console_commits()");
	}

	@Test
	void aTypedStatementTimeoutOfZeroIsRefused() {
		assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> assertThatExceptionOfType(DashboardException.class)
					.isThrownBy(() -> this.console.run("SET statement_timeout = 0; SELECT pg_sleep(15)"))
					.withMessageContaining("statement_timeout is refused"));
	}

	@Test
	void theTimeLimitHoldsEvenWhenTheSqlLiftsTheServersTimeout() {
		long start = System.nanoTime();
		assertTimeoutPreemptively(Duration.ofSeconds(14),
				() -> assertThatExceptionOfType(DashboardException.class)
					.isThrownBy(() -> this.console.run(
							"SELECT set_config('statement_timeout', '0', true); SELECT pg_sleep(15)"))
					.withMessageContaining("Cancelled after the statement timeout of 10 s"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(9));
	}

	private int backendPid() throws SQLException {
		return pid(this.pool);
	}

	private static int pid(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/** The session settings of the pool's connection, as the application would see them. */
	private List<String> session() throws SQLException {
		return session(this.pool);
	}

	private static List<String> session(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT current_user, current_setting('search_path'),"
						+ " current_setting('statement_timeout'), (SELECT count(*) FROM pg_class"
						+ " WHERE relname = 'console_scratch')::text")) {
			rows.next();
			List<String> values = new ArrayList<>();
			for (int i = 1; i <= 4; i++) {
				values.add(rows.getString(i));
			}
			return values;
		}
	}

}
