package dev.forge.core;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * {@code forge.migrations.statement-timeout} and {@code -- forge:statement-timeout}: a
 * statement that runs too long is cancelled by PostgreSQL, and the migration fails with the
 * file, the line and the timeout, leaving nothing half done; {@code CONCURRENTLY} statements
 * run without the configured one; the analysis reports a long scan that nothing bounds.
 */
class StatementTimeoutIT extends EngineTestSupport {

	StatementTimeoutIT(TestDatabase database) {
		super(database);
	}

	@Test
	void aStatementLongerThanTheConfiguredTimeoutIsCancelledAndTheMigrationRolledBack() {
		this.folder.write("0001_slow.sql", "CREATE TABLE reports (id int);\nINSERT INTO reports VALUES (1);\n"
				+ "SELECT pg_sleep(1.5);\n");

		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> configure().statementTimeout(Duration.ofMillis(700)).load().apply())
			.withMessageStartingWith("Migration 0001_slow was cancelled after statement_timeout 700ms ("
					+ this.folder.directory().resolve("0001_slow.sql") + ", line 3).")
			.withMessageContaining("SELECT pg_sleep(1.5)")
			.withMessageContaining("Its transaction was rolled back and nothing was recorded")
			.withMessageContaining("'forge.migrations.statement-timeout'");
		assertThat(this.database.tableExists("reports")).isFalse();
		assertThat(this.database.value("SELECT count(*) FROM forge_migrations")).isEqualTo(0L);

		// the connections keep no timeout: without one the same file applies
		configure().load().apply();
		assertThat(this.database.tableExists("reports")).isTrue();
	}

	@Test
	void theFilesOwnTimeoutBoundsItsStatementsInATransactionOrNot() {
		this.folder.write("0001_bounded.sql", "-- forge:statement-timeout 500ms\n-- forge:no-transaction\n-- Up\n"
				+ "CREATE TABLE reports (id int);\nSELECT pg_sleep(5);\n");

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> configure().load().apply())
			.withMessageStartingWith("Migration 0001_bounded was cancelled after statement_timeout 500ms ("
					+ this.folder.directory().resolve("0001_bounded.sql") + ", line 5).")
			.withMessageContaining("Its first 1 statement took effect; it is marked FAILED");
		assertThat(this.database.value("SELECT success FROM forge_migrations")).isEqualTo(false);
	}

	@Test
	void createIndexConcurrentlyRunsWithoutTheConfiguredTimeout() throws Exception {
		this.database.execute("CREATE TABLE items (id int); INSERT INTO items SELECT generate_series(1, 1000)");
		this.folder.write("0001_index.sql", "CREATE INDEX CONCURRENTLY items_id_idx ON items (id);\n");
		try (Connection writer = this.database.connect()) {
			// an open writing transaction that the index build must wait for, longer than the timeout
			writer.setAutoCommit(false);
			try (Statement statement = writer.createStatement()) {
				statement.execute("INSERT INTO items VALUES (0)");
			}
			CompletableFuture<ApplyResult> apply = CompletableFuture
				.supplyAsync(() -> configure().statementTimeout(Duration.ofMillis(500)).load().apply());
			await().atMost(Duration.ofSeconds(10))
				.until(() -> !this.database.column("SELECT pid FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX"
						+ " CONCURRENTLY%' AND wait_event_type = 'Lock'").isEmpty());
			Thread.sleep(1000);
			writer.commit();
			apply.get(30, TimeUnit.SECONDS);
		}
		assertThat(this.database.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_id_idx'::regclass"))
			.isEqualTo(true);
	}

	@Test
	void planReportsALongScanThatNoTimeoutBoundsWithItsEstimate() {
		this.database.execute("CREATE TABLE items (id int); INSERT INTO items SELECT generate_series(1, 1000);"
				+ " ANALYZE items; UPDATE pg_class SET reltuples = 48000000 WHERE oid = 'items'::regclass");
		this.folder.write("0001_index.sql", "CREATE INDEX items_id_idx ON items (id);\n");

		MigrationPlan unbounded = configure().load().plan();
		assertThat(unbounded.migrations().get(0).findings()).extracting(Finding::operation, Finding::cost)
			.containsExactly(tuple("CREATE INDEX", "SHARE, scan of ~48M rows, seconds"),
					tuple("NO STATEMENT TIMEOUT", "SHARE, scan of ~48M rows, seconds"));

		assertThat(configure().statementTimeout(Duration.ofMinutes(1)).load().plan().migrations().get(0).findings())
			.extracting(Finding::operation)
			.containsExactly("CREATE INDEX");
		this.folder.write("0001_index.sql", "-- forge:statement-timeout 1min\nCREATE INDEX items_id_idx ON items (id);\n");
		assertThat(configure().load().plan().migrations().get(0).findings()).extracting(Finding::operation)
			.containsExactly("CREATE INDEX");
		this.folder.write("0001_index.sql", "SET statement_timeout = '1min';\nCREATE INDEX items_id_idx ON items (id);\n");
		assertThat(configure().load().plan().migrations().get(0).findings()).extracting(Finding::operation)
			.containsExactly("SET statement_timeout", "CREATE INDEX");
	}

}
