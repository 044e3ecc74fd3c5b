package dev.forge.boot.dashboard;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConsoleScript}: which statements the SQL console refuses before it runs
 * anything, and that what only looks like them (in strings, comments, quoted names or
 * function bodies) is not refused.
 */
class ConsoleScriptTests {

	@Test
	void refusesTransactionControlAnywhereInTheScript() {
		for (String sql : List.of("COMMIT", "select 1; commit;", "BEGIN; SELECT 1", "START TRANSACTION",
				"SELECT 1;\nEND", "ROLLBACK", "rollback work", "ABORT", "PREPARE TRANSACTION 'x'",
				"COMMIT PREPARED 'x'", "/* c */ COMMIT")) {
			assertThat(ConsoleScript.refusal(sql)).as(sql)
				.contains("is refused: the console runs all statements in one transaction of its own");
		}
	}

	@Test
	void refusesSettingsThatOutliveTheCall() {
		for (String sql : List.of("SET search_path TO x", "SET ROLE nobody", "SET SESSION AUTHORIZATION nobody",
				"set session search_path = x", "RESET ALL", "RESET search_path", "DISCARD ALL", "LISTEN x")) {
			assertThat(ConsoleScript.refusal(sql)).as(sql).contains("would outlive this call");
		}
	}

	@Test
	void refusesEveryChangeOfTheStatementTimeout() {
		for (String sql : List.of("SET statement_timeout = 0", "SET LOCAL statement_timeout = 0",
				"SET SESSION statement_timeout TO DEFAULT", "RESET statement_timeout")) {
			assertThat(ConsoleScript.refusal(sql)).as(sql).contains("statement_timeout is refused")
				.contains("10 s");
		}
	}

	@Test
	void runsWhatOnlyLooksLikeARefusedStatement() {
		for (String sql : List.of("SELECT 'x; COMMIT'", "SELECT 1 -- ; COMMIT", "SELECT 1 /* ; /* COMMIT */ ; */",
				"SELECT E'\\'; COMMIT'", "SELECT \"a;\"\"b\" FROM t", "SELECT $$; COMMIT; $$",
				"DO $body$ BEGIN COMMIT; END $body$", "SAVEPOINT a; ROLLBACK TO SAVEPOINT a; RELEASE a",
				"ROLLBACK WORK TO a", "SET LOCAL search_path TO x", "SET LOCAL ROLE nobody",
				"SET TRANSACTION READ ONLY", "SET CONSTRAINTS ALL DEFERRED", "SHOW statement_timeout",
				"CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; END",
				"SELECT begin_date, end_date FROM commitments", "SELECT $1, a$b")) {
			assertThat(ConsoleScript.refusal(sql)).as(sql).isNull();
		}
	}

	@Test
	void refusesWhatCannotBeSplitNamingTheLine() {
		assertThat(ConsoleScript.refusal("SELECT 1;\nSELECT 'open")).contains("Unterminated").contains("line 2");
	}

	@Test
	void splitsStatementsAsPostgreSqlDoes() {
		assertThat(ConsoleScript.statements("select 1; ; 'a;b'; create function f() returns int language sql "
				+ "begin atomic select 1; end; commit"))
			.extracting((words) -> words.get(0))
			.containsExactly("SELECT", "CREATE", "COMMIT");
	}

}
