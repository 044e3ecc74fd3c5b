package dev.forge.benchmarks;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.forge.core.BackfillRun;
import dev.forge.core.Forge;
import dev.forge.core.JobStatus;

/**
 * The rate of a backfill job with the default settings against the floor, one
 * {@code UPDATE} of the whole table, on two identical tables in one run, with a concurrent
 * writer updating random rows of the table being filled during each: the seed's word count
 * ({@code SET word_count = array_length(regexp_split_to_array(trim(body), '\s+'), 1) WHERE
 * word_count IS NULL}). Prints a Markdown table: rows/s, the ratio to the floor, and the
 * writer's p50, p99 and longest update, as statements and from when each update was due.
 *
 * <pre>
 * --rows N             rows of each table (default 1000000)
 * --writer-rate R      the writer's updates per second (default 200)
 * --jdbc-url URL       a server whose user may create databases (default: embedded PostgreSQL)
 * </pre>
 */
public final class BackfillBenchmark {

	/** The rate the backfill must reach, as a share of the floor's. */
	static final double TARGET = 0.5;

	private static final String JOB = "0001_backfill_word_count";

	private static final String WORD_COUNT = "array_length(regexp_split_to_array(trim(body), '\\s+'), 1)";

	private BackfillBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		run(args, System.out);
	}

	/**
	 * Runs the benchmark.
	 * @param args the command-line arguments
	 * @param out where progress and the table go
	 * @return the floor's and the backfill's results
	 */
	public static Results run(String[] args, PrintStream out) throws Exception {
		Worker.quietLogging();
		Map<String, String> options = MigrationBenchmark.parse(args);
		int rows = Integer.parseInt(options.getOrDefault("rows", "1000000"));
		int rate = Integer.parseInt(options.getOrDefault("writer-rate", "200"));
		String url = options.get("jdbc-url");
		try (BenchmarkServer server = (url != null) ? BenchmarkServer.external(url) : BenchmarkServer.embedded()) {
			out.printf(Locale.ROOT, "Server: %s (PostgreSQL %s); %,d rows, writer %d updates/s, %d cores%n",
					server.description(), server.serverVersion(), rows, rate,
					Runtime.getRuntime().availableProcessors());
			String database = server.createDatabase("backfill");
			try {
				DataSource dataSource = BenchmarkServer.dataSource(server.urlFor(database));
				Results results = measure(dataSource, rows, rate, out);
				print(results, rows, out);
				return results;
			}
			finally {
				server.dropDatabase(database);
			}
		}
	}

	private static Results measure(DataSource dataSource, int rows, int rate, PrintStream out)
			throws Exception {
		out.println("Filling documents_floor and documents_backfill...");
		documents(dataSource, "documents_floor", rows);
		documents(dataSource, "documents_backfill", rows);

		out.println("One UPDATE of documents_floor...");
		execute(dataSource, "CHECKPOINT");
		Writer floorWriter = Writer.start(dataSource, "documents_floor", rows, rate);
		long start = System.nanoTime();
		long floorRows;
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			floorRows = statement.executeUpdate("UPDATE documents_floor SET word_count = " + WORD_COUNT
					+ " WHERE word_count IS NULL");
		}
		long floorNanos = System.nanoTime() - start;
		Writes floorWrites = floorWriter.stop();
		Measurement floor = new Measurement("one `UPDATE` (the floor)", floorRows, floorNanos, 0, 0, floorWrites);

		out.println("Backfill job of documents_backfill with the default settings...");
		Path folder = Files.createTempDirectory("forge-backfill-bench");
		try {
			Files.writeString(folder.resolve(JOB + ".sql"), "-- forge:backfill\n-- Up\nUPDATE documents_backfill SET"
					+ " word_count = " + WORD_COUNT + " WHERE word_count IS NULL;\n-- Down\n"
					+ "UPDATE documents_backfill SET word_count = NULL;\n");
			Forge forge = Forge.configure().dataSource(dataSource).locations("filesystem:" + folder).load();
			forge.apply();
			execute(dataSource, "CHECKPOINT");
			Writer backfillWriter = Writer.start(dataSource, "documents_backfill", rows, rate);
			start = System.nanoTime();
			BackfillRun run = forge.backfills().run(JOB);
			long backfillNanos = System.nanoTime() - start;
			Writes backfillWrites = backfillWriter.stop();
			if (run.job().status() != JobStatus.DONE) {
				throw new IllegalStateException("The backfill job ended " + run.job().progress());
			}
			Measurement backfill = new Measurement("backfill job, default settings", run.rows(), backfillNanos,
					run.batches(), run.maxBatchDuration().toMillis(), backfillWrites);
			check(dataSource, "documents_floor", rows, floorWrites);
			check(dataSource, "documents_backfill", rows, backfillWrites);
			return new Results(floor, backfill);
		}
		finally {
			try (Stream<Path> files = Files.list(folder)) {
				for (Path file : files.toList()) {
					Files.delete(file);
				}
			}
			Files.delete(folder);
		}
	}

	/** A table of documents whose bodies have 2 to 8 words, vacuumed and analysed as a quiet table would be. */
	private static void documents(DataSource dataSource, String table, int rows) throws SQLException {
		execute(dataSource, "CREATE TABLE " + table + " (id bigint PRIMARY KEY, body text NOT NULL,"
				+ " word_count integer, touched integer NOT NULL DEFAULT 0)");
		execute(dataSource, "INSERT INTO " + table + " (id, body) SELECT i, repeat('word ', i % 7 + 1) || i"
				+ " FROM generate_series(1, " + rows + ") AS i");
		execute(dataSource, "VACUUM ANALYZE " + table);
	}

	/** Fails unless every row has its word count and every write of the writer is there. */
	private static void check(DataSource dataSource, String table, int rows, Writes writes) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FILTER (WHERE word_count = id % 7 + 2),"
						+ " sum(touched) FROM " + table)) {
			result.next();
			if (result.getLong(1) != rows || result.getLong(2) != writes.count()) {
				throw new IllegalStateException(table + ": " + result.getLong(1) + " of " + rows
						+ " rows with their word count, " + result.getLong(2) + " writes of the writer's "
						+ writes.count());
			}
		}
	}

	private static void print(Results results, int rows, PrintStream out) {
		out.printf(Locale.ROOT, "%n%,d rows, one run:%n%n", rows);
		out.println("| run | rows | s | rows/s | × floor | batches | longest batch ms | writer updates"
				+ " | writer p50 ms | writer p99 ms | writer max ms | p99 from due ms | max from due ms |");
		out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (Measurement measurement : List.of(results.floor(), results.backfill())) {
			Writes writes = measurement.writes();
			out.printf(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %.2f× | %s | %s | %,d | %.1f | %.1f | %,.0f | %,.1f | %,.0f |%n",
					measurement.label(), measurement.rows(), measurement.nanos() / 1e9, measurement.rowsPerSecond(),
					measurement.rowsPerSecond() / results.floor().rowsPerSecond(),
					(measurement.batches() > 0) ? String.format(Locale.ROOT, "%,d", measurement.batches()) : "1",
					(measurement.batches() > 0) ? Long.toString(measurement.longestBatchMillis()) : "—",
					writes.count(), writes.statements().percentileMillis(50), writes.statements().percentileMillis(99),
					writes.statements().maxMillis(), writes.fromDue().percentileMillis(99), writes.fromDue().maxMillis());
		}
		double ratio = results.ratio();
		out.printf(Locale.ROOT, "%nThe backfill ran at %.2f× the floor's rate (target: at least %.1f×): %s%n", ratio,
				TARGET, (ratio >= TARGET) ? "met" : "NOT met");
	}

	private static void execute(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/**
	 * What the benchmark measured.
	 * @param floor the single {@code UPDATE}
	 * @param backfill the backfill job
	 */
	public record Results(Measurement floor, Measurement backfill) {

		/**
		 * Returns the backfill's rate as a share of the floor's.
		 * @return the ratio
		 */
		public double ratio() {
			return this.backfill.rowsPerSecond() / this.floor.rowsPerSecond();
		}

	}

	/**
	 * One way of filling the table.
	 * @param label how the table names it
	 * @param rows the rows updated
	 * @param nanos the wall time
	 * @param batches the committed batches, {@code 0} for the single {@code UPDATE}
	 * @param longestBatchMillis the longest batch
	 * @param writes the concurrent writer's updates
	 */
	public record Measurement(String label, long rows, long nanos, long batches, long longestBatchMillis,
			Writes writes) {

		/**
		 * Returns the rows per second.
		 * @return the rate
		 */
		public double rowsPerSecond() {
			return this.rows / (this.nanos / 1e9);
		}

	}

	/**
	 * The concurrent writer's updates, each one row in its own transaction.
	 * @param statements how long each update's statement took, sorted: the wait for row locks
	 * and the work
	 * @param fromDue the time from when each update was due until it committed, sorted: what a
	 * steady stream of writes sees, which counts the updates a blocked writer could not send
	 */
	public record Writes(Latencies statements, Latencies fromDue) {

		/**
		 * Returns the number of updates.
		 * @return the count
		 */
		public int count() {
			return this.statements.nanos().size();
		}

	}

	/**
	 * Times of one kind, sorted.
	 * @param nanos the times
	 */
	public record Latencies(List<Long> nanos) {

		static Latencies of(List<Long> nanos) {
			List<Long> sorted = new ArrayList<>(nanos);
			Collections.sort(sorted);
			return new Latencies(List.copyOf(sorted));
		}

		/**
		 * Returns a percentile (nearest rank).
		 * @param percent the percentile
		 * @return milliseconds, {@code 0} without times
		 */
		public double percentileMillis(int percent) {
			if (this.nanos.isEmpty()) {
				return 0;
			}
			int rank = (int) Math.ceil(percent / 100.0 * this.nanos.size());
			return this.nanos.get(Math.max(0, rank - 1)) / 1e6;
		}

		/**
		 * Returns the longest time.
		 * @return milliseconds, {@code 0} without times
		 */
		public double maxMillis() {
			return this.nanos.isEmpty() ? 0 : this.nanos.get(this.nanos.size() - 1) / 1e6;
		}

	}

	/**
	 * Updates random rows of a table, one per transaction, at a steady rate until it is
	 * stopped: the application's writes while the table is filled. Each update's time runs
	 * from when it was due, so that a writer blocked for 10 s counts every update it could not
	 * send in those 10 s, not one slow update.
	 */
	private static final class Writer {

		/** When the measured work ended; updates due before it are still sent. */
		private final AtomicLong stoppedAt = new AtomicLong(Long.MAX_VALUE);

		private final List<Long> statements = Collections.synchronizedList(new ArrayList<>());

		private final List<Long> fromDue = Collections.synchronizedList(new ArrayList<>());

		private CompletableFuture<Void> loop;

		static Writer start(DataSource dataSource, String table, int rows, int rate) throws SQLException {
			Writer writer = new Writer();
			Connection connection = dataSource.getConnection();
			writer.loop = CompletableFuture.runAsync(() -> {
				try (connection;
						PreparedStatement update = connection
							.prepareStatement("UPDATE " + table + " SET touched = touched + 1 WHERE id = ?")) {
					long interval = 1_000_000_000L / rate;
					long scheduled = System.nanoTime();
					while (scheduled < writer.stoppedAt.get()) {
						long wait = scheduled - System.nanoTime();
						if (wait > 0) {
							TimeUnit.NANOSECONDS.sleep(wait);
						}
						update.setLong(1, ThreadLocalRandom.current().nextLong(1, rows + 1));
						long start = System.nanoTime();
						update.executeUpdate();
						long end = System.nanoTime();
						writer.statements.add(end - start);
						// the updates an application would have sent while the writer was blocked waited too
						writer.fromDue.add(end - scheduled);
						scheduled += interval;
					}
				}
				catch (SQLException | InterruptedException ex) {
					throw new IllegalStateException("The writer of " + table + " failed: " + ex.getMessage(), ex);
				}
			});
			return writer;
		}

		/** Stops the writer once it has sent the updates that were due until now. */
		Writes stop() throws Exception {
			this.stoppedAt.set(System.nanoTime());
			this.loop.get(60, TimeUnit.SECONDS);
			return new Writes(Latencies.of(this.statements), Latencies.of(this.fromDue));
		}

	}

}
