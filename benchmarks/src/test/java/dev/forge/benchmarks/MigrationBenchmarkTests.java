package dev.forge.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the benchmark harness working: every tool applies 20 migrations (checked against
 * the objects they create), starts again with nothing to do and with the last one pending
 * again, in this JVM, against
 * {@code FORGE_TEST_JDBC_URL} or an embedded PostgreSQL.
 */
class MigrationBenchmarkTests {

	@Test
	void everyToolAppliesTheSameMigrationsAndTheTableIsPrinted() throws Exception {
		List<String> args = new ArrayList<>(List.of("--migrations", "20", "--rounds", "1", "--noop-runs", "1",
				"--incremental-runs", "2", "--fork", "false", "--heap", "peak", "--warm-up", "false"));
		String url = System.getProperty("FORGE_TEST_JDBC_URL", System.getenv("FORGE_TEST_JDBC_URL"));
		if (url != null && !url.isBlank()) {
			args.addAll(List.of("--jdbc-url", url));
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		Map<Tool, MigrationBenchmark.Result> results;
		try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
			results = MigrationBenchmark.run(args.toArray(String[]::new), out);
		}
		String report = bytes.toString(StandardCharsets.UTF_8);
		assertThat(results).containsOnlyKeys(Tool.values());
		results.values().forEach((result) -> {
			assertThat(result.coldMedianNanos()).isPositive();
			assertThat(result.noopMedianNanos()).isPositive();
			assertThat(result.incrementalMedianNanos()).isPositive();
		});
		assertThat(report).contains("| tool | cold apply ms", "| FORGE | ", "| Flyway | ", "| Liquibase | ",
				"| plain JDBC | ", "| incremental ms | incremental × JDBC |", "peak heap cold MB");
	}

	@Test
	void filesDifferOnlyInNamesAndHeaders() {
		assertThat(MigrationFiles.undo(1)).isEqualTo("DROP TABLE bench_t1");
		assertThat(MigrationFiles.undo(2)).isEqualTo("ALTER TABLE bench_t1 DROP COLUMN amount");
		assertThat(MigrationFiles.undo(3)).isEqualTo("DROP INDEX bench_t1_amount_idx");
		assertThat(MigrationFiles.expectedObjects(20)).isEqualTo("7 tables, 28 columns, 13 indexes");
		assertThat(MigrationFiles.sql(1)).startsWith("CREATE TABLE bench_t1 (");
		assertThat(MigrationFiles.sql(2)).isEqualTo("ALTER TABLE bench_t1 ADD COLUMN amount integer;\n");
		assertThat(MigrationFiles.sql(3)).isEqualTo("CREATE INDEX bench_t1_amount_idx ON bench_t1 (amount);\n");
	}

}
