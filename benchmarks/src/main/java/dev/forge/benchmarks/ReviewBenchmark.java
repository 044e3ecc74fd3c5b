package dev.forge.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.sql.DataSource;

import dev.forge.core.Forge;
import dev.forge.core.MigrationReview;

/**
 * Times {@link Forge#review()}, which is all the {@code forge-migrations} endpoint does
 * besides shaping JSON: the status, the plan and the findings of 1,000 applied files and one
 * pending file. Target: under 300 ms.
 * <p>
 * Run with {@code mvn -pl benchmarks -am -q compile exec:java
 * -Dexec.mainClass=dev.forge.benchmarks.ReviewBenchmark [-Dexec.args=JDBC_URL]}; without a
 * JDBC URL it starts an embedded PostgreSQL.
 */
public final class ReviewBenchmark {

	private static final int FILES = 1_000;

	private static final int ROUNDS = 9;

	private ReviewBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		try (BenchmarkServer server = (args.length > 0) ? BenchmarkServer.external(args[0])
				: BenchmarkServer.embedded()) {
			String database = server.createDatabase("review");
			try {
				run(BenchmarkServer.dataSource(server.urlFor(database)));
			}
			finally {
				server.dropDatabase(database);
			}
		}
	}

	private static void run(DataSource dataSource) throws Exception {
		Path folder = Files.createTempDirectory("forge-review-bench");
		for (int i = 1; i <= FILES; i++) {
			Files.writeString(folder.resolve(String.format("%04d_table_%d.sql", i, i)),
					"-- Up\nCREATE TABLE t" + i + " (id bigint PRIMARY KEY, name text, created_at timestamptz);\n"
							+ ((i > 1) ? "ALTER TABLE t" + (i - 1) + " ADD COLUMN note text;\n" : "")
							+ "-- Down\nDROP TABLE t" + i + ";\n");
		}
		Forge forge = Forge.configure().dataSource(dataSource).locations("filesystem:" + folder).load();
		forge.apply();
		Files.writeString(folder.resolve("1001_index.sql"), "CREATE INDEX t1_name ON t1 (name);\n");
		long[] times = new long[ROUNDS];
		MigrationReview review = null;
		for (int i = 0; i < ROUNDS; i++) {
			long start = System.nanoTime();
			review = forge.review();
			times[i] = System.nanoTime() - start;
		}
		long[] measured = Arrays.copyOfRange(times, 2, times.length);
		Arrays.sort(measured);
		System.out.printf("Review of %d applied files and 1 pending (status, plan, findings): first %d ms,"
				+ " median %d ms, best %d ms (%d migrations, %d pending)%n", FILES, times[0] / 1_000_000,
				measured[measured.length / 2] / 1_000_000, measured[0] / 1_000_000,
				review.status().migrations().size(), review.plan().migrations().size());
	}

}
