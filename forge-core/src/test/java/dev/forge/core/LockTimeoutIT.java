package dev.forge.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LockTimeoutIT extends EngineTestSupport {

	private static final Duration HOLD = Duration.ofSeconds(8);

	private Connection holder;

	LockTimeoutIT(TestDatabase database) {
		super(database);
	}

	@BeforeEach
	void setUp() throws SQLException {
		this.database.execute("CREATE TABLE projects (id int)");
		this.folder.write("0001_add_priority.sql", "ALTER TABLE projects ADD COLUMN priority int;");
		this.holder = this.database.connect();
		this.holder.setAutoCommit(false);
		lockProjects();
	}

	private void lockProjects() throws SQLException {
		try (Statement statement = this.holder.createStatement()) {
			statement.execute("LOCK TABLE projects IN ACCESS EXCLUSIVE MODE");
		}
	}

	@AfterEach
	void release() throws SQLException {
		this.holder.close();
	}

	private ForgeConfiguration.Builder withOneSecondLockTimeout() {
		return configure().lockTimeout(Duration.ofSeconds(1));
	}

	@Test
	void aMigrationBlockedByAnotherSessionFailsFastAndSaysWhatItWaitedFor() {
		long start = System.nanoTime();

		assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(() -> withOneSecondLockTimeout().load().apply())
			.withMessageContaining("0001_add_priority")
			.withMessageContaining("lock_timeout 1000ms")
			.withMessageContaining("a lock on table projects, held by pid")
			.withMessageContaining("AccessExclusiveLock")
			.withMessageContaining("nothing was recorded")
			.satisfies((ex) -> assertThat(ex.sqlState()).isEqualTo("55P03"));

		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(elapsed).isLessThan(HOLD.dividedBy(2));
		assertThat(this.database.value("SELECT count(*) FROM forge_migrations")).isEqualTo(0L);
	}

	@Test
	void withRetriesTheMigrationSucceedsOnceTheLockIsReleased() {
		CompletableFuture<Void> release = CompletableFuture.runAsync(this::rollbackHolder,
				CompletableFuture.delayedExecutor(2500, TimeUnit.MILLISECONDS));

		ApplyResult result = withOneSecondLockTimeout().lockRetries(5).lockRetryBackoff(Duration.ofMillis(200)).load().apply();

		release.join();
		assertThat(result.applied()).extracting(MigrationExecution::name).containsExactly("0001_add_priority");
		assertThat(this.database.columnNames("projects")).contains("priority");
		assertThat(this.database.value("SELECT count(*) FROM forge_migrations")).isEqualTo(1L);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-- forge:lock-timeout 300ms\n-- Up\nALTER TABLE projects ADD COLUMN priority int;\n",
			"SET lock_timeout = '300ms';\nALTER TABLE projects ADD COLUMN priority int;\n" })
	void aFileCanSetItsOwnLockTimeoutByDirectiveOrLeadingSet(String content) {
		this.folder.write("0001_add_priority.sql", content);
		long start = System.nanoTime();

		assertThatExceptionOfType(LockTimeoutException.class)
			.isThrownBy(() -> withOneSecondLockTimeout().lockTimeout(Duration.ofSeconds(6)).load().apply())
			.withMessageContaining("lock_timeout 300ms");

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"-- forge:no-transaction\n-- forge:lock-timeout 300ms\n-- Up\nCREATE TABLE audit (id int);\n"
					+ "ALTER TABLE projects ADD COLUMN priority int;\n",
			"-- forge:no-transaction\n-- Up\nSET lock_timeout = '300ms';\nCREATE TABLE audit (id int);\n"
					+ "ALTER TABLE projects ADD COLUMN priority int;\n" })
	void theFilesLockTimeoutAppliesToEveryStatementOfANoTransactionFile(String content) {
		this.folder.write("0001_add_priority.sql", content);
		long start = System.nanoTime();

		assertThatExceptionOfType(LockTimeoutException.class)
			.isThrownBy(() -> withOneSecondLockTimeout().lockTimeout(Duration.ofSeconds(6)).load().apply())
			.withMessageContaining("lock_timeout 300ms")
			.withMessageContaining("marked FAILED");

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(this.database.tableExists("audit")).isTrue();
		assertThat(this.database.columnNames("projects")).doesNotContain("priority");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-- forge:lock-timeout 300ms\n-- Up\nCREATE TABLE audit (id int);\n-- Down\n"
			+ "ALTER TABLE projects ADD COLUMN priority int;\nDROP TABLE audit;\n",
			"-- forge:no-transaction\n-- forge:lock-timeout 300ms\n-- Up\nCREATE TABLE audit (id int);\n"
					+ "-- Down\nDROP TABLE audit;\nALTER TABLE projects ADD COLUMN priority int;\n" })
	void theFilesLockTimeoutAppliesToItsDownSection(String content) throws SQLException {
		this.folder.write("0001_add_priority.sql", content);
		rollbackHolder();
		Forge forge = withOneSecondLockTimeout().lockTimeout(Duration.ofSeconds(6)).load();
		forge.apply();
		lockProjects();
		long start = System.nanoTime();

		assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(forge::rollback)
			.withMessageContaining("lock_timeout 300ms");

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(this.database.column("SELECT name FROM forge_migrations")).containsExactly("0001_add_priority");
	}

	@ParameterizedTest
	@ValueSource(strings = { "SET lock_timeout = '1s';\nCREATE TABLE audit (id int);\n",
			"-- forge:no-transaction\nSET lock_timeout = '1s';\nCREATE TABLE audit (id int);\n",
			"-- forge:lock-timeout 1s\n-- Up\nCREATE TABLE audit (id int);\n" })
	void aFilesLockTimeoutDoesNotLeakIntoTheNextFile(String content) {
		this.folder.write("0001_add_priority.sql", content);
		this.folder.write("0002_add_priority.sql", "ALTER TABLE projects ADD COLUMN priority int;");
		long start = System.nanoTime();

		assertThatExceptionOfType(LockTimeoutException.class)
			.isThrownBy(() -> configure().lockTimeout(Duration.ofMillis(3500)).load().apply())
			.withMessageContaining("0002_add_priority")
			.withMessageContaining("lock_timeout 3500ms");

		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited the configured 3.5 s, not the 1 s of 0001")
			.isGreaterThan(Duration.ofMillis(3000));
		assertThat(this.database.column("SELECT name FROM forge_migrations")).containsExactly("0001_add_priority");
	}

	@Test
	void noSessionKeepsFORGEsSettingsAfterwards() throws SQLException {
		rollbackHolder();
		try (KeptConnectionsDataSource dataSource = new KeptConnectionsDataSource(this.database.dataSource())) {
			Forge.configure().dataSource(dataSource).locations(this.folder.location()).nodeName("node-1").load().apply();

			assertThat(dataSource.connections()).as("the lock's connection and the migrating one").hasSize(2);
			for (Connection connection : dataSource.connections()) {
				try (Statement statement = connection.createStatement();
						var result = statement.executeQuery("SELECT current_setting('lock_timeout'),"
								+ " current_setting('application_name'), current_setting('client_connection_check_interval', true)")) {
					result.next();
					assertThat(result.getString(1)).isEqualTo("0");
					assertThat(result.getString(2)).isNotEqualTo("node-1");
					assertThat(result.getString(3)).isIn(null, "0");
				}
			}
		}
	}

	@Test
	void aTransactionBlockOfANoTransactionFileWaitsNoLongerThanTheTimeoutAndLeavesNoSetting() throws SQLException {
		this.folder.delete("0001_add_priority.sql");
		this.folder.write("0001_block.sql", "-- forge:no-transaction\nCREATE TABLE before_block (id int);\nBEGIN;\n"
				+ "CREATE TABLE in_block (id int);\nALTER TABLE projects ADD COLUMN priority int;\nCOMMIT;\n");
		try (KeptConnectionsDataSource dataSource = new KeptConnectionsDataSource(this.database.dataSource())) {
			long start = System.nanoTime();

			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> withOneSecondLockTimeout().dataSource(dataSource).load().apply())
				.withMessageContaining("line 5");

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HOLD.dividedBy(2));
			assertThat(this.database.tableExists("before_block")).isTrue();
			assertThat(this.database.tableExists("in_block")).isFalse();
			for (Connection connection : dataSource.connections()) {
				if (!connection.getAutoCommit()) {
					connection.rollback();
				}
				try (Statement statement = connection.createStatement();
						var result = statement.executeQuery("SELECT current_setting('lock_timeout')")) {
					result.next();
					assertThat(result.getString(1)).isEqualTo("0");
				}
			}
		}
		rollbackHolder();
		configure().load().apply();
		assertThat(this.database.columnNames("projects")).containsExactly("id", "priority");
		assertThat(this.database.tableExists("in_block")).isTrue();
	}

	private void rollbackHolder() {
		try {
			this.holder.rollback();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
