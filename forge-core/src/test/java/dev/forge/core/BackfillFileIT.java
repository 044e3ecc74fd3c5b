package dev.forge.core;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Backfill files made from a typed {@code UPDATE}: rendered with the next number, checked as
 * {@code apply} checks them (problems name the line of the typed SQL), written once
 * reviewed, and then applied like any backfill file.
 */
class BackfillFileIT extends EngineTestSupport {

	private static final String UPDATE = "UPDATE documents\nSET word_count = 1\nWHERE word_count IS NULL";

	BackfillFileIT(TestDatabase database) {
		super(database);
	}

	private Forge forge() {
		return configure().outputDirectory(this.folder.directory()).load();
	}

	@BeforeEach
	void documents() {
		this.folder.write("0001_documents.sql",
				"CREATE TABLE documents (id bigint PRIMARY KEY, word_count integer);\n"
						+ "CREATE TABLE keyless (id bigint, word_count integer);\n");
		forge().apply();
		this.database.execute("INSERT INTO documents (id) SELECT i FROM generate_series(1, 500) AS i");
	}

	@Test
	void rendersTheNextNumberedBackfillFileWithTheDirectiveAndWritesItOnceReviewed() throws Exception {
		Forge forge = forge();

		GeneratedMigration file = forge.backfillFile("Backfill word count", UPDATE + ";\n", "batch-size=100 pause=5ms");

		assertThat(file.name()).matches("0002_\\d{8}_\\d{6}_backfill_word_count");
		assertThat(file.content()).startsWith("-- Migration: " + file.name() + "\n-- Generated: ")
			.contains("\n-- forge:backfill batch-size=100 pause=5ms\n")
			.contains("\n-- Up\n" + UPDATE + ";\n")
			.contains("-- forge:after-backfill " + file.name());
		assertThat(Files.exists(this.folder.directory().resolve(file.fileName()))).as("nothing written yet").isFalse();

		GenerationResult written = forge.writeBackfillFile(file);

		Path path = this.folder.directory().resolve(file.fileName());
		assertThat(written.files()).containsExactly(path);
		assertThat(Files.readString(path)).isEqualTo(file.content());
		ApplyResult applied = forge.apply();
		assertThat(applied.applied()).extracting(MigrationExecution::name).containsExactly(file.name());
		assertThat(forge.backfills().find(file.name())).hasValueSatisfying((job) -> {
			assertThat(job.status()).isEqualTo(JobStatus.PENDING);
			assertThat(job.options()).contains("batch-size=100");
		});
		assertThat(forge.runBackfill(file.name()).job().status()).isEqualTo(JobStatus.DONE);
		assertThat(this.database.value("SELECT count(*) FROM documents WHERE word_count = 1")).isEqualTo(500L);
	}

	@Test
	void problemsNameTheLineOfTheTypedSql() {
		Forge forge = forge();
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> forge.backfillFile("two", "UPDATE documents SET word_count = 1 WHERE word_count IS NULL;\n"
					+ "\nDELETE FROM documents;", ""))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3))
			.withMessageStartingWith("the backfill SQL:3: a backfill file holds exactly one statement");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> forge.backfillFile("no where", "\n\nUPDATE documents SET word_count = 1", ""))
			.withMessageStartingWith("the backfill SQL:3: the backfill's UPDATE has no WHERE");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> forge.backfillFile("delete", "DELETE FROM documents WHERE id > 3", ""))
			.withMessageContaining("the backfill SQL:1: a backfill file's statement must be 'UPDATE");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> forge.backfillFile("missing", "UPDATE nowhere SET a = 1 WHERE a IS NULL", ""))
			.withMessage("the backfill SQL:1: the backfill's table nowhere does not exist; apply the migration that"
					+ " creates it first");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> forge.backfillFile("keyless", "-- fill it\nUPDATE keyless SET word_count = 1"
					+ " WHERE word_count IS NULL", ""))
			.withMessageStartingWith("the backfill SQL:2: the backfill's table keyless has no primary key");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> forge.backfillFile("quote", "UPDATE documents\nSET word_count = 'x\nWHERE true", ""))
			.withMessageStartingWith("the backfill SQL:2: ");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> forge.backfillFile("options", UPDATE, "batch-size=lots"))
			.withMessageContaining("the backfill options: backfill option 'batch-size' needs a whole number");
	}

	@Test
	void aReviewedFileIsNotWrittenOnceAnotherMigrationTookItsNumber() throws Exception {
		Forge forge = forge();
		GeneratedMigration file = forge.backfillFile("backfill word count", UPDATE, "");
		this.folder.write("0002_other.sql", "CREATE TABLE other (id int PRIMARY KEY);\n");

		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge.writeBackfillFile(file))
			.withMessageContaining("Another migration took number 0002")
			.withMessageContaining("No file was written");
		assertThat(Files.exists(this.folder.directory().resolve(file.fileName()))).isFalse();
	}

}
