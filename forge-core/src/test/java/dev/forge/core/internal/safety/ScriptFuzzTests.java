package dev.forge.core.internal.safety;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.forge.core.Finding;
import dev.forge.core.MigrationFileException;
import dev.forge.core.internal.migration.MigrationName;
import dev.forge.core.internal.migration.MigrationScript;
import dev.forge.core.internal.migration.MigrationScriptParser;
import dev.forge.core.internal.script.SqlLexer;
import dev.forge.core.internal.script.SqlSplitter;
import dev.forge.core.internal.script.SqlStatement;
import dev.forge.core.internal.script.SqlSyntaxException;
import dev.forge.core.internal.script.Token;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzes the lexer, the splitter, the migration file parser and the {@link SafetyAnalyzer}
 * with generated DDL-like statements, generated migration files and random characters.
 * Whatever the input, they either fail with the documented syntax errors
 * ({@link SqlSyntaxException}, {@link MigrationFileException}) or succeed without losing
 * text, and every case finishes quickly. Each case has its own seed, which a failure
 * reports along with the input, so that {@link #replay(long, Function, Consumer)} replays
 * it.
 */
class ScriptFuzzTests {

	/** Cases per test; {@code -Dforge.fuzz.cases=100000} explores further. */
	private static final int CASES = Integer.getInteger("forge.fuzz.cases", 1500);

	/** Longest time one case may take: the lexer and the analyser are linear. */
	private static final Duration CASE_LIMIT = Duration.ofSeconds(2);

	private static final String[] STARTS = { "ALTER TABLE", "ALTER TABLE IF EXISTS ONLY", "CREATE TABLE",
			"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS", "CREATE INDEX", "DROP INDEX CONCURRENTLY",
			"DROP TABLE", "DROP COLUMN", "UPDATE", "DELETE FROM", "INSERT INTO", "CREATE TYPE", "ALTER TYPE",
			"TRUNCATE", "VACUUM FULL", "REINDEX TABLE", "CLUSTER", "LOCK TABLE", "COMMENT ON COLUMN", "GRANT",
			"CREATE OR REPLACE VIEW", "CREATE MATERIALIZED VIEW", "REFRESH MATERIALIZED VIEW CONCURRENTLY",
			"CREATE FUNCTION", "DO", "SET", "SELECT", "WITH", "BEGIN", "COMMIT", "ALTER SEQUENCE", "CREATE EXTENSION",
			"ALTER DATABASE", "CREATE TRIGGER", "DROP SCHEMA", "ALTER INDEX", "RENAME", "" };

	private static final String[] WORDS = { "t", "users", "public.users", "\"Mixed Case\"", "\"a;b\"", "id", "email",
			"ADD", "COLUMN", "IF", "NOT", "EXISTS", "DROP", "ALTER", "TYPE", "SET", "DATA", "NULL", "DEFAULT",
			"now()", "gen_random_uuid()", "random()", "'x'", "E'\\''", "$$ ; $$", "$f$ BEGIN ; END $f$", "42", "-1",
			"1.5", "int", "bigint", "text", "varchar(10)", "varchar", "numeric(10,2)", "timestamptz", "int[]",
			"USING", "::", "::text", "(", ")", "((", "))", ",", ".", "=", "ON", "TO", "RENAME", "CONSTRAINT", "CHECK",
			"PRIMARY", "KEY", "UNIQUE", "FOREIGN", "REFERENCES", "NOT VALID", "VALIDATE", "CASCADE", "RESTRICT",
			"GENERATED", "ALWAYS", "AS", "IDENTITY", "STORED", "ENUM", "VALUE", "BEFORE", "AFTER", "WHERE", "FROM",
			"IN", "ACCESS", "EXCLUSIVE", "MODE", "SHARE", "ROW", "CONCURRENTLY", "INDEX", "TABLE", "ONLY",
			"ATTACH", "PARTITION", "DETACH", "FOR", "VALUES", "OWNER", "TABLESPACE", "INHERIT", "COLLATE", "\"C\"",
			"REPLICA", "IDENTITY FULL", "ENABLE", "DISABLE", "TRIGGER", "ALL", "LOGGED", "UNLOGGED", "WITH",
			"(fillfactor = 70)", "OF", "STATISTICS", "STORAGE", "EXTERNAL", "COMPRESSION", "lz4", "ATOMIC", "CASE",
			"WHEN", "THEN", "END", "BEGIN", "--x\n", "/* ; */", "\n", "\r\n", "\t", "U&\"d\"", "B'01'", "X'1F'",
			"$1", "@>", "||", "*", "+", "-", "/", "%", "<>", "!=", "[", "]", "a$b", "café", "😀" };

	private static final String NOISE = "'\"$;-/*\\\n\r \t()[],.:=EeUu&Bb1xX_ATLERDOPCNIS\u0000\u00e9\u2028\uD83D\uDE00";

	private final SafetyAnalyzer analyzer = new SafetyAnalyzer(SafetyAnalyzer.DEFAULT_SERVER_VERSION);

	private final SafetyAnalyzer oldServer = new SafetyAnalyzer(110000);

	private final AtomicInteger analysed = new AtomicInteger();

	@Test
	void generatedStatementsSplitLosslesslyAndAnalyseWithoutSurprises() {
		check(ScriptFuzzTests::statements, this::splitAndAnalyse);
		assertThat(this.analysed).as("cases that reached the analyser").hasValueGreaterThan(CASES / 2);
	}

	@Test
	void randomCharactersSplitLosslesslyOrFailWithASyntaxError() {
		check(ScriptFuzzTests::noise, this::splitAndAnalyse);
		assertThat(this.analysed).as("cases that reached the analyser").hasValueGreaterThan(CASES / 10);
	}

	@Test
	void randomCharactersMixedWithWordsSplitLosslesslyOrFailWithASyntaxError() {
		check((random) -> statements(random) + noise(random) + statements(random), this::splitAndAnalyse);
	}

	@Test
	void generatedMigrationFilesParseOrFailWithAMigrationFileException() {
		check(ScriptFuzzTests::migrationFile, (content) -> {
			MigrationScript script;
			try {
				script = MigrationScriptParser.parse(new MigrationName("0001_fuzz", "0001"), "fuzz/0001_fuzz.sql",
						content);
			}
			catch (MigrationFileException ex) {
				assertThat(ex.getMessage()).contains("fuzz/0001_fuzz.sql");
				return;
			}
			assertThat(this.analyzer.analyzeUp(script)).isNotNull();
			assertThat(this.analyzer.analyzeDown(script)).isNotNull();
		});
	}

	private void splitAndAnalyse(String script) {
		List<Token> tokens;
		try {
			tokens = SqlLexer.tokenize(script);
		}
		catch (SqlSyntaxException ex) {
			assertThat(ex.line()).isBetween(1, script.length() + 1);
			assertThatSplitFailsToo(script);
			return;
		}
		assertThat(tokens.stream().map(Token::text).collect(Collectors.joining())).isEqualTo(script);
		List<SqlStatement> statements = SqlSplitter.split(script);
		assertThat(statements.stream().map(SqlStatement::text).collect(Collectors.joining())).isEqualTo(script);
		for (SqlStatement statement : statements) {
			assertThat(statement.text()).contains(statement.sql());
		}
		List<SqlStatement> nonEmpty = statements.stream().filter((statement) -> !statement.isEmpty()).toList();
		List<Finding> findings = this.analyzer.analyze(script);
		assertThat(findings.size()).isGreaterThanOrEqualTo(nonEmpty.size());
		assertThat(this.analyzer.analyze(nonEmpty, Section.DOWN, false)).hasSizeGreaterThanOrEqualTo(nonEmpty.size());
		assertThat(this.oldServer.analyze(nonEmpty, Section.UP, false)).hasSizeGreaterThanOrEqualTo(nonEmpty.size());
		this.analysed.incrementAndGet();
	}

	private static void assertThatSplitFailsToo(String script) {
		try {
			SqlSplitter.split(script);
			fail("the lexer failed, the splitter did not");
		}
		catch (SqlSyntaxException ex) {
			// expected
		}
	}

	private static void check(Function<Random, String> generator, Consumer<String> property) {
		for (int i = 0; i < CASES; i++) {
			replay(7919L * i + 13, generator, property);
		}
	}

	static void replay(long seed, Function<Random, String> generator, Consumer<String> property) {
		String input = generator.apply(new Random(seed));
		try {
			assertTimeoutPreemptively(CASE_LIMIT, () -> property.accept(input));
		}
		catch (AssertionError | RuntimeException ex) {
			fail("Fuzz case failed for seed %d, input [%s]: %s".formatted(seed, input, ex), ex);
		}
	}

	private static String statements(Random random) {
		StringBuilder script = new StringBuilder();
		int count = random.nextInt(5);
		for (int n = 0; n < count; n++) {
			script.append(STARTS[random.nextInt(STARTS.length)]);
			int size = random.nextInt(16);
			for (int i = 0; i < size; i++) {
				script.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
			}
			script.append(random.nextInt(4) == 0 ? "" : ";").append(random.nextBoolean() ? "\n" : " ");
		}
		return script.toString();
	}

	private static String noise(Random random) {
		StringBuilder script = new StringBuilder();
		int size = random.nextInt(60);
		for (int i = 0; i < size; i++) {
			int kind = random.nextInt(10);
			if (kind < 7) {
				script.append(NOISE.charAt(random.nextInt(NOISE.length())));
			}
			else if (kind < 9) {
				script.append((char) random.nextInt(0x3000));
			}
			else {
				script.append((char) random.nextInt(Character.MAX_VALUE + 1));
			}
		}
		return script.toString();
	}

	private static String migrationFile(Random random) {
		StringBuilder file = new StringBuilder();
		String[] lines = { "-- Up", "-- Down", "-- forge:no-transaction", "-- forge:allow-breaking", "-- forge:",
				"-- forge:unknown", "-- just a comment", "", "\uFEFF", "--Up", "-- up" };
		int size = random.nextInt(8);
		for (int i = 0; i < size; i++) {
			if (random.nextBoolean()) {
				file.append(lines[random.nextInt(lines.length)]).append('\n');
			}
			else {
				file.append(random.nextInt(5) == 0 ? noise(random) : statements(random)).append('\n');
			}
		}
		return file.toString();
	}

}
