package dev.forge.core.internal.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Properties of {@link SqlSplitter}, checked over scripts generated from SQL fragments and
 * over random strings. Every try has its own seed, which a failure reports along with the
 * script, so a failing try can be replayed with {@link #replay(long, Generator, Consumer)}.
 */
class SqlSplitterPropertiesTests {

	private static final int TRIES = 2000;

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

	private static final String SQLISH_CHARACTERS = "'\"$;-/*\\\n\r \tEeUu&Bb()xX1_tag";

	@Test
	void fragmentsSplitLosslessly() {
		check(SqlSplitterPropertiesTests::fragmentScript, (script) -> {
			List<SqlStatement> statements = SqlSplitter.split(script);
			assertThat(joinedTexts(statements)).isEqualTo(script);
			long lines = Math.max(script.lines().count(), 1);
			for (SqlStatement statement : statements) {
				assertThat(statement.text()).contains(statement.sql());
				assertThat(statement.sql()).isEqualTo(statement.sql().strip());
				if (!statement.isEmpty()) {
					assertThat(statement.line()).isBetween(1, (int) lines);
				}
			}
		});
	}

	@Test
	void theCommentsPassAgreesWithTheFullLexer() {
		check(SqlSplitterPropertiesTests::fragmentScript, (script) -> {
			List<Token> all = SqlLexer.tokenize(script);
			List<Token> expected = new java.util.ArrayList<>();
			boolean significantSeen = false;
			for (Token token : all) {
				boolean comment = token.type() == TokenType.LINE_COMMENT || token.type() == TokenType.BLOCK_COMMENT;
				if (comment || (token.type() != TokenType.WHITESPACE && !significantSeen)) {
					expected.add(token);
					significantSeen |= !comment;
				}
			}
			assertThat(SqlLexer.comments(script)).isEqualTo(expected);
		});
	}

	@Test
	void wellFormedScriptOfNStatementsSplitsIntoNStatements() {
		for (int i = 0; i < TRIES; i++) {
			long seed = 31L * i + 7;
			Random random = new Random(seed);
			StringBuilder script = new StringBuilder();
			List<SplitCase.Expected> expected = new ArrayList<>();
			int count = 1 + random.nextInt(12);
			for (int n = 0; n < count; n++) {
				script.append(separator(random));
				String body = statementBody(random);
				expected.add(new SplitCase.Expected(lineAt(script), body));
				script.append(body);
				if (n < count - 1 || random.nextBoolean()) {
					script.append(';');
				}
			}
			List<SqlStatement> statements = SqlSplitter.split(script.toString());
			assertThat(statements.stream().filter((statement) -> !statement.isEmpty()).map(SplitCase.Expected::of))
				.as("seed %d, script [%s]", seed, script)
				.containsExactlyElementsOf(expected);
		}
	}

	@Test
	void anyStringEitherSplitsLosslesslyOrFailsWithASyntaxError() {
		check(SqlSplitterPropertiesTests::noise, (script) -> {
			List<SqlStatement> statements;
			try {
				statements = SqlSplitter.split(script);
			}
			catch (SqlSyntaxException ex) {
				assertThat(ex.line()).isBetween(1, script.length() + 1);
				return;
			}
			assertThat(joinedTexts(statements)).isEqualTo(script);
			statements.forEach((statement) -> assertThat(statement.text()).contains(statement.sql()));
		});
	}

	private static void check(Generator generator, Consumer<String> property) {
		for (int i = 0; i < TRIES; i++) {
			replay(31L * i + 7, generator, property);
		}
	}

	static void replay(long seed, Generator generator, Consumer<String> property) {
		String script = generator.generate(new Random(seed));
		try {
			property.accept(script);
		}
		catch (AssertionError | RuntimeException ex) {
			fail("Property failed for seed %d, script [%s]: %s".formatted(seed, script, ex), ex);
		}
	}

	/** Significant tokens, trivia and semicolons, one space apart so no two tokens fuse. */
	private static String fragmentScript(Random random) {
		List<String> fragments = new ArrayList<>();
		int size = random.nextInt(41);
		for (int i = 0; i < size; i++) {
			switch (random.nextInt(3)) {
				case 0 -> fragments.add(pick(random, SIGNIFICANT));
				case 1 -> fragments.add(pick(random, TRIVIA));
				default -> fragments.add(pick(random, ";", ";;", ";\r\n"));
			}
		}
		return String.join(" ", fragments);
	}

	/** Starts and ends with a significant token, with trivia between tokens. */
	private static String statementBody(Random random) {
		StringBuilder body = new StringBuilder(pick(random, SIGNIFICANT));
		int more = random.nextInt(9);
		for (int i = 0; i < more; i++) {
			body.append(pick(random, TRIVIA)).append(pick(random, SIGNIFICANT));
		}
		return body.toString();
	}

	/** Trivia or empty statements between statements. */
	private static String separator(Random random) {
		return switch (random.nextInt(4)) {
			case 0 -> "";
			case 1 -> ";\n";
			case 2 -> " ; -- empty\n";
			default -> pick(random, TRIVIA);
		};
	}

	/** Characters that mean something to the lexer, any characters, or fragments: unbalanced or not. */
	private static String noise(Random random) {
		return switch (random.nextInt(3)) {
			case 0 -> randomString(random, SQLISH_CHARACTERS);
			case 1 -> randomString(random, null);
			default -> {
				StringBuilder mixed = new StringBuilder();
				int parts = random.nextInt(13);
				for (int i = 0; i < parts; i++) {
					mixed.append(switch (random.nextInt(3)) {
						case 0 -> randomString(random, SQLISH_CHARACTERS);
						case 1 -> pick(random, SIGNIFICANT);
						default -> pick(random, TRIVIA);
					});
				}
				yield mixed.toString();
			}
		};
	}

	private static String randomString(Random random, String alphabet) {
		int length = random.nextInt(61);
		StringBuilder string = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			string.append((alphabet != null) ? alphabet.charAt(random.nextInt(alphabet.length()))
					: (char) random.nextInt(Character.MAX_VALUE + 1));
		}
		return string.toString();
	}

	private static String pick(Random random, String... choices) {
		return choices[random.nextInt(choices.length)];
	}

	private static String joinedTexts(List<SqlStatement> statements) {
		return String.join("", statements.stream().map(SqlStatement::text).toList());
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

	@FunctionalInterface
	interface Generator {

		String generate(Random random);

	}

}
