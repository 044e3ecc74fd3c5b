package dev.forge.core.internal.migration;

import java.time.Duration;

import dev.forge.core.MigrationFileException;
import dev.forge.core.internal.script.SqlStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationScriptParserTests {

	private static MigrationScript parse(String content) {
		return MigrationScriptParser.parse(new MigrationName("0001_test", "0001"), "0001_test.sql", content);
	}

	@Test
	void aFileWithoutMarkersIsAllUp() {
		MigrationScript script = parse("CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n");

		assertThat(script.up()).extracting(SqlStatement::sql)
			.containsExactly("CREATE TABLE a (id int)", "CREATE TABLE b (id int)");
		assertThat(script.hasDown()).isFalse();
		assertThat(script.down()).isEmpty();
	}

	@Test
	void upAndDownSectionsAreSeparatedAndKeepTheirFileLines() {
		MigrationScript script = parse("-- Migration: 0001_test\n-- Generated: 2024-01-10T10:00:00Z\n-- Up\n"
				+ "ALTER TABLE projects ADD COLUMN description TEXT;\n\n-- Down\nALTER TABLE projects DROP COLUMN"
				+ " description;\n");

		assertThat(script.up()).singleElement().satisfies((statement) -> {
			assertThat(statement.sql()).isEqualTo("ALTER TABLE projects ADD COLUMN description TEXT");
			assertThat(statement.line()).isEqualTo(4);
		});
		assertThat(script.down()).singleElement().satisfies((statement) -> {
			assertThat(statement.sql()).isEqualTo("ALTER TABLE projects DROP COLUMN description");
			assertThat(statement.line()).isEqualTo(7);
		});
		assertThat(script.hasDown()).isTrue();
	}

	@Test
	void markersAreCaseInsensitiveAndMayBeIndented() {
		MigrationScript script = parse("  -- up\nSELECT 1;\n\t-- DOWN  \nSELECT 2;\n");

		assertThat(script.up()).extracting(SqlStatement::sql).containsExactly("SELECT 1");
		assertThat(script.down()).extracting(SqlStatement::sql).containsExactly("SELECT 2");
	}

	@Test
	void aMarkerInsideADollarBodyOrAfterCodeIsNotAMarker() {
		MigrationScript script = parse("-- Up\nCREATE FUNCTION f() RETURNS int AS $$\n-- Down\nSELECT 1;\n$$ LANGUAGE sql;"
				+ " -- Down\n");

		assertThat(script.hasDown()).isFalse();
		assertThat(script.up()).hasSize(1);
	}

	@Test
	void anEmptyDownSectionIsADownSectionWithNothingToRun() {
		MigrationScript script = parse("-- Up\nINSERT INTO t VALUES (1);\n-- Down\n-- nothing to undo\n");

		assertThat(script.hasDown()).isTrue();
		assertThat(script.down()).isEmpty();
	}

	@Test
	void directivesBeforeUpAreRead() {
		MigrationScript script = parse("-- forge:no-transaction\n-- forge:allow-breaking\n-- forge:lock-timeout 10s\n"
				+ "-- Up\nDROP TABLE legacy;\n");

		assertThat(script.directives()).isEqualTo(new Directives(true, true, "10s"));
		assertThat(script.directives().lockTimeoutDuration()).isEqualTo(Duration.ofSeconds(10));
		assertThat(script.upRunsWithoutTransaction()).isTrue();
	}

	@Test
	void theDeferredDirectiveMarksTheLaterPhaseOfATwoPhaseChange() {
		MigrationScript script = parse("-- forge:deferred\n-- Up\nALTER TABLE t DROP COLUMN c;\n");

		assertThat(script.directives()).isEqualTo(new Directives(false, false, true, null));
	}

	@Test
	void directivesAtTheTopOfAFileWithoutMarkersAreRead() {
		MigrationScript script = parse("-- forge:allow-breaking\nALTER TABLE t DROP COLUMN c;\n");

		assertThat(script.directives().allowBreaking()).isTrue();
	}

	@Test
	void aConcurrentIndexMakesTheSectionRunWithoutATransaction() {
		MigrationScript script = parse("-- Up\nCREATE INDEX CONCURRENTLY i ON t (c);\n-- Down\nDROP INDEX i;\n");

		assertThat(script.upRunsWithoutTransaction()).isTrue();
		assertThat(script.downRunsWithoutTransaction()).isFalse();
	}

	@Test
	void aLeadingSetLockTimeoutIsTheFilesLockTimeout() {
		assertThat(parse("SET lock_timeout = '2s';\nALTER TABLE t ADD c int;").directives().lockTimeout())
			.isEqualTo("2s");
		assertThat(parse("set local lock_timeout to 750;\nALTER TABLE t ADD c int;").directives().lockTimeout())
			.isEqualTo("750");
		assertThat(parse("ALTER TABLE t ADD c int;\nSET lock_timeout = '2s';").directives().lockTimeout()).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			CREATE TABLE a (id int);\\nCOMMIT;                             | 2 | COMMIT
			BEGIN;\\nCREATE TABLE a (id int);\\nCOMMIT;                     | 1 | BEGIN
			start transaction;\\nSELECT 1;                                 | 1 | start transaction
			SELECT 1;\\nEND;                                               | 2 | END
			SELECT 1;\\nROLLBACK;                                          | 2 | ROLLBACK
			-- Up\\nSELECT 1;\\n-- Down\\nSELECT 2;\\nABORT;                  | 5 | ABORT
			""")
	void transactionControlInASectionThatRunsInATransactionIsAnError(String content, int line, String words) {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse(content.replace("\\n", "\n")))
			.withMessageStartingWith("0001_test.sql:" + line + ": '" + words + "' controls the transaction")
			.withMessageContaining("forge:no-transaction");
	}

	@Test
	void savepointsAndClosedBlocksInAFileWithoutTransactionAreAllowed() {
		assertThat(parse("SAVEPOINT s;\nSELECT 1;\nROLLBACK TO SAVEPOINT s;\nRELEASE SAVEPOINT s;").up()).hasSize(4);
		assertThat(parse("-- forge:no-transaction\n-- Up\nBEGIN;\nUPDATE t SET c = 1 WHERE id < 100;\nCOMMIT;\n"
				+ "START TRANSACTION;\nUPDATE t SET c = 1 WHERE id >= 100;\nEND;").up()).hasSize(6);
	}

	@Test
	void aTransactionBlockLeftOpenInAFileWithoutTransactionIsAnError() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- forge:no-transaction\n-- Up\nBEGIN;\nCOMMIT;\nBEGIN;\nUPDATE t SET c = 1;\n"))
			.withMessage("0001_test.sql:5: 'BEGIN' opens a transaction block that the section never ends; add a"
					+ " COMMIT after it.");
	}

	@Test
	void aStatementThatCannotRunInATransactionBlockInsideOneIsAnErrorBeforeAnythingRuns() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("CREATE TABLE a (id int);\nBEGIN;\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n"
					+ "COMMIT;\n"))
			.withMessage("0001_test.sql:3: 'CREATE INDEX CONCURRENTLY a_id' cannot run inside a transaction block,"
					+ " and the 'BEGIN' on line 2 opens one; move it out of the block (a '-- forge:no-transaction'"
					+ " file runs each statement on its own).");
		assertThat(parse("BEGIN;\nSELECT 1;\nCOMMIT;\nCREATE INDEX CONCURRENTLY a_id ON a (id);").up()).hasSize(4);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-- Up\nSELECT 1;", "SELECT 1;\n  --\tdown\n", "-- FORGE:no-transaction\nSELECT 1;",
			"SELECT 1; -- forge:deferred", "SELECT '-- up';", "CREATE TABLE t (c int); -- update later" })
	void textThatMayHoldAMarkerOrDirectiveIsLexed(String text) {
		assertThat(MigrationScriptParser.mayHoldMarkers(text)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "SELECT 1;", "-- create_bench_t1\nCREATE TABLE t (c int);", "SELECT 1 -- one\n- - up",
			"--\nup", "/* -- */ SELECT 2;" })
	void textWithoutAnyIsHashedWhole(String text) {
		assertThat(MigrationScriptParser.mayHoldMarkers(text)).isFalse();
	}

	@Test
	void anUnknownDirectiveIsAnErrorNamingFileAndLine() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- Migration: x\n-- forge:no-transactions\n-- Up\nSELECT 1;"))
			.withMessageStartingWith("0001_test.sql:2: unknown directive '-- forge:no-transactions'")
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(2));
	}

	@Test
	void aDirectiveAfterUpIsAnErrorRatherThanIgnored() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- Up\nSELECT 1;\n-- forge:allow-breaking\nDROP TABLE t;"))
			.withMessageContaining("0001_test.sql:3")
			.withMessageContaining("must stand before '-- Up'");
	}

	@Test
	void aBadLockTimeoutIsAnError() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- forge:lock-timeout soon\n-- Up\nSELECT 1;"))
			.withMessageContaining("0001_test.sql:1")
			.withMessageContaining("500ms, 10s or 1min");
	}

	@Test
	void theStatementTimeoutDirectiveIsReadLikeTheLockTimeoutOne() {
		MigrationScript script = parse("-- forge:lock-timeout 2s\n-- forge:statement-timeout 30s\n-- Up\nSELECT 1;");
		assertThat(script.directives().statementTimeout()).isEqualTo("30s");
		assertThat(script.directives().lockTimeout()).isEqualTo("2s");
		assertThat(parse("-- Up\nSELECT 1;").directives().statementTimeout()).isNull();
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- forge:no-transaction\n-- forge:statement-timeout half a minute\n-- Up\nSELECT 1;"))
			.withMessage("0001_test.sql:2: '-- forge:statement-timeout' needs a duration that PostgreSQL accepts, such"
					+ " as 500ms, 10s or 1min (a number, fractions allowed, then one of the case-sensitive units us,"
					+ " ms, s, min, h and d; a bare number is milliseconds), not 'half a minute'");
	}

	@Test
	void aLockTimeoutIsReadTheWayPostgresReadsIt() {
		assertThat(parse("-- forge:lock-timeout 1.5s\n-- Up\nSELECT 1;").directives().lockTimeoutDuration())
			.isEqualTo(Duration.ofMillis(1500));
		assertThat(parse("SET lock_timeout = '2 min';\nSELECT 1;").directives().lockTimeoutDuration())
			.isEqualTo(Duration.ofMinutes(2));
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- forge:no-transaction\n-- forge:lock-timeout 3 S\n-- Up\nSELECT 1;"))
			.withMessageContaining("0001_test.sql:2")
			.withMessageContaining("case-sensitive")
			.withMessageContaining("not '3 S'");
	}

	@Test
	void aLeadingSetLockTimeoutThatPostgresWouldRejectIsAnErrorNamingTheLine() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- Up\n\nSET lock_timeout = '10sec';\nALTER TABLE t ADD c int;"))
			.withMessageContaining("0001_test.sql:3")
			.withMessageContaining("'SET lock_timeout' needs a duration")
			.withMessageContaining("not '10sec'");
		assertThat(parse("SET lock_timeout TO DEFAULT;\nALTER TABLE t ADD c int;").directives().lockTimeout())
			.isNull();
	}

	@Test
	void aDirectiveThatTakesNoArgumentRejectsOne() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- forge:no-transaction please\n-- Up\nSELECT 1;"))
			.withMessageContaining("takes no argument");
	}

	@Test
	void markersOutOfOrderOrRepeatedAreErrors() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- Down\nSELECT 2;\n-- Up\nSELECT 1;"))
			.withMessageContaining("0001_test.sql:3")
			.withMessageContaining("'-- Up' must come before '-- Down'");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- Up\nSELECT 1;\n-- Up\nSELECT 2;"))
			.withMessageContaining("second '-- Up' marker (the first is on line 1)");
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- Up\nSELECT 1;\n-- Down\nSELECT 2;\n-- Down\nSELECT 3;"))
			.withMessageContaining("0001_test.sql:5")
			.withMessageContaining("second '-- Down' marker (the first is on line 3)");
	}

	@Test
	void aDownMarkerWithoutAnUpMarkerIsAnErrorAtTheDownMarker() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- Migration: 0001_test\nCREATE TABLE t (id int);\n\n-- Down\nDROP TABLE t;\n"))
			.withMessageContaining("0001_test.sql:4:")
			.withMessageContaining("'-- Down' without '-- Up'")
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(4));
	}

	@ParameterizedTest
	@ValueSource(strings = { "SET standard_conforming_strings = off;", "set session standard_conforming_strings to 'off';",
			"SET LOCAL standard_conforming_strings = false;", "SET standard_conforming_strings TO 0;" })
	void turningOffStandardConformingStringsIsRefusedAtTheSet(String set) {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- Up\nSELECT 1;\n" + set + "\nSELECT 'it\\'s';\n"))
			.withMessageContaining("0001_test.sql:3:")
			.withMessageContaining("'SET standard_conforming_strings = off' is not supported");
	}

	@ParameterizedTest
	@ValueSource(strings = { "SELECT set_config('standard_conforming_strings', 'off', false);",
			"SELECT set_config('standard_conforming_strings', 'of', true);",
			"SELECT pg_catalog.set_config('STANDARD_CONFORMING_STRINGS', 'f', false);",
			"SELECT set_config(\n  'standard_conforming_strings',\n  'no',\n  false);",
			"UPDATE pg_settings SET setting = 'off' WHERE name = 'standard_conforming_strings';",
			"update pg_catalog.pg_settings set setting='0' where name='standard_conforming_strings';",
			"UPDATE pg_settings SET setting = 'false'\nWHERE name = 'standard_conforming_strings';" })
	void turningOffStandardConformingStringsThroughAFunctionOrPgSettingsIsRefusedAtTheStatement(String statement) {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- Up\nSELECT 1;\n" + statement + "\nSELECT 'it\\'s';\n"))
			.withMessageContaining("0001_test.sql:3:")
			.withMessageContaining("standard_conforming_strings")
			.withMessageContaining("is not supported")
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3));
	}

	@ParameterizedTest
	@ValueSource(strings = { "SELECT set_config('standard_conforming_strings', 'on', false);",
			"SELECT set_config('search_path', 'off', false);", "SELECT current_setting('standard_conforming_strings');",
			"UPDATE pg_settings SET setting = 'on' WHERE name = 'standard_conforming_strings';",
			"UPDATE pg_settings SET setting = 'off' WHERE name = 'enable_seqscan';",
			"SELECT 'set_config(''standard_conforming_strings'', ''off'', false)';" })
	void settingOtherValuesOrOtherSettingsIsFine(String statement) {
		assertThat(parse("-- Up\n" + statement + "\nSELECT 'it''s';\n").up()).hasSize(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "SET standard_conforming_strings = on;", "SELECT 'SET standard_conforming_strings = off';",
			"-- SET standard_conforming_strings = off", "SHOW standard_conforming_strings;" })
	void leavingStandardConformingStringsOnOrMentioningItIsFine(String line) {
		assertThat(parse("-- Up\n" + line + "\nSELECT 'it''s';\n").up()).isNotEmpty();
	}

	@Test
	void anUnterminatedQuoteIsReportedAtTheLineWhereItOpens() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- Up\nSELECT 1;\nSELECT 'open\n;\n;\n"))
			.withMessageStartingWith("0001_test.sql:3: Unterminated string")
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3));
	}

	@Test
	void anUnterminatedCommentInTheDownSectionIsReportedAtItsFileLine() {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> parse("-- Up\nSELECT 1;\n-- Down\nSELECT 2;\n/* open /* nested */\n"))
			.withMessageStartingWith("0001_test.sql:5: Unterminated block comment");
	}

	@Test
	void theChecksumCoversTheUpSectionWithLineEndingsNormalised() {
		String lf = parse("-- Up\nCREATE TABLE a (\n id int\n);\n-- Down\nDROP TABLE a;\n").checksum();
		String crlf = parse("-- Up\r\nCREATE TABLE a (\r\n id int\r\n);\r\n-- Down\r\nDROP TABLE a;\r\n").checksum();
		String otherDown = parse("-- Up\nCREATE TABLE a (\n id int\n);\n-- Down\nDROP TABLE IF EXISTS a;\n").checksum();
		String otherUp = parse("-- Up\nCREATE TABLE a (\n id bigint\n);\n-- Down\nDROP TABLE a;\n").checksum();

		assertThat(lf).hasSize(64).isEqualTo(crlf).isEqualTo(otherDown).isNotEqualTo(otherUp);
	}

	@Test
	void aByteOrderMarkIsIgnored() {
		assertThat(parse("\uFEFF-- Up\nSELECT 1;\n").checksum()).isEqualTo(parse("-- Up\nSELECT 1;\n").checksum());
	}

	@Test
	void crlfFilesKeepTheirLineNumbers() {
		MigrationScript script = parse("-- Up\r\nSELECT 1;\r\n\r\nSELECT\r\n 2;\r\n-- Down\r\nSELECT 3;\r\n");

		assertThat(script.up()).extracting(SqlStatement::line).containsExactly(2, 4);
		assertThat(script.down()).extracting(SqlStatement::line).containsExactly(7);
	}

}
