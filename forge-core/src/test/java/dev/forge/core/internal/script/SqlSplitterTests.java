package dev.forge.core.internal.script;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.forge.core.internal.script.SplitCase.at;
import static dev.forge.core.internal.script.SplitCase.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Table-driven cases for {@link SqlSplitter}: each row is a script and the exact
 * {@code sql()} and {@code line()} of every statement it must split into. Larger scripts
 * live as golden files, see {@link SqlSplitterGoldenTests}.
 */
class SqlSplitterTests {

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void dollarQuotedBodiesHideSemicolons(SplitCase splitCase) {
		splitCase.verify();
	}

	static Stream<SplitCase> dollarQuotedBodiesHideSemicolons() {
		return Stream.of(
				of("$$ body with semicolons",
						"CREATE FUNCTION one() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nSELECT one();",
						at(1, "CREATE FUNCTION one() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql"),
						at(2, "SELECT one()")),
				of("$tag$ body containing $$ and ;",
						"DO $body$\nBEGIN\n  RAISE NOTICE $$a;b$$;\nEND\n$body$;\nSELECT 2;",
						at(1, "DO $body$\nBEGIN\n  RAISE NOTICE $$a;b$$;\nEND\n$body$"), at(6, "SELECT 2")),
				of("nested different tags",
						"SELECT $outer$ x $inner$ ; $inner$ ; $outer$;SELECT 2",
						at(1, "SELECT $outer$ x $inner$ ; $inner$ ; $outer$"), at(1, "SELECT 2")),
				of("a longer tag that starts like the open tag does not close it",
						"SELECT $a$ $ab$ ; $a$; SELECT 2;", at(1, "SELECT $a$ $ab$ ; $a$"), at(1, "SELECT 2")),
				of("tags are case sensitive", "SELECT $T$ $t$ ; $T$; SELECT 2;",
						at(1, "SELECT $T$ $t$ ; $T$"), at(1, "SELECT 2")),
				of("tag with digits and underscores", "SELECT $_fn_1$;$_fn_1$;\nSELECT 2;",
						at(1, "SELECT $_fn_1$;$_fn_1$"), at(2, "SELECT 2")),
				of("quotes and comment markers inside a dollar body",
						"SELECT $$ it's -- no comment /* nor this ; \"x $$; SELECT 2;",
						at(1, "SELECT $$ it's -- no comment /* nor this ; \"x $$"), at(1, "SELECT 2")),
				of("$1 parameters are not dollar quotes",
						"PREPARE add(int, int) AS SELECT $1 + $2;\nEXECUTE add(1, 2);",
						at(1, "PREPARE add(int, int) AS SELECT $1 + $2"), at(2, "EXECUTE add(1, 2)")),
				of("$ inside identifiers is not a dollar quote",
						"SELECT a$b, c$$, d$1$ FROM t$x;\nSELECT 2;", at(1, "SELECT a$b, c$$, d$1$ FROM t$x"),
						at(2, "SELECT 2")),
				of("a parameter followed by a dollar quote",
						"SELECT $1||$q$;$q$;SELECT 2", at(1, "SELECT $1||$q$;$q$"), at(1, "SELECT 2")),
				of("line breaks inside a dollar body count",
						"SELECT $$\n;\n;\n$$;\nSELECT 2;", at(1, "SELECT $$\n;\n;\n$$"), at(5, "SELECT 2")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void commentsHideSemicolonsAndQuotes(SplitCase splitCase) {
		splitCase.verify();
	}

	static Stream<SplitCase> commentsHideSemicolonsAndQuotes() {
		return Stream.of(
				of("nested block comment with ; and quotes before a statement",
						"/* outer /* inner; 'x */ still \"in; */\nSELECT 1; SELECT 2;", at(2, "SELECT 1"),
						at(2, "SELECT 2")),
				of("block comment inside a statement is kept", "SELECT /* ; ' */ 1;\nSELECT 2;",
						at(1, "SELECT /* ; ' */ 1"), at(2, "SELECT 2")),
				of("line comment with ; and a quote inside a statement", "SELECT 1 -- it's; done\n, 2;\nSELECT 3;",
						at(1, "SELECT 1 -- it's; done\n, 2"), at(3, "SELECT 3")),
				of("block comment opener inside a line comment", "-- /* not opened\nSELECT 1;", at(2, "SELECT 1")),
				of("line comment marker inside a block comment", "/* -- ; */ SELECT 1;", at(1, "SELECT 1")),
				of("comment markers inside strings and identifiers",
						"SELECT '--;', '/*;', \"--;\", \"/*\";\nSELECT 2;", at(1, "SELECT '--;', '/*;', \"--;\", \"/*\""),
						at(2, "SELECT 2")),
				of("-- after an operator starts a comment", "SELECT 2--1;\n;", at(1, "SELECT 2")),
				of("trailing comment without a line break", "SELECT 1; -- done", at(1, "SELECT 1")),
				of("trailing statement followed by a comment, no semicolon", "SELECT 1;\nSELECT 2 -- last",
						at(1, "SELECT 1"), at(2, "SELECT 2")),
				of("comment after the semicolon belongs to the next slice", "SELECT 1; /* ; */\n\n  SELECT 2;",
						at(1, "SELECT 1"), at(3, "SELECT 2")),
				of("block comment spanning lines", "/*\n;\n*/ SELECT 1; /* a\n/* b */\n*/ SELECT 2;",
						at(3, "SELECT 1"), at(5, "SELECT 2")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void stringsHideSemicolons(SplitCase splitCase) {
		splitCase.verify();
	}

	static Stream<SplitCase> stringsHideSemicolons() {
		return Stream.of(
				of("standard string with a doubled quote", "SELECT 'it''s;';SELECT 2;", at(1, "SELECT 'it''s;'"),
						at(1, "SELECT 2")),
				of("backslash is not an escape in a standard string", "SELECT 'C:\\';SELECT ';\\';",
						at(1, "SELECT 'C:\\'"), at(1, "SELECT ';\\'")),
				of("E string with an escaped quote", "SELECT E'it\\'s; fine';\nSELECT 2;",
						at(1, "SELECT E'it\\'s; fine'"), at(2, "SELECT 2")),
				of("E string ending in an escaped backslash", "SELECT E'\\\\';SELECT 2;", at(1, "SELECT E'\\\\'"),
						at(1, "SELECT 2")),
				of("lower-case e string", "SELECT e'a\\';b';SELECT 2;", at(1, "SELECT e'a\\';b'"),
						at(1, "SELECT 2")),
				of("E string with a doubled quote", "SELECT E'a'';b';SELECT 2;", at(1, "SELECT E'a'';b'"),
						at(1, "SELECT 2")),
				of("a word ending in e before a string is no E string", "SELECT 'x' AS type, some'\\';SELECT 2;",
						at(1, "SELECT 'x' AS type, some'\\'"), at(1, "SELECT 2")),
				of("Unicode string with UESCAPE", "SELECT U&'d\\0061t\\+000061;', U&'!0041;' UESCAPE '!';SELECT 2;",
						at(1, "SELECT U&'d\\0061t\\+000061;', U&'!0041;' UESCAPE '!'"), at(1, "SELECT 2")),
				of("backslash does not escape in a Unicode string", "SELECT u&'\\';SELECT 2;",
						at(1, "SELECT u&'\\'"), at(1, "SELECT 2")),
				of("bit, hex and national strings", "SELECT B'1010', X'1F', b'0', x'ff', N'na;tional';SELECT 2;",
						at(1, "SELECT B'1010', X'1F', b'0', x'ff', N'na;tional'"), at(1, "SELECT 2")),
				of("typed literals", "SELECT date'2024-01-01', interval '1 day;';SELECT 2;",
						at(1, "SELECT date'2024-01-01', interval '1 day;'"), at(1, "SELECT 2")),
				of("multi-line string", "INSERT INTO t VALUES ('one;\ntwo;\r\nthree');\nSELECT 2;",
						at(1, "INSERT INTO t VALUES ('one;\ntwo;\r\nthree')"), at(4, "SELECT 2")),
				of("strings continued over a line break", "SELECT 'foo'\n'bar;';\nSELECT 2;",
						at(1, "SELECT 'foo'\n'bar;'"), at(3, "SELECT 2")),
				of("E string continued on the next line keeps backslash escapes", "SELECT E'a'\n'\\';';\nSELECT 2;",
						at(1, "SELECT E'a'\n'\\';'"), at(3, "SELECT 2")),
				of("E string continued past comment lines", "SELECT E'a' -- c;\r\n  -- d'\n\t'\\';';SELECT 2;",
						at(1, "SELECT E'a' -- c;\r\n  -- d'\n\t'\\';'"), at(3, "SELECT 2")),
				of("a string on the same line does not continue an E string", "SELECT E'a' '\\';SELECT 2;",
						at(1, "SELECT E'a' '\\'"), at(1, "SELECT 2")),
				of("casts", "SELECT 'users'::regclass;SELECT '{1,2}'::int[], $1::text, x::\"Type;\";",
						at(1, "SELECT 'users'::regclass"), at(1, "SELECT '{1,2}'::int[], $1::text, x::\"Type;\"")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void quotedIdentifiersHideSemicolons(SplitCase splitCase) {
		splitCase.verify();
	}

	static Stream<SplitCase> quotedIdentifiersHideSemicolons() {
		return Stream.of(
				of("semicolon in a quoted identifier", "CREATE TABLE \"a;b\" (id int);SELECT 2;",
						at(1, "CREATE TABLE \"a;b\" (id int)"), at(1, "SELECT 2")),
				of("doubled quote in a quoted identifier", "CREATE TABLE \"a\"\";b\" (id int);SELECT 2;",
						at(1, "CREATE TABLE \"a\"\";b\" (id int)"), at(1, "SELECT 2")),
				of("quote and backslash in a quoted identifier", "SELECT 1 AS \"it's\\\";SELECT 2;",
						at(1, "SELECT 1 AS \"it's\\\""), at(1, "SELECT 2")),
				of("Unicode quoted identifier", "CREATE TABLE U&\"d\\0061t;\" (x int);SELECT 2;",
						at(1, "CREATE TABLE U&\"d\\0061t;\" (x int)"), at(1, "SELECT 2")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void linesAreCountedLikeAnEditor(SplitCase splitCase) {
		splitCase.verify();
	}

	static Stream<SplitCase> linesAreCountedLikeAnEditor() {
		return Stream.of(
				of("CRLF line breaks", "SELECT 1;\r\n\r\nSELECT\r\n  2;\r\nSELECT 3;\r\n", at(1, "SELECT 1"),
						at(3, "SELECT\r\n  2"), at(5, "SELECT 3")),
				of("lone CR line breaks", "SELECT 1;\rSELECT 2;\r\rSELECT 3;", at(1, "SELECT 1"), at(2, "SELECT 2"),
						at(4, "SELECT 3")),
				of("CRLF inside comments, strings and dollar bodies",
						"/*\r\n*/ SELECT '\r\n', $$\r\n$$; -- x\r\nSELECT 2;", at(2, "SELECT '\r\n', $$\r\n$$"),
						at(5, "SELECT 2")),
				of("a statement starts at its first token, not at its leading comments",
						"-- forge:no-transaction\n\n-- leading\n/* block */\n  CREATE TABLE t (id int);",
						at(5, "CREATE TABLE t (id int)")),
				of("form feeds and tabs are whitespace", "\f\tSELECT 1;\t\f", at(1, "SELECT 1")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void emptyAndUnterminatedStatements(SplitCase splitCase) {
		splitCase.verify();
	}

	static Stream<SplitCase> emptyAndUnterminatedStatements() {
		return Stream.of(of("empty input", ""), of("whitespace only", "  \n\t\r\n "),
				of("comments only", "-- one\n/* two */\n-- three"), of("semicolons only", ";;\n;"),
				of("empty statements between statements", "SELECT 1;;;\nSELECT 2;", at(1, "SELECT 1"),
						at(2, "SELECT 2")),
				of("trailing statement without semicolon", "SELECT 1;\nSELECT 2\n", at(1, "SELECT 1"),
						at(2, "SELECT 2")),
				of("single statement without semicolon or line break", "SELECT 1", at(1, "SELECT 1")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void sqlStandardFunctionBodiesAreOneStatement(SplitCase splitCase) {
		splitCase.verify();
	}

	static Stream<SplitCase> sqlStandardFunctionBodiesAreOneStatement() {
		String function = """
				CREATE FUNCTION grade(score int) RETURNS text LANGUAGE sql
				BEGIN ATOMIC
				  SELECT CASE WHEN score >= 90 THEN 'A;' ELSE CASE WHEN score >= 50 THEN 'B' END END;
				END""";
		return Stream.of(
				of("BEGIN ATOMIC with several statements",
						"CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); DELETE FROM t; END;\nSELECT 2;",
						at(1, "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); DELETE FROM t; END"),
						at(2, "SELECT 2")),
				of("BEGIN ATOMIC with nested CASE ... END", function + ";\nSELECT grade(95);", at(1, function),
						at(5, "SELECT grade(95)")),
				of("lower case and a comment between begin and atomic",
						"create function f() returns int language sql begin /* ; */ atomic select 1; end;select f();",
						at(1, "create function f() returns int language sql begin /* ; */ atomic select 1; end"),
						at(1, "select f()")),
				of("empty BEGIN ATOMIC body", "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC END;SELECT 2;",
						at(1, "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC END"), at(1, "SELECT 2")),
				of("transaction control statements split normally", "BEGIN;\nSELECT 1;\nEND;\nCOMMIT;",
						at(1, "BEGIN"), at(2, "SELECT 1"), at(3, "END"), at(4, "COMMIT")),
				of("CASE ... END outside BEGIN ATOMIC does not nest",
						"SELECT CASE WHEN true THEN 1 END;SELECT 2;", at(1, "SELECT CASE WHEN true THEN 1 END"),
						at(1, "SELECT 2")));
	}

	/**
	 * Like psql, semicolons inside parentheses do not end a statement, which keeps
	 * {@code CREATE RULE ... DO (...; ...)} whole. An unbalanced {@code (} therefore runs to
	 * the end of the script and PostgreSQL reports the syntax error.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource
	void parenthesesHideSemicolons(SplitCase splitCase) {
		splitCase.verify();
	}

	static Stream<SplitCase> parenthesesHideSemicolons() {
		String rule = "CREATE RULE log_insert AS ON INSERT TO t\n"
				+ "DO ALSO (INSERT INTO log VALUES (NEW.id); NOTIFY t_changed)";
		return Stream.of(of("CREATE RULE with several actions", rule + ";\nSELECT 2;", at(1, rule), at(3, "SELECT 2")),
				of("parenthesis inside a string does not count", "SELECT '(';SELECT ')';SELECT 3;",
						at(1, "SELECT '('"), at(1, "SELECT ')'"), at(1, "SELECT 3")),
				of("unbalanced ( swallows the rest", "SELECT (1;\nSELECT 2;", at(1, "SELECT (1;\nSELECT 2")),
				of("unbalanced ) is ignored", "SELECT 1);SELECT 2;", at(1, "SELECT 1)"), at(1, "SELECT 2")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void everydaySqlSplitsAtEachSemicolon(SplitCase splitCase) {
		splitCase.verify();
	}

	static Stream<SplitCase> everydaySqlSplitsAtEachSemicolon() {
		String operators = "SELECT a->>'k', b #> '{x,y}', c @> '{\"x\":1}', d ~* '^a;', e || f, g <> h, -1/2, 3 % 2, "
				+ "|/ 16, @ -5, i !~~ 'x%', j <-> k, 2^3, x[1:2], 1.5e-3, .5, 1e+2";
		return Stream.of(
				of("COPY from a file with CSV HEADER",
						"COPY t (a, b) FROM '/tmp/t;1.csv' WITH (FORMAT csv, HEADER true, DELIMITER ';');\n"
								+ "COPY t TO STDOUT CSV HEADER;",
						at(1, "COPY t (a, b) FROM '/tmp/t;1.csv' WITH (FORMAT csv, HEADER true, DELIMITER ';')"),
						at(2, "COPY t TO STDOUT CSV HEADER")),
				of("operators", operators + ";SELECT 2;", at(1, operators), at(1, "SELECT 2")),
				of("Unicode text and identifiers",
						"INSERT INTO café (naïve) VALUES ('héllo; wörld 😀');\nCREATE TABLE \"Größe;\" (ä int);",
						at(1, "INSERT INTO café (naïve) VALUES ('héllo; wörld 😀')"),
						at(2, "CREATE TABLE \"Größe;\" (ä int)")),
				of("DDL and DML", """
						CREATE TABLE users (
						  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
						  email text NOT NULL DEFAULT ''
						);
						ALTER TABLE users ADD CONSTRAINT email_not_blank CHECK (email <> '');
						INSERT INTO users (email) VALUES ('a@b.c') ON CONFLICT DO NOTHING;
						""",
						at(1, "CREATE TABLE users (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
								+ "  email text NOT NULL DEFAULT ''\n)"),
						at(5, "ALTER TABLE users ADD CONSTRAINT email_not_blank CHECK (email <> '')"),
						at(6, "INSERT INTO users (email) VALUES ('a@b.c') ON CONFLICT DO NOTHING")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void unterminatedConstructsFailAtTheLineWhereTheyOpen(String name, String script, int line) {
		assertThatExceptionOfType(SqlSyntaxException.class).isThrownBy(() -> SqlSplitter.split(script))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(line))
			.withMessageContaining("line " + line);
	}

	static Stream<Arguments> unterminatedConstructsFailAtTheLineWhereTheyOpen() {
		return Stream.of(arguments("single quote", "SELECT 1;\nSELECT 'abc;\nSELECT 3;\n", 2),
				arguments("standard string ending in a doubled quote", "SELECT 1;\n\nSELECT 'a\\'';", 3),
				arguments("E string whose last quote is escaped", "SELECT 1;\nSELECT E'abc\\';\nSELECT 3;", 2),
				arguments("E string continued on the next line", "SELECT 1;\nSELECT E'a'\n'\\';", 2),
				arguments("E string ending in a lone backslash", "SELECT E'\\", 1),
				arguments("Unicode string", "\n\nSELECT U&'abc", 3),
				arguments("bit string", "SELECT B'10", 1),
				arguments("quoted identifier", "SELECT 1;\r\nCREATE TABLE \"a;\r\n(id int);", 2),
				arguments("quoted identifier ending in a doubled quote", "SELECT \"a\"\"", 1),
				arguments("dollar quote", "SELECT 1;\nCREATE FUNCTION f() AS $$\nSELECT 1;\n", 2),
				arguments("dollar quote closed by another tag", "SELECT 1;\n\nDO $body$ BEGIN END $bod$;", 3),
				arguments("dollar quote whose tag differs in case", "SELECT $A$ x $a$;", 1),
				arguments("block comment", "SELECT 1;\n/* open\n;", 2),
				arguments("nested block comment with one close", "SELECT 1; /* outer\n/* inner */\n;\n", 1),
				arguments("block comment opened inside a block comment on a later line",
						"/* a */ SELECT 1;\n\n/*\n/* b */\n", 3));
	}

	@Test
	void syntaxErrorLinesAreShiftedByFirstLine() {
		assertThatExceptionOfType(SqlSyntaxException.class)
			.isThrownBy(() -> SqlSplitter.split("SELECT 1;\nSELECT 'x;", 20))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(21))
			.withMessageContaining("line 21");
	}

	@Test
	void veryLongStatementIsOneStatement() {
		StringBuilder insert = new StringBuilder("INSERT INTO t (a, b) VALUES\n");
		for (int i = 0; i < 20_000; i++) {
			insert.append((i > 0) ? ",\n" : "").append("(").append(i).append(", 'v;").append(i).append("''s')");
		}
		String script = insert + ";\nSELECT count(*) FROM t;";
		List<SqlStatement> statements = SqlSplitter.split(script);
		assertThat(statements).hasSize(2);
		assertThat(statements.get(0).sql()).isEqualTo(insert.toString());
		assertThat(statements.get(1).line()).isEqualTo(20_002);
		assertThat(statements.get(1).sql()).isEqualTo("SELECT count(*) FROM t");
	}

	@Test
	void emptyStatementsAreKeptSoThatNothingIsLost() {
		List<SqlStatement> statements = SqlSplitter.split("SELECT 1;;\n;SELECT 2");
		assertThat(statements).extracting(SqlStatement::text).containsExactly("SELECT 1;", ";", "\n;", "SELECT 2");
		assertThat(statements).extracting(SqlStatement::isEmpty).containsExactly(false, true, true, false);
		assertThat(statements).extracting(SqlStatement::sql).containsExactly("SELECT 1", "", "", "SELECT 2");
	}

	@Test
	void textKeepsLeadingTriviaAndTheSemicolonWhileSqlDoesNot() {
		List<SqlStatement> statements = SqlSplitter.split("-- c\nSELECT /* k */ 1 ;  \n");
		assertThat(statements).extracting(SqlStatement::text).containsExactly("-- c\nSELECT /* k */ 1 ;", "  \n");
		assertThat(statements.get(0).sql()).isEqualTo("SELECT /* k */ 1");
		assertThat(statements.get(0).significantTokens()).extracting(Token::text).containsExactly("SELECT", "1");
		assertThat(statements.get(1).isEmpty()).isTrue();
	}

	@Test
	void firstLineShiftsStatementAndTokenLines() {
		List<SqlStatement> statements = SqlSplitter.split("\nSELECT 1;\r\n\r\nSELECT\n2;", 10);
		assertThat(statements).extracting(SqlStatement::line).containsExactly(11, 13);
		assertThat(statements.get(1).significantTokens()).extracting(Token::line).containsExactly(13, 14);
	}

	@Test
	void tokensCarryTheirTypes() {
		assertThat(SqlLexer.tokenize("SELECT E'a', $t$b$t$, \"c\", $1, 2 -- d\n/* e */;"))
			.filteredOn((token) -> token.type() != TokenType.WHITESPACE)
			.extracting(Token::type)
			.containsExactly(TokenType.WORD, TokenType.STRING, TokenType.OTHER, TokenType.DOLLAR_STRING,
					TokenType.OTHER, TokenType.QUOTED_IDENTIFIER, TokenType.OTHER, TokenType.OTHER, TokenType.OTHER,
					TokenType.NUMBER, TokenType.LINE_COMMENT, TokenType.BLOCK_COMMENT, TokenType.SEMICOLON);
	}

}
