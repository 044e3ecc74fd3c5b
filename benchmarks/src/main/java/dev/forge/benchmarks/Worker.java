package dev.forge.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Measures one tool, normally in a JVM of its own started by {@link MigrationBenchmark}:
 * either timed rounds on request ({@code serve}) or the heap used by one cold or no-op run
 * ({@code memory}, results in a properties file).
 */
public final class Worker {

	/** Liquibase logs through java.util.logging; keep a strong reference to its level. */
	private static final Logger LIQUIBASE_LOGGER = Logger.getLogger("liquibase");

	private Worker() {
	}

	public static void main(String[] args) throws Exception {
		quietLogging();
		Map<String, String> options = MigrationBenchmark.parse(args);
		Tool tool = Tool.of(options.get("tool"));
		Path directory = Path.of(options.get("dir"));
		switch (options.get("mode")) {
			case "serve" -> serve(tool, directory, options);
			case "memory" -> {
				Heap heap = memory(tool, directory, options.get("db-url"), options.get("expect"));
				Properties results = new Properties();
				results.setProperty("baseline", Long.toString(heap.baseline()));
				results.setProperty("peak", Long.toString(heap.peak()));
				results.setProperty("retained", Long.toString(heap.retained()));
				results.setProperty("nanos", Long.toString(heap.nanos()));
				try (Writer out = Files.newBufferedWriter(Path.of(options.get("out")), StandardCharsets.UTF_8)) {
					results.store(out, tool.label());
				}
			}
			default -> throw new IllegalArgumentException("Unknown mode " + options.get("mode"));
		}
	}

	/**
	 * Runs one round each time a line {@code round} comes in on standard input and answers
	 * with a line {@code RESULT <cold ns> <cold CPU ns> (<no-op ns> <no-op CPU ns>)...
	 * (<incremental ns> <incremental CPU ns>)...}, until {@code quit} or the end of the
	 * input. The parent drives all tools' workers in turn, round by round, so that a busy
	 * spell on the machine hits every tool alike.
	 */
	private static void serve(Tool tool, Path directory, Map<String, String> options) throws Exception {
		BenchmarkServer server = BenchmarkServer.external(options.get("admin-url"));
		int migrations = Integer.parseInt(options.get("migrations"));
		int noopRuns = Integer.parseInt(options.get("noop-runs"));
		int incrementalRuns = Integer.parseInt(options.get("incremental-runs"));
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
			Round round = round(tool, directory, server, migrations, noopRuns, incrementalRuns);
			StringBuilder answer = new StringBuilder("RESULT ").append(round.cold()).append(' ').append(round.coldCpu());
			for (int i = 0; i < noopRuns; i++) {
				answer.append(' ').append(round.noop()[i]).append(' ').append(round.noopCpu()[i]);
			}
			for (int i = 0; i < incrementalRuns; i++) {
				answer.append(' ').append(round.incremental()[i]).append(' ').append(round.incrementalCpu()[i]);
			}
			System.out.println(answer);
			System.out.flush();
		}
	}

	static void quietLogging() {
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
				System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
		System.setProperty("liquibase.analytics.enabled", "false");
		System.setProperty("liquibase.showBanner", "false");
		System.setProperty("liquibase.showSummaryOutput", "log");
		System.setProperty("liquibase.command.showSummaryOutput", "log");
		System.setProperty("liquibase.logLevel", "WARNING");
		LIQUIBASE_LOGGER.setLevel(Level.WARNING);
	}

	/**
	 * Applies every migration to a fresh database (cold), starts the tool
	 * {@code noopRuns} more times with all of them applied (no-op), then
	 * {@code incrementalRuns} times with all but the last one applied (incremental: before
	 * each, untimed, the last migration is undone and its history row deleted), checking
	 * that the database holds what the migrations create.
	 */
	static Round round(Tool tool, Path directory, BenchmarkServer server, int migrations, int noopRuns,
			int incrementalRuns) throws Exception {
		String expected = MigrationFiles.expectedObjects(migrations);
		String database = server.createDatabase(tool.name().toLowerCase());
		try {
			DataSource dataSource = BenchmarkServer.dataSource(server.urlFor(database));
			long cpu = cpuNanos();
			long start = System.nanoTime();
			tool.migrate(dataSource, directory);
			long cold = System.nanoTime() - start;
			long coldCpu = cpuNanos() - cpu;
			check(dataSource, expected, tool);
			long[] noop = new long[noopRuns];
			long[] noopCpu = new long[noopRuns];
			for (int i = 0; i < noopRuns; i++) {
				cpu = cpuNanos();
				start = System.nanoTime();
				tool.migrate(dataSource, directory);
				noop[i] = System.nanoTime() - start;
				noopCpu[i] = cpuNanos() - cpu;
			}
			check(dataSource, expected, tool);
			long[] incremental = new long[incrementalRuns];
			long[] incrementalCpu = new long[incrementalRuns];
			for (int i = 0; i < incrementalRuns; i++) {
				undoLast(tool, dataSource, directory, migrations);
				cpu = cpuNanos();
				start = System.nanoTime();
				tool.migrate(dataSource, directory);
				incremental[i] = System.nanoTime() - start;
				incrementalCpu[i] = cpuNanos() - cpu;
				check(dataSource, expected, tool);
			}
			return new Round(cold, coldCpu, noop, noopCpu, incremental, incrementalCpu);
		}
		finally {
			server.dropDatabase(database);
		}
	}

	/** Undoes the last migration and deletes its history row, in one transaction. */
	private static void undoLast(Tool tool, DataSource dataSource, Path directory, int migrations)
			throws SQLException {
		String fileName = tool
			.fileFor(directory, migrations, MigrationFiles.width(migrations), MigrationFiles.slug(migrations))
			.getFileName()
			.toString();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute(MigrationFiles.undo(migrations));
			if (statement.executeUpdate(tool.forget(fileName, migrations)) != 1) {
				throw new IllegalStateException(tool.label() + " has no history row for " + fileName);
			}
			connection.commit();
		}
		tool.forgotten();
	}

	/**
	 * Runs the tool once on a database and measures the heap: the sum of the heap pools'
	 * used bytes after {@code System.gc()} (baseline), the sum of their peak usage during
	 * the run (peaks reset after the baseline), and what is left after another GC.
	 */
	static Heap memory(Tool tool, Path directory, String url, String expected) throws Exception {
		DataSource dataSource = BenchmarkServer.dataSource(url);
		List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.toList();
		System.gc();
		System.gc();
		long baseline = pools.stream().mapToLong((pool) -> pool.getUsage().getUsed()).sum();
		pools.forEach(MemoryPoolMXBean::resetPeakUsage);
		long start = System.nanoTime();
		tool.migrate(dataSource, directory);
		long nanos = System.nanoTime() - start;
		long peak = pools.stream().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum();
		System.gc();
		long retained = pools.stream().mapToLong((pool) -> pool.getUsage().getUsed()).sum();
		if (expected != null) {
			check(dataSource, expected, tool);
		}
		return new Heap(baseline, peak, retained, nanos);
	}

	private static void check(DataSource dataSource, String expected, Tool tool) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			String actual = MigrationFiles.actualObjects(connection);
			if (!actual.equals(expected)) {
				throw new IllegalStateException(tool.label() + " left " + actual + ", expected " + expected);
			}
		}
	}

	static Properties read(Path file) throws IOException {
		Properties properties = new Properties();
		try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(in);
		}
		return properties;
	}

	/** CPU time used by this JVM so far, all threads (GC and JIT included). */
	static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** Wall-clock and CPU times of one round, in nanoseconds. */
	record Round(long cold, long coldCpu, long[] noop, long[] noopCpu, long[] incremental, long[] incrementalCpu) {
	}

	record Heap(long baseline, long peak, long retained, long nanos) {

		long used() {
			return Math.max(0, this.peak - this.baseline);
		}

	}

}
