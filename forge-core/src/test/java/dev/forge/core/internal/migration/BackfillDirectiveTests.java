package dev.forge.core.internal.migration;

import java.time.Duration;

import dev.forge.core.MigrationFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BackfillDirectiveTests {

	private static MigrationScript parse(String content) {
		return MigrationScriptParser.parse(new MigrationName("0001_fill", "0001"), "0001_fill.sql", content);
	}

	private static BackfillUpdate update(String content) {
		MigrationScript script = parse(content);
		return BackfillUpdate.of(script.location(), script.directives().directiveLine(), script.up());
	}

	@Test
	void optionsOnTheDirectiveLine() {
		MigrationScript script = parse("-- forge:backfill batch-size=500 pause=50ms max-rows-per-second=5000"
				+ " lock-timeout=2s\nUPDATE t SET x = 1 WHERE x IS NULL;\n");

		assertThat(script.directives().backfill())
			.isEqualTo(new BackfillOptions(500, Duration.ofMillis(50), 5000, "2s"));
		assertThat(script.directives().directiveLine()).isEqualTo(1);
		assertThat(script.directives().backfill().lockTimeoutOr(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void noOptionsAreTheDefaults() {
		assertThat(parse("-- forge:backfill\nUPDATE t SET x = 1 WHERE x IS NULL;\n").directives().backfill())
			.isEqualTo(BackfillOptions.DEFAULTS);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			batch-size=-1         | 'batch-size' needs a whole number from 1 to 1000000, not '-1'
			batch-size=2000000    | 'batch-size' needs a whole number from 1 to 1000000
			max-rows-per-second=x | 'max-rows-per-second' needs a whole number
			pause=5 minutes       | needs the form key=value
			lock-timeout=2sec     | 'lock-timeout' needs a duration
			size=5                | unknown backfill option 'size'
			""")
	void badOptionsNameFileAndLine(String options, String problem) {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- header\n-- forge:backfill " + options + "\nUPDATE t SET x = 1 WHERE x IS NULL;\n"))
			.withMessageContaining("0001_fill.sql:2:")
			.withMessageContaining(problem);
	}

	@Test
	void theUpdateIsTakenApart() {
		BackfillUpdate update = update("-- forge:backfill\n-- Up\nUPDATE ONLY \"App\".documents AS d\n"
				+ "SET word_count = (SELECT count(*) FROM words w WHERE w.doc = d.id), note = 'a WHERE b'\n"
				+ "WHERE d.word_count IS NULL AND d.id IN (SELECT doc FROM words);\n-- Down\nSELECT 1;\n");

		assertThat(update.table()).isEqualTo("\"App\".documents");
		assertThat(update.alias()).isEqualTo("d");
		assertThat(update.reference()).isEqualTo("d");
		assertThat(update.set())
			.isEqualTo("word_count = (SELECT count(*) FROM words w WHERE w.doc = d.id), note = 'a WHERE b'");
		assertThat(update.predicate()).isEqualTo("d.word_count IS NULL AND d.id IN (SELECT doc FROM words)");
		assertThat(update.line()).isEqualTo(3);
	}

	@Test
	void aTableWithoutAliasIsItsOwnReference() {
		BackfillUpdate update = update("-- forge:backfill\nUPDATE public.t SET x = 1 WHERE x IS NULL");

		assertThat(update.alias()).isNull();
		assertThat(update.reference()).isEqualTo("public.t");
	}

	@Test
	void isDistinctFromIsAComparisonNotAFromList() {
		BackfillUpdate update = update("-- forge:backfill\nUPDATE t SET b = a::text, d = (a IS NOT DISTINCT FROM c)\n"
				+ "WHERE b IS DISTINCT FROM a::text OR d IS NULL");

		assertThat(update.set()).isEqualTo("b = a::text, d = (a IS NOT DISTINCT FROM c)");
		assertThat(update.predicate()).isEqualTo("b IS DISTINCT FROM a::text OR d IS NULL");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> update("-- forge:backfill\nUPDATE t SET b = o.b FROM o WHERE o.id = t.id AND b IS NULL"))
			.withMessageContaining("UPDATE ... FROM");
	}

	@Test
	void afterBackfillNamesAMigration() {
		MigrationScript script = parse("-- forge:after-backfill 0004_backfill_word_count\nSELECT 1;\n");

		assertThat(script.directives().afterBackfills()).containsExactly("0004_backfill_word_count");
		assertThat(script.directives().backfill()).isNull();
	}

	@Test
	void afterBackfillMayNameAJavaBackfill() {
		MigrationScript script = parse("-- forge:after-backfill backfill_word_count\nSELECT 1;\n");

		assertThat(script.directives().afterBackfills()).containsExactly("backfill_word_count");
	}

	@Test
	void afterBackfillMayNameSeveralJobs() {
		MigrationScript script = parse("-- forge:after-backfill 0002_fill_projects 0003_fill_tasks, backfill_word_count\n"
				+ "SELECT 1;\n");

		assertThat(script.directives().afterBackfills()).containsExactly("0002_fill_projects", "0003_fill_tasks",
				"backfill_word_count");
	}

	@Test
	void afterBackfillNeedsAMigrationName() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- forge:after-backfill 0004_fill Word-Count\nSELECT 1;\n"))
			.withMessageContaining("0001_fill.sql:1:")
			.withMessageContaining("needs the names of backfill files")
			.withMessageContaining("not 'Word-Count'");
	}

	@Test
	void backfillAndAfterBackfillDoNotMix() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- forge:backfill\n-- forge:after-backfill 0002_x\nUPDATE t SET x = 1 WHERE x;\n"))
			.withMessageContaining("0001_fill.sql:2:")
			.withMessageContaining("at most one");
	}

	@Test
	void returningAndWhereCurrentOfAreRefused() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- forge:backfill\nUPDATE t SET x = 1 WHERE x IS NULL\nRETURNING x;\n"))
			.withMessageContaining("0001_fill.sql:3:")
			.withMessageContaining("RETURNING");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- forge:backfill\nUPDATE t SET x = 1 WHERE CURRENT OF c;\n"))
			.withMessageContaining("WHERE CURRENT OF");
	}

}
