package dev.forge.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the backfill benchmark working: 50,000 rows filled once by one {@code UPDATE} and
 * once by a backfill job, each with the writer going on, against {@code FORGE_TEST_JDBC_URL}
 * or an embedded PostgreSQL. The benchmark fails itself unless every row has its word count
 * and every write of the writer is in the table.
 */
class BackfillBenchmarkTests {

	@Test
	void theFloorAndTheBackfillFillEveryRowWhileTheWriterWritesAndTheTableIsPrinted() throws Exception {
		List<String> args = new ArrayList<>(List.of("--rows", "50000"));
		String url = System.getProperty("FORGE_TEST_JDBC_URL", System.getenv("FORGE_TEST_JDBC_URL"));
		if (url != null && !url.isBlank()) {
			args.addAll(List.of("--jdbc-url", url));
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		BackfillBenchmark.Results results;
		try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
			results = BackfillBenchmark.run(args.toArray(String[]::new), out);
		}
		String report = bytes.toString(StandardCharsets.UTF_8);
		System.out.println(report);

		assertThat(results.floor().rows()).isEqualTo(50_000);
		assertThat(results.backfill().rows()).isEqualTo(50_000);
		assertThat(results.backfill().batches()).isGreaterThan(1);
		assertThat(results.floor().writes().count()).as("the writer's updates during the floor").isPositive();
		assertThat(results.backfill().writes().count()).as("the writer's updates during the backfill").isPositive();
		assertThat(results.ratio()).isPositive();
		assertThat(report).contains("| run | rows | s | rows/s | × floor |", "| one `UPDATE` (the floor) | 50,000 |",
				"| backfill job, default settings | 50,000 |", "writer p99 ms", "max from due ms", "the floor's rate (target: at least 0.5×)");
	}

	@Test
	void percentilesAreNearestRanks() {
		BackfillBenchmark.Latencies writes = BackfillBenchmark.Latencies
			.of(List.of(4_000_000L, 100_000_000L, 1_000_000L, 3_000_000L, 2_000_000L));

		assertThat(writes.percentileMillis(50)).isEqualTo(3.0);
		assertThat(writes.percentileMillis(99)).isEqualTo(100.0);
		assertThat(writes.maxMillis()).isEqualTo(100.0);
		assertThat(BackfillBenchmark.Latencies.of(List.of()).percentileMillis(99)).isZero();
	}

}
