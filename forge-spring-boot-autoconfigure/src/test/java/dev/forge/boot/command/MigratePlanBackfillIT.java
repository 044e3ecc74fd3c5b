package dev.forge.boot.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.actuate.endpoint.ForgeMigrationsEndpoint;
import dev.forge.core.Forge;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pending backfill file as {@code migrate plan} and the {@code forge-migrations} endpoint
 * show it: table, key, predicate, rows and batch plan, and the file that waits for its job.
 */
@PostgresTest
class MigratePlanBackfillIT {

	private static final String BACKFILL = "0002_backfill_word_count";

	private final TestDatabase database;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private ForgeOperations operations;

	@TempDir
	private Path folder;

	MigratePlanBackfillIT(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void documentsWithABackfillAndAFileThatWaitsForIt() throws Exception {
		this.database.reset();
		Files.writeString(this.folder.resolve("0001_documents.sql"),
				"CREATE TABLE documents (id bigint PRIMARY KEY, body text NOT NULL, word_count integer);\n");
		this.operations = new ForgeOperations(Forge.configure()
			.dataSource(this.database.dataSource())
			.locations("filesystem:" + this.folder)
			.load(), List.of());
		this.operations.apply();
		this.database.execute("INSERT INTO documents SELECT i, 'word ' || i, CASE WHEN i % 4 = 0 THEN NULL ELSE 2"
				+ " END FROM generate_series(1, 2000) AS i");
		Files.writeString(this.folder.resolve(BACKFILL + ".sql"), """
				-- forge:backfill batch-size=100 lock-timeout=2s
				-- Up
				UPDATE documents SET word_count = 2 WHERE word_count IS NULL;
				""");
		Files.writeString(this.folder.resolve("0003_word_count_required.sql"), "-- forge:after-backfill " + BACKFILL
				+ "\nALTER TABLE documents ADD CONSTRAINT counted CHECK (word_count IS NOT NULL) NOT VALID;\n");
	}

	@Test
	void planShowsTheBackfillAndThatTheNextFileWaitsForItsJob() {
		MigrateCommandLine commandLine = new MigrateCommandLine(this.operations,
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

		assertThat(commandLine.run("migrate", "plan")).isZero();

		assertThat(this.out.toString(StandardCharsets.UTF_8))
			.contains(BACKFILL + " (one transaction)\n  backfill of documents (key id): 500 rows WHERE word_count IS"
					+ " NULL, batches of 100 adapting toward 200ms, lock_timeout 2s, ~5 batches; runs after apply,"
					+ " not in it\n  line 3: UPDATE documents SET word_count = 2 WHERE word_count IS NULL\n")
			.contains("0003_word_count_required (one transaction) — waits for backfill job " + BACKFILL
					+ ", which is not applied yet (PENDING).")
			.contains("apply would run 1 of 2 and leave 0003_word_count_required and what follows pending until the"
					+ " backfill job it waits for is DONE.");
		assertThat(this.database.value("SELECT count(*) FROM documents WHERE word_count IS NULL")).isEqualTo(500L);
	}

	@Test
	void theMigrationsEndpointDescribesTheBackfillOfAPendingBackfillFile() {
		JsonNode body = JsonMapper.builder().build()
			.valueToTree(new ForgeMigrationsEndpoint(this.operations).migrations());

		JsonNode migrations = body.get("migrations");
		assertThat(migrations.get(0).get("backfill").isNull()).as("applied file").isTrue();
		assertThat(migrations.get(2).get("backfill").isNull()).as("file that waits").isTrue();
		JsonNode backfill = migrations.get(1).get("backfill");
		assertThat(migrations.get(1).get("name").asString()).isEqualTo(BACKFILL);
		assertThat(backfill.get("table").asString()).isEqualTo("documents");
		assertThat(backfill.get("keyColumns").toString()).isEqualTo("[\"id\"]");
		assertThat(backfill.get("set").asString()).isEqualTo("word_count = 2");
		assertThat(backfill.get("predicate").asString()).isEqualTo("word_count IS NULL");
		assertThat(backfill.get("estimatedRows").asLong()).isEqualTo(500);
		assertThat(backfill.get("rowCount").asString()).isEqualTo("COUNTED");
		assertThat(backfill.get("firstBatchSize").asInt()).isEqualTo(100);
		assertThat(backfill.get("targetBatchMillis").asLong()).isEqualTo(200);
		assertThat(backfill.get("lockTimeoutMillis").asLong()).isEqualTo(2000);
		assertThat(backfill.get("pauseMillis").asLong()).isZero();
		assertThat(backfill.get("maxRowsPerSecond").asInt()).isZero();
		assertThat(backfill.get("estimatedBatches").asLong()).isEqualTo(5);
		assertThat(backfill.get("description").asString()).startsWith("backfill of documents (key id): 500 rows");
	}

}
