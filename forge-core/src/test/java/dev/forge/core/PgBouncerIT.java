package dev.forge.core;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.forge.testsupport.MigrationFolder;
import dev.forge.testsupport.PgBouncer;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * FORGE through PgBouncer in transaction pooling mode, where a session's state (a
 * session-level advisory lock, a {@code SET}) stays on a server connection that the next
 * client gets: runners never migrate at once, no server connection keeps FORGE's lock or
 * settings, and {@code lock_timeout} still applies.
 */
class PgBouncerIT extends EngineTestSupport {

	/** Fewer server connections than clients, so that clients share them. */
	private static final int POOL_SIZE = 3;

	private PgBouncer bouncer;

	PgBouncerIT(TestDatabase database) {
		super(database);
	}

	@BeforeEach
	void startPgBouncer() throws Exception {
		this.bouncer = PgBouncer.start(this.database, POOL_SIZE);
	}

	@AfterEach
	void stopPgBouncer() throws Exception {
		if (this.bouncer != null) {
			this.bouncer.close();
		}
	}

	@Test
	void runnersThroughPgBouncerNeverMigrateAtOnce() throws Exception {
		this.database.execute("CREATE TABLE runs (migration text, node text, started timestamptz, ended timestamptz)");
		for (int i = 1; i <= 4; i++) {
			this.folder.write(String.format("%04d_step_%d.sql", i, i),
					"CREATE TEMP TABLE mark ON COMMIT DROP AS SELECT clock_timestamp() AS started;\n"
							+ "CREATE TABLE step_" + i + " (id int);\n" + "SELECT pg_sleep(0.2);\n"
							+ "INSERT INTO runs SELECT '" + i + "', current_setting('application_name'), started,"
							+ " clock_timestamp() FROM mark;\n");
		}
		ExecutorService runners = Executors.newFixedThreadPool(4);
		try {
			List<Future<ApplyResult>> results = new ArrayList<>();
			for (int node = 1; node <= 4; node++) {
				String name = "node-" + node;
				results.add(runners.submit((Callable<ApplyResult>) () -> forge(name).apply()));
			}
			List<String> applied = new ArrayList<>();
			for (Future<ApplyResult> result : results) {
				result.get(120, TimeUnit.SECONDS).applied().forEach((execution) -> applied.add(execution.name()));
			}
			assertThat(applied).containsExactlyInAnyOrder("0001_step_1", "0002_step_2", "0003_step_3",
					"0004_step_4");
		}
		finally {
			runners.shutdownNow();
		}
		assertThat(this.database.column("SELECT name FROM forge_migrations ORDER BY name")).containsExactly(
				"0001_step_1", "0002_step_2", "0003_step_3", "0004_step_4");
		assertThat(this.database.value("SELECT count(*) FROM runs")).isEqualTo(4L);
		assertThat(this.database.value("SELECT count(*) FROM runs a JOIN runs b ON a.migration < b.migration"
				+ " AND a.started < b.ended AND b.started < a.ended")).as("migrations that ran at the same time")
			.isEqualTo(0L);
		assertNoServerConnectionKeepsFORGEsState();
	}

	@Test
	void lockTimeoutAppliesThroughPgBouncerInAndOutsideTransactions() throws Exception {
		this.database.execute("CREATE TABLE busy (id int)");
		this.folder.write("0001_in_transaction.sql", "ALTER TABLE busy ADD COLUMN a int;\n");
		try (Connection reader = this.database.connect()) {
			reader.setAutoCommit(false);
			try (Statement statement = reader.createStatement()) {
				statement.execute("SELECT count(*) FROM busy");
			}
			long start = System.nanoTime();
			assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(() -> forge("impatient").apply())
				.withMessageContaining("lock_timeout 300ms");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

			this.folder.delete("0001_in_transaction.sql");
			this.folder.write("0001_no_transaction.sql",
					"-- forge:no-transaction\nCREATE TABLE other (id int);\nALTER TABLE busy ADD COLUMN a int;\n");
			assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(() -> forge("impatient").apply())
				.withMessageContaining("lock_timeout 300ms");
			reader.rollback();
		}
		assertThat(this.database.tableExists("other")).isTrue();
		assertThat(forge("patient").apply().applied()).extracting(MigrationExecution::name)
			.containsExactly("0001_no_transaction");
		assertThat(this.database.columnNames("busy")).containsExactly("id", "a");
		assertNoServerConnectionKeepsFORGEsState();
	}

	@Test
	void aKilledRunnerThroughPgBouncerLeavesNoLockBehind(@TempDir Path otherDirectory) throws Exception {
		this.folder.write("0001_forever.sql", "SELECT pg_sleep(600);");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		File log = Files.createTempFile("lock-holder", ".log").toFile();
		Process doomed = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				LockHoldingProcess.class.getName(), this.bouncer.jdbcUrl(), this.folder.location())
			.redirectErrorStream(true)
			.redirectOutput(log)
			.start();
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (forge("observer").status().lockHolder() == null) {
				assertThat(System.nanoTime()).as("the doomed node takes the lock").isLessThan(deadline);
				Thread.sleep(100);
			}
			assertThat(forge("observer").status().lockHolder().applicationName()).isEqualTo("doomed-node");
		}
		finally {
			doomed.destroyForcibly().waitFor();
		}
		MigrationFolder survivor = new MigrationFolder(otherDirectory).write("0001_other.sql",
				"CREATE TABLE survivor (id int);");
		long start = System.nanoTime();

		ApplyResult result = Forge.configure()
			.dataSource(throughBouncer())
			.locations(survivor.location())
			.clusterLockWait(Duration.ofSeconds(30))
			.load()
			.apply();

		assertThat(result.applied()).extracting(MigrationExecution::name).containsExactly("0001_other");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
		assertNoServerConnectionKeepsFORGEsState();
	}

	/**
	 * Looks at every server connection of the pool: none holds an advisory lock, none has
	 * FORGE's {@code lock_timeout} or a node's name.
	 */
	private void assertNoServerConnectionKeepsFORGEsState() throws SQLException {
		assertThat(this.database.value("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
				+ " WHERE l.locktype = 'advisory' AND d.datname = current_database()")).isEqualTo(0L);
		List<Connection> clients = new ArrayList<>();
		try {
			for (int i = 0; i < POOL_SIZE; i++) {
				// a client in a transaction keeps its server connection: the others get the rest
				Connection client = throughBouncer().getConnection();
				clients.add(client);
				client.setAutoCommit(false);
				try (Statement statement = client.createStatement();
						ResultSet row = statement.executeQuery("SELECT pg_backend_pid(),"
								+ " current_setting('lock_timeout'), current_setting('application_name')")) {
					row.next();
					assertThat(row.getString(2)).as("lock_timeout of server connection %s", row.getInt(1))
						.isEqualTo("0");
					assertThat(row.getString(3)).as("application_name of server connection %s", row.getInt(1))
						.doesNotContain("node");
				}
			}
		}
		finally {
			for (Connection client : clients) {
				client.close();
			}
		}
	}

	private Forge forge(String node) {
		return configure().dataSource(throughBouncer())
			.nodeName(node)
			.lockTimeout(Duration.ofMillis(300))
			.lockRetries(0)
			.clusterLockWait(Duration.ofSeconds(60))
			.load();
	}

	private DataSource throughBouncer() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(this.bouncer.jdbcUrl());
		return dataSource;
	}

}
