package dev.forge.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConcurrentIndexIT extends EngineTestSupport {

	ConcurrentIndexIT(TestDatabase database) {
		super(database);
	}

	@BeforeEach
	void reset() {
		this.database.execute("CREATE TABLE users (id int, email text); INSERT INTO users VALUES (1, 'a@x'), (2, 'a@x')");
	}

	private Forge forge() {
		return configure().load();
	}

	@Test
	void createIndexConcurrentlyRunsOutsideATransactionAndLeavesAValidIndex() {
		this.folder.write("0001_index.sql", "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");

		ApplyResult result = forge().apply();

		assertThat(result.applied()).singleElement()
			.satisfies((execution) -> assertThat(execution.transactional()).isFalse());
		assertThat(this.database.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_email_idx'::regclass"))
			.isEqualTo(true);
		assertThat(this.database.column("SELECT name FROM forge_migrations WHERE success")).containsExactly("0001_index");
	}

	@Test
	void aGeneratedIndexThatAKilledRunBuiltButDidNotRecordIsNotAnErrorNextTime() {
		// what a node killed between the build and its history row leaves: the index, no row
		this.database.execute("CREATE INDEX users_email_idx ON users (email)");
		this.folder.write("0001_index.sql", "-- Up\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);\n"
				+ "-- Down\nDROP INDEX CONCURRENTLY IF EXISTS users_email_idx;\n");

		forge().apply();

		assertThat(this.database.column("SELECT name FROM forge_migrations WHERE success")).containsExactly("0001_index");
		forge().rollback();
		this.database.execute("CREATE INDEX users_email_idx ON users (email)");
		this.database.execute("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'users_email_idx'::regclass");
		forge().apply();

		assertThat(this.database.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_email_idx'::regclass"))
			.as("an INVALID leftover is dropped and built again, not kept by IF NOT EXISTS")
			.isEqualTo(true);
	}

	@Test
	void aFailedConcurrentIndexLeavesNoInvalidIndexAndTheMigrationIsFailed() {
		this.folder.write("0001_unique.sql", "-- Up\nCREATE TABLE audit (id int);\n"
				+ "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n");

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().apply())
			.withMessageContaining("0001_unique.sql, line 3")
			.withMessageContaining("could not create unique index")
			.withMessageContaining("Its first 1 statement took effect")
			.withMessageContaining("marked FAILED");

		assertThat(this.database.value("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isEqualTo(0L);
		assertThat(this.database.value("SELECT to_regclass('users_email_key')")).isNull();
		assertThat(forge().status().inState(MigrationState.FAILED)).extracting(MigrationInfo::name)
			.containsExactly("0001_unique");
	}

	@Test
	void aFailedNoTransactionMigrationResumesAtTheStatementThatFailed() {
		this.folder.write("0001_unique.sql", "-- Up\nCREATE TABLE audit (id int);\n"
				+ "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n"
				+ "CREATE INDEX CONCURRENTLY audit_id_idx ON audit (id);\n");
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().apply());
		this.database.execute("DELETE FROM users WHERE id = 2");

		ApplyResult result = forge().apply();

		assertThat(result.applied()).singleElement().satisfies((execution) -> {
			assertThat(execution.name()).isEqualTo("0001_unique");
			assertThat(execution.statements()).isEqualTo(2);
		});
		assertThat(this.database.value("SELECT indisunique FROM pg_index WHERE indexrelid = 'users_email_key'::regclass"))
			.isEqualTo(true);
		assertThat(forge().status().inState(MigrationState.APPLIED)).hasSize(1);
	}

	@Test
	void anInvalidIndexLeftByAKilledRunIsDroppedBeforeTheRetry() {
		this.folder.write("0001_index.sql", "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");
		this.database.execute("CREATE INDEX users_email_idx ON users (email);"
				+ " UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'users_email_idx'::regclass;");

		forge().apply();

		assertThat(this.database.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_email_idx'::regclass"))
			.isEqualTo(true);
	}

	@Test
	void anInvalidIndexLeftByAKilledRunOfAnUnnamedIndexIsDroppedOnceTheRetryBuiltIt() {
		this.folder.write("0001_index.sql", "CREATE INDEX CONCURRENTLY ON users (email);\n");
		this.database.execute("CREATE INDEX ON users (email); CREATE INDEX ON users (id); UPDATE pg_index"
				+ " SET indisvalid = false WHERE indrelid = 'users'::regclass");

		forge().apply();

		assertThat(this.database.query("SELECT indexrelid::regclass::text AS name, indisvalid FROM pg_index"
				+ " WHERE indrelid = 'users'::regclass ORDER BY 1"))
			.as("the retry's index replaces the killed run's; another INVALID index stays")
			.containsExactly(Map.of("name", "users_email_idx1", "indisvalid", true),
					Map.of("name", "users_id_idx", "indisvalid", false));
	}

	@Test
	void repairForgetsAFailedRunSoItStartsOver() {
		this.folder.write("0001_unique.sql", "-- Up\nCREATE TABLE audit (id int);\n"
				+ "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n");
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().apply());
		this.database.execute("DROP TABLE audit; DELETE FROM users WHERE id = 2");

		RepairResult repair = forge().repair();
		forge().apply();

		assertThat(repair.failedRunsRemoved()).containsExactly("0001_unique");
		assertThat(this.database.tableExists("audit")).isTrue();
		assertThat(forge().status().inState(MigrationState.APPLIED)).hasSize(1);
	}

	@Test
	void theNoTransactionDirectiveRunsEachStatementOnItsOwn() {
		this.folder.write("0001_each.sql", "-- forge:no-transaction\n-- Up\nCREATE TABLE a (id int);\n"
				+ "CREATE TABLE a (id int);\n");

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().apply());

		assertThat(this.database.tableExists("a")).as("the first statement was committed on its own").isTrue();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			DROP INDEX CONCURRENTLY users_email_idx;           | 0
			REINDEX INDEX CONCURRENTLY users_email_idx;        | 1
			REINDEX (VERBOSE) TABLE CONCURRENTLY users;        | 1
			""")
	void concurrentDropAndReindexWaitForOlderTransactionsBeyondTheLockTimeout(String statement, long indexesAfter)
			throws SQLException {
		this.database.execute("CREATE INDEX users_email_idx ON users (email)");
		this.folder.write("0001_index.sql", statement + "\n");
		long start = System.nanoTime();
		try (Connection reader = this.database.connect()) {
			reader.setAutoCommit(false);
			execute(reader, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM users");
			CompletableFuture<Void> end = CompletableFuture.runAsync(() -> rollback(reader), after(2500));

			ApplyResult result = configure().lockTimeout(Duration.ofSeconds(1)).load().apply();

			end.join();
			assertThat(result.applied()).extracting(MigrationExecution::name).containsExactly("0001_index");
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for the older transaction")
			.isGreaterThan(Duration.ofSeconds(2));
		assertThat(this.database.value("SELECT count(*) FROM pg_index WHERE indrelid = 'users'::regclass AND indisvalid"))
			.isEqualTo(indexesAfter);
		assertThat(this.database.value("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isEqualTo(0L);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email); | users_email_key
			CREATE UNIQUE INDEX CONCURRENTLY ON users (email);                 | users_email_idx
			""")
	void theCleanUpAfterAFailedConcurrentIndexSparesAnIndexAnotherSessionIsBuilding(String statement, String name)
			throws SQLException {
		this.database.execute("CREATE TABLE audit (id int)");
		this.folder.write("0001_unique.sql", statement + "\n");
		try (Connection usersWriter = this.database.connect(); Connection auditWriter = this.database.connect();
				Connection builder = this.database.connect()) {
			// the writers hold up FORGE's index on users and the other session's on audit
			usersWriter.setAutoCommit(false);
			execute(usersWriter, "INSERT INTO users VALUES (3, 'c@x')");
			auditWriter.setAutoCommit(false);
			execute(auditWriter, "INSERT INTO audit VALUES (1)");
			CompletableFuture<Void> build = CompletableFuture
				.runAsync(() -> execute(builder, "CREATE INDEX CONCURRENTLY other_idx ON audit (id)"), after(1000));
			CompletableFuture.runAsync(() -> rollback(usersWriter), after(2500));
			CompletableFuture<Void> releaseAudit = CompletableFuture.runAsync(() -> rollback(auditWriter), after(5000));

			assertThatExceptionOfType(MigrationFailedException.class)
				.isThrownBy(() -> configure().lockTimeout(Duration.ofSeconds(10)).load().apply())
				.withMessageContaining("could not create unique index");

			assertThat(this.database.value("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('other_idx')"))
				.as("other_idx is still being built").isEqualTo(false);
			assertThat(this.database.value("SELECT count(*) FROM pg_index WHERE indrelid = 'users'::regclass"))
				.as("no index left on users").isEqualTo(0L);
			releaseAudit.join();
			build.join();
		}
		this.database.execute("DELETE FROM users WHERE id = 2");

		configure().load().apply();

		assertThat(this.database.value("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('" + name + "')"))
			.isEqualTo(true);
		assertThat(this.database.value("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('other_idx')"))
			.isEqualTo(true);
	}

	private static Executor after(long millis) {
		return CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS);
	}

	private static void execute(Connection connection, String sql) {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void rollback(Connection connection) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
