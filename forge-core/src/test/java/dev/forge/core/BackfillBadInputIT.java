package dev.forge.core;

import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Backfill files a user gets wrong: each is an error naming file and line before anything
 * runs, and nothing is recorded.
 */
class BackfillBadInputIT extends EngineTestSupport {

	BackfillBadInputIT(TestDatabase database) {
		super(database);
	}

	@BeforeEach
	void documents() {
		this.database.execute("CREATE TABLE documents (id bigint PRIMARY KEY, body text, word_count int)");
		this.database.execute("CREATE TABLE no_key (body text, word_count int)");
		this.folder.write("0001_first.sql", "CREATE TABLE first (id int PRIMARY KEY);\n");
	}

	private void refused(String file, String content, int line, String... problem) {
		this.folder.write(file, content);
		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> configure().load().apply())
			.withMessageContaining(file + ":" + line + ":")
			.satisfies((ex) -> assertThat(ex.getMessage()).contains(problem))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(line));
		assertThat(this.database.tableExists("first")).as("nothing runs").isFalse();
		assertThat(this.database.tableExists("forge_jobs")).isFalse();
	}

	@Test
	void twoStatements() {
		refused("0002_fill.sql", "-- forge:backfill\n-- Up\nUPDATE documents SET word_count = 1 WHERE word_count IS NULL;\n"
				+ "UPDATE documents SET body = '' WHERE body IS NULL;\n", 4, "exactly one statement",
				"a second one (the UPDATE is on line 3)");
	}

	@Test
	void notAnUpdate() {
		refused("0002_fill.sql", "-- forge:backfill\nDELETE FROM documents WHERE word_count IS NULL;\n", 2,
				"must be 'UPDATE <table> SET ... WHERE <rows still to do>', not 'DELETE ...'");
	}

	@Test
	void noWhere() {
		refused("0002_fill.sql", "-- forge:backfill\n\nUPDATE documents\n  SET word_count = 1;\n", 3, "has no WHERE");
	}

	@Test
	void updateFrom() {
		refused("0002_fill.sql", "-- forge:backfill\nUPDATE documents d SET word_count = 1\nFROM first f\n"
				+ "WHERE f.id = d.id AND d.word_count IS NULL;\n", 3, "cannot be 'UPDATE ... FROM'");
	}

	@Test
	void noStatement() {
		refused("0002_fill.sql", "-- forge:backfill\n-- Up\n-- nothing yet\n", 1, "has none");
	}

	@Test
	void tableWithoutPrimaryKey() {
		refused("0002_fill.sql", "-- forge:backfill\n-- Up\n\nUPDATE no_key SET word_count = 1 WHERE word_count IS NULL;\n",
				4, "table no_key has no primary key");
	}

	@Test
	void unknownOption() {
		refused("0002_fill.sql", "-- a comment\n-- forge:backfill batch-size=100 speed=fast\n"
				+ "UPDATE documents SET word_count = 1 WHERE word_count IS NULL;\n", 2, "unknown backfill option 'speed'");
	}

	@Test
	void badValues() {
		refused("0002_fill.sql", "-- forge:backfill batch-size=0\nUPDATE documents SET word_count = 1"
				+ " WHERE word_count IS NULL;\n", 1, "'batch-size' needs a whole number from 1");
		refused("0002_fill.sql", "-- forge:backfill pause=soon\nUPDATE documents SET word_count = 1"
				+ " WHERE word_count IS NULL;\n", 1, "'pause' needs a duration");
		refused("0002_fill.sql", "-- forge:backfill lock-timeout=2 s\nUPDATE documents SET word_count = 1"
				+ " WHERE word_count IS NULL;\n", 1, "needs the form key=value");
	}

	@Test
	void unknownJobInAfterBackfill() {
		refused("0002_after.sql", "-- forge:after-backfill 0009_nothing_like_it\n-- Up\n"
				+ "ALTER TABLE documents ALTER COLUMN word_count SET NOT NULL;\n", 1,
				"'-- forge:after-backfill 0009_nothing_like_it' names no backfill job");
	}

	@Test
	void afterBackfillOnAFileThatIsNoBackfill() {
		this.folder.write("0002_plain.sql", "UPDATE documents SET word_count = 1 WHERE word_count IS NULL;\n");
		refused("0003_after.sql", "-- forge:after-backfill 0002_plain\nSELECT 1;\n", 1, "names no backfill job");
	}

	@Test
	void aTableCreatedInTheSameRunIsCheckedWhenTheFileIsApplied() {
		this.folder.write("0002_table.sql", "CREATE TABLE later_no_key (word_count int);\n");
		this.folder.write("0003_fill.sql", "-- forge:backfill\nUPDATE later_no_key SET word_count = 1"
				+ " WHERE word_count IS NULL;\n");

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> configure().load().apply())
			.withMessageContaining("0003_fill.sql:2:")
			.withMessageContaining("has no primary key");
		assertThat(this.database.column("SELECT name FROM forge_migrations ORDER BY name"))
			.containsExactly("0001_first", "0002_table");
		assertThat(this.database.value("SELECT to_regclass('forge_jobs') IS NULL")).isEqualTo(true);
	}

}
