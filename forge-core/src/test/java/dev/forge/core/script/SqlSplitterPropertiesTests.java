package dev.forge.core.script;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link SqlSplitter} over generated scripts. The class name ends in
 * {@code Tests} so that Surefire's default includes pick it up; jqwik's engine runs it.
 */
class SqlSplitterPropertiesTests {

	/**
	 * Tokens that carry meaning; none of them contains a top-level semicolon. No standard
	 * string holds a backslash: after an {@code E''} string and a line break it would
	 * continue that string, where a backslash escapes.
	 */
	private static final String[] SIGNIFICANT = { "SELECT", "x", "a$b", "t$1", "\"a;b\"", "\"a\"\"b\"", "U&\"d;\"",
			"'it''s;'", "E'\\''", "E'\\\\'", "e'a\\';b'", "U&'!0041;' UESCAPE '!'", "B'1010'", "X'1F'",
			"$$ ; ' \" -- /* $$", "$t$ $$;$$ $x$; $t$", "$1", "42", "1.5e-3", "::regclass", "+", "*", "||", "@>",
			"->>", "(x; y)", "((1))", "café", "'😀;'", "BEGIN ATOMIC SELECT 1; SELECT CASE WHEN x THEN 1 END; END",
			"$body$\r\n;\r\n$body$", "'multi\nline;'" };

	/** Whitespace and comments: whatever they hold, they never end a statement. */
	private static final String[] TRIVIA = { " ", "\n", "\r\n", "\t", "\r", " -- it's; a comment\n",
			" -- crlf;\r\n", " /* ; */ ", " /* /* ' ; */ \" */ ", "\n\n" };

	@Property
	void fragmentsSplitLosslessly(@ForAll("fragmentScripts") String script) {
		List<SqlStatement> statements = SqlSplitter.split(script);
		assertThat(String.join("", statements.stream().map(SqlStatement::text).toList())).isEqualTo(script);
		long lines = script.lines().count();
		for (SqlStatement statement : statements) {
			assertThat(statement.text()).contains(statement.sql());
			assertThat(statement.sql()).isEqualTo(statement.sql().strip());
			if (!statement.isEmpty()) {
				assertThat(statement.line()).isBetween(1, (int) Math.max(lines, 1));
			}
		}
	}

	@Property
	void wellFormedScriptOfNStatementsSplitsIntoNStatements(@ForAll("statementLists") List<String> bodies,
			@ForAll("separators") List<String> separators) {
		StringBuilder script = new StringBuilder();
		List<SplitCase.Expected> expected = new ArrayList<>();
		for (int i = 0; i < bodies.size(); i++) {
			script.append(separators.get(i % separators.size()));
			expected.add(new SplitCase.Expected(lineAt(script), bodies.get(i)));
			script.append(bodies.get(i));
			if (i < bodies.size() - 1 || i % 2 == 0) {
				script.append(";");
			}
		}
		List<SqlStatement> statements = SqlSplitter.split(script.toString());
		assertThat(statements.stream().filter((statement) -> !statement.isEmpty()).map(SplitCase.Expected::of))
			.containsExactlyElementsOf(expected);
	}

	@Property(tries = 2000)
	void anyStringEitherSplitsLosslesslyOrFailsWithASyntaxError(@ForAll("noise") String script) {
		List<SqlStatement> statements;
		try {
			statements = SqlSplitter.split(script);
		}
		catch (SqlSyntaxException ex) {
			assertThat(ex.line()).isBetween(1, script.length() + 1);
			return;
		}
		assertThat(String.join("", statements.stream().map(SqlStatement::text).toList())).isEqualTo(script);
		statements.forEach((statement) -> assertThat(statement.text()).contains(statement.sql()));
	}

	@Provide
	Arbitrary<String> fragmentScripts() {
		Arbitrary<String> fragment = Arbitraries.oneOf(Arbitraries.of(SIGNIFICANT), Arbitraries.of(TRIVIA),
				Arbitraries.of(";", ";;", ";\r\n"));
		return fragment.list().ofMaxSize(40).map((fragments) -> String.join(" ", fragments));
	}

	@Provide
	Arbitrary<List<String>> statementLists() {
		Arbitrary<String> separator = Arbitraries.of(TRIVIA);
		Arbitrary<String> tail = Combinators.combine(separator, Arbitraries.of(SIGNIFICANT))
			.as((trivia, token) -> trivia + token)
			.list()
			.ofMaxSize(8)
			.map((parts) -> String.join("", parts));
		Arbitrary<String> body = Combinators.combine(Arbitraries.of(SIGNIFICANT), tail).as((first, rest) -> first + rest);
		return body.list().ofMinSize(1).ofMaxSize(12);
	}

	@Provide
	Arbitrary<List<String>> separators() {
		Arbitrary<String> separator = Arbitraries.oneOf(Arbitraries.of(TRIVIA), Arbitraries.just(""),
				Arbitraries.just(";\n"), Arbitraries.just(" ; -- empty\n"));
		return separator.list().ofMinSize(1).ofMaxSize(5);
	}

	@Provide
	Arbitrary<String> noise() {
		Arbitrary<String> sqlish = Arbitraries.strings().withChars("'\"$;-/*\\\n\r \tEeUu&Bb()xX1_tag").ofMaxLength(60);
		Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(60);
		Arbitrary<String> mixed = Arbitraries.oneOf(sqlish, Arbitraries.of(SIGNIFICANT), Arbitraries.of(TRIVIA))
			.list()
			.ofMaxSize(12)
			.map((parts) -> String.join("", parts));
		return Arbitraries.oneOf(sqlish, anything, mixed);
	}

	private static int lineAt(CharSequence text) {
		int line = 1;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
				line++;
			}
		}
		return line;
	}

}
