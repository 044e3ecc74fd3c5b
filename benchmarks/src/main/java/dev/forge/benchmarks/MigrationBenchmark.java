package dev.forge.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Applies the same generated migrations with FORGE, Flyway, Liquibase and a plain JDBC
 * loop and prints a Markdown table: cold apply, no-op start and incremental apply (one
 * pending migration; median and min over rounds, ratio to the JDBC floor) and heap use.
 * <p>
 * Every tool is timed in a JVM of its own (same class path), warmed up with one full
 * round first. Heap is measured in one further JVM per tool and scenario; see
 * {@code benchmarks/README.md}.
 *
 * <pre>
 * --migrations N      how many migrations (default 1000)
 * --rounds R          measured rounds after the warm-up (default 5)
 * --noop-runs K       no-op starts per round (default 3)
 * --incremental-runs J incremental applies (all but the last migration applied) per round (default 3)
 * --warm-up BOOL      run one unmeasured round first (default true)
 * --jdbc-url URL      a server whose user may create databases (default: embedded PostgreSQL)
 * --tools LIST        comma-separated subset of forge,flyway,liquibase,jdbc
 * --heap MODE         peak (default), ladder (peak plus the smallest -Xmx that succeeds) or none
 * --fork BOOL         run the tools in forked JVMs (default true); false runs them in this one
 * --child-heap SIZE   -Xmx of the timing and peak-heap JVMs (default 1g)
 * </pre>
 */
public final class MigrationBenchmark {

	/** -Xmx values tried by the ladder, in MB. */
	static final int[] LADDER = { 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024 };

	private final Map<String, String> options;

	private final PrintStream out;

	private MigrationBenchmark(Map<String, String> options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	public static void main(String[] args) throws Exception {
		run(args, System.out);
	}

	/**
	 * Runs the benchmark.
	 * @param args the command-line arguments
	 * @param out where progress and the table go
	 * @return the results, by tool
	 */
	public static Map<Tool, Result> run(String[] args, PrintStream out) throws Exception {
		Worker.quietLogging();
		return new MigrationBenchmark(parse(args), out).run();
	}

	static Map<String, String> parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument " + args[i]);
			}
			String key = args[i].substring(2);
			int equals = key.indexOf('=');
			if (equals >= 0) {
				options.put(key.substring(0, equals), key.substring(equals + 1));
			}
			else {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("--" + key + " needs a value");
				}
				options.put(key, args[++i]);
			}
		}
		return options;
	}

	private String option(String name, String defaultValue) {
		return this.options.getOrDefault(name, defaultValue);
	}

	private Map<Tool, Result> run() throws Exception {
		int migrations = Integer.parseInt(option("migrations", "1000"));
		int rounds = Integer.parseInt(option("rounds", "5"));
		List<Tool> tools = Arrays.stream(option("tools", "forge,flyway,liquibase,jdbc").split(","))
			.map(Tool::of)
			.toList();
		String heapMode = option("heap", "peak");
		int noopRuns = Integer.parseInt(option("noop-runs", "3"));
		int incrementalRuns = Integer.parseInt(option("incremental-runs", "3"));
		boolean fork = Boolean.parseBoolean(option("fork", "true"));
		String url = this.options.get("jdbc-url");
		Path work = Files.createTempDirectory("forge-bench-");
		Map<Tool, Result> results = new EnumMap<>(Tool.class);
		try (BenchmarkServer server = (url != null) ? BenchmarkServer.external(url) : BenchmarkServer.embedded()) {
			this.out.printf(Locale.ROOT, "Server: %s (PostgreSQL %s); %d migrations, %d rounds, %s, %d cores%n",
					server.description(), server.serverVersion(), migrations, rounds,
					fork ? "one JVM per tool" : "in-process", Runtime.getRuntime().availableProcessors());
			Map<Tool, Path> directories = new EnumMap<>(Tool.class);
			for (Tool tool : tools) {
				directories.put(tool, MigrationFiles.write(tool, work.resolve(tool.name().toLowerCase()), migrations));
			}
			time(tools, directories, server, migrations, rounds, noopRuns, incrementalRuns, fork, work, results);
			if (!heapMode.equals("none")) {
				String expected = MigrationFiles.expectedObjects(migrations);
				for (Tool tool : tools) {
					this.out.printf(Locale.ROOT, "Measuring the heap of %s...%n", tool.label());
					Result result = results.get(tool);
					result.coldHeap = heap(tool, directories.get(tool), server, work, fork, false, expected, heapMode);
					result.noopHeap = heap(tool, directories.get(tool), server, work, fork, true, expected, heapMode);
				}
			}
		}
		finally {
			deleteRecursively(work);
		}
		printTable(results, migrations, rounds, noopRuns, incrementalRuns, heapMode);
		return results;
	}

	/**
	 * Times every tool round by round: one warm-up round, then {@code rounds} measured ones,
	 * the tools taking turns within each round (starting with a different one each time).
	 */
	private void time(List<Tool> tools, Map<Tool, Path> directories, BenchmarkServer server, int migrations,
			int rounds, int noopRuns, int incrementalRuns, boolean fork, Path work, Map<Tool, Result> results)
			throws Exception {
		Map<Tool, RoundRunner> runners = new EnumMap<>(Tool.class);
		try {
			for (Tool tool : tools) {
				runners.put(tool,
						fork ? new ForkedRunner(tool, directories.get(tool), server, migrations, noopRuns,
								incrementalRuns, work)
								: () -> Worker.round(tool, directories.get(tool), server, migrations, noopRuns,
										incrementalRuns));
				results.put(tool, new Result(tool, rounds, noopRuns, incrementalRuns));
			}
			boolean warmUp = Boolean.parseBoolean(option("warm-up", "true"));
			for (int round = warmUp ? -1 : 0; round < rounds; round++) {
				this.out.printf(Locale.ROOT, (round < 0) ? "Warm-up round%n" : "Round %d of %d%n", round + 1, rounds);
				for (int i = 0; i < tools.size(); i++) {
					Tool tool = tools.get((Math.max(round, 0) + i) % tools.size());
					Worker.Round measured = runners.get(tool).round();
					if (round >= 0) {
						Result result = results.get(tool);
						result.cold[round] = measured.cold();
						result.coldCpu[round] = measured.coldCpu();
						System.arraycopy(measured.noop(), 0, result.noop, round * noopRuns, noopRuns);
						System.arraycopy(measured.noopCpu(), 0, result.noopCpu, round * noopRuns, noopRuns);
						System.arraycopy(measured.incremental(), 0, result.incremental, round * incrementalRuns,
								incrementalRuns);
						System.arraycopy(measured.incrementalCpu(), 0, result.incrementalCpu,
								round * incrementalRuns, incrementalRuns);
					}
				}
			}
		}
		finally {
			for (RoundRunner runner : runners.values()) {
				runner.close();
			}
		}
	}

	/** Runs rounds of one tool. */
	private interface RoundRunner extends AutoCloseable {

		Worker.Round round() throws Exception;

		@Override
		default void close() throws Exception {
		}

	}

	/** A {@link Worker} in {@code serve} mode in a JVM of its own. */
	private final class ForkedRunner implements RoundRunner {

		private final Tool tool;

		private final Process process;

		private final Path log;

		private final java.io.Writer commands;

		private final java.io.BufferedReader answers;

		private final int noopRuns;

		ForkedRunner(Tool tool, Path directory, BenchmarkServer server, int migrations, int noopRuns,
				int incrementalRuns, Path work) throws IOException {
			this.tool = tool;
			this.noopRuns = noopRuns;
			this.log = work.resolve(tool.name().toLowerCase() + "-time.log");
			ProcessBuilder builder = new ProcessBuilder(command(option("child-heap", "1g"),
					List.of("--mode", "serve", "--tool", tool.name(), "--dir", directory.toString(), "--admin-url",
							server.adminUrl(), "--migrations", Integer.toString(migrations), "--noop-runs",
							Integer.toString(noopRuns), "--incremental-runs", Integer.toString(incrementalRuns))))
				.redirectError(this.log.toFile());
			builder.environment().put("REDGATE_DISABLE_TELEMETRY", "true");
			this.process = builder.start();
			this.commands = new java.io.OutputStreamWriter(this.process.getOutputStream(),
					java.nio.charset.StandardCharsets.UTF_8);
			this.answers = new java.io.BufferedReader(new java.io.InputStreamReader(this.process.getInputStream(),
					java.nio.charset.StandardCharsets.UTF_8));
		}

		@Override
		public Worker.Round round() throws Exception {
			this.commands.write("round\n");
			this.commands.flush();
			for (String line = this.answers.readLine(); line != null; line = this.answers.readLine()) {
				if (line.startsWith("RESULT ")) {
					long[] values = Arrays.stream(line.substring(7).split(" ")).mapToLong(Long::parseLong).toArray();
					int incrementalRuns = (values.length - 2) / 2 - this.noopRuns;
					return new Worker.Round(values[0], values[1], pairs(values, 2, this.noopRuns, 0),
							pairs(values, 2, this.noopRuns, 1), pairs(values, 2 + 2 * this.noopRuns, incrementalRuns, 0),
							pairs(values, 2 + 2 * this.noopRuns, incrementalRuns, 1));
				}
			}
			this.process.waitFor();
			printTail(this.log);
			throw new IllegalStateException(this.tool.label() + " failed (exit " + this.process.exitValue()
					+ "); the end of its log is above");
		}

		/** The first ({@code which} 0) or second (1) value of {@code count} pairs from {@code from}. */
		private static long[] pairs(long[] values, int from, int count, int which) {
			long[] result = new long[count];
			for (int i = 0; i < count; i++) {
				result[i] = values[from + 2 * i + which];
			}
			return result;
		}

		@Override
		public void close() throws Exception {
			if (this.process.isAlive()) {
				try {
					this.commands.write("quit\n");
					this.commands.close();
				}
				catch (IOException ex) {
					// it is on its way out
				}
				if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
		}

	}

	/**
	 * Measures one tool and scenario: cold (a fresh database) or no-op (a database that the
	 * tool has migrated already, prepared in this JVM).
	 */
	private HeapResult heap(Tool tool, Path directory, BenchmarkServer server, Path work, boolean fork, boolean noop,
			String expected, String heapMode) throws Exception {
		String prepared = null;
		if (noop) {
			prepared = server.createDatabase(tool.name().toLowerCase() + "_noop");
			tool.migrate(BenchmarkServer.dataSource(server.urlFor(prepared)), directory);
		}
		try {
			String database = prepared;
			Probe probe = (heap, timeoutSeconds) -> {
				String db = (database != null) ? database : server.createDatabase(tool.name().toLowerCase() + "_cold");
				try {
					if (!fork) {
						Worker.Heap measured = Worker.memory(tool, directory, server.urlFor(db), expected);
						return measured;
					}
					String name = tool.name().toLowerCase() + (noop ? "-noop-" : "-cold-") + heap;
					Path out = work.resolve(name + ".properties");
					List<String> args = List.of("--mode", "memory", "--tool", tool.name(), "--dir",
							directory.toString(), "--db-url", server.urlFor(db), "--expect", expected, "--out",
							out.toString());
					int exit = fork(heap, args, work.resolve(name + ".log"), timeoutSeconds);
					if (exit != 0) {
						return null;
					}
					Properties properties = Worker.read(out);
					return new Worker.Heap(Long.parseLong(properties.getProperty("baseline")),
							Long.parseLong(properties.getProperty("peak")),
							Long.parseLong(properties.getProperty("retained")),
							Long.parseLong(properties.getProperty("nanos")));
				}
				finally {
					if (database == null) {
						server.dropDatabase(db);
					}
				}
			};
			Worker.Heap peak = probe.run(option("child-heap", "1g"), 0);
			if (peak == null) {
				throw new IllegalStateException("The heap measurement of " + tool.label() + " failed");
			}
			Integer minimum = null;
			if (fork && heapMode.equals("ladder")) {
				long timeout = Math.max(60, 20 * TimeUnit.NANOSECONDS.toSeconds(peak.nanos()));
				int low = 0;
				int high = LADDER.length - 1;
				// invariant: LADDER[high] succeeds (1g did)
				while (low < high) {
					int middle = (low + high) / 2;
					boolean ok = probe.run(LADDER[middle] + "m", timeout) != null;
					this.out.printf(Locale.ROOT, "  %s %s -Xmx%dm: %s%n", tool.label(), noop ? "no-op" : "cold",
							LADDER[middle], ok ? "ok" : "failed");
					if (ok) {
						high = middle;
					}
					else {
						low = middle + 1;
					}
				}
				minimum = LADDER[high];
			}
			return new HeapResult(peak, minimum);
		}
		finally {
			if (prepared != null) {
				server.dropDatabase(prepared);
			}
		}
	}

	/**
	 * Runs {@link Worker} in a new JVM with this JVM's class path.
	 * @return its exit code, or -1 when it was stopped after {@code timeoutSeconds}
	 */
	private int fork(String heap, List<String> args, Path log, long timeoutSeconds) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command(heap, args)).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("REDGATE_DISABLE_TELEMETRY", "true");
		Process process = builder.start();
		if (timeoutSeconds <= 0) {
			process.waitFor();
		}
		else if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
			return -1;
		}
		int exit = process.exitValue();
		if (exit != 0 && timeoutSeconds == 0) {
			printTail(log);
		}
		return exit;
	}

	private void printTail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log);
		lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(this.out::println);
	}

	/** The command line of a {@link Worker} JVM: this JVM's java and class path. */
	private static List<String> command(String heap, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + heap);
		command.add("-XX:+ExitOnOutOfMemoryError");
		command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
		command.add("-Dliquibase.analytics.enabled=false");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(Worker.class.getName());
		command.addAll(args);
		return command;
	}

	private void printTable(Map<Tool, Result> results, int migrations, int rounds, int noopRuns, int incrementalRuns,
			String heapMode) {
		Result floor = results.get(Tool.JDBC);
		boolean ladder = heapMode.equals("ladder");
		this.out.println();
		for (Result result : results.values()) {
			this.out.printf(Locale.ROOT, "%s: cold %s ms; no-op %s ms; incremental %s ms%n", result.tool.label(),
					list(result.cold), list(result.noop), list(result.incremental));
		}
		this.out.println();
		this.out.printf(Locale.ROOT, "%d migrations: median (min) of %d cold applies, %d no-op starts"
				+ " (%d per round) and %d incremental applies of 1 pending migration (%d per round)%s%n%n", migrations,
				rounds, rounds * noopRuns, noopRuns, rounds * incrementalRuns, incrementalRuns,
				Boolean.parseBoolean(option("warm-up", "true")) ? ", after one warm-up round" : ", no warm-up round");
		StringBuilder header = new StringBuilder("| tool | cold apply ms | cold × JDBC | cold CPU ms | no-op ms |"
				+ " no-op × JDBC | no-op CPU ms | incremental ms | incremental × JDBC | incremental CPU ms |");
		StringBuilder rule = new StringBuilder("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		if (!heapMode.equals("none")) {
			header.append(" peak heap cold MB | peak heap no-op MB | no-op in a fresh JVM ms |");
			rule.append("---:|---:|---:|");
			if (ladder) {
				header.append(" min -Xmx cold | min -Xmx no-op |");
				rule.append("---:|---:|");
			}
		}
		this.out.println(header);
		this.out.println(rule);
		for (Result result : results.values()) {
			StringBuilder row = new StringBuilder("| ").append(result.tool.label()).append(" | ");
			row.append(millis(median(result.cold))).append(" (").append(millis(min(result.cold))).append(") | ");
			row.append(ratio(result.cold, (floor != null) ? floor.cold : null)).append(" | ");
			row.append(millis(median(result.coldCpu))).append(" | ");
			row.append(millis(median(result.noop))).append(" (").append(millis(min(result.noop))).append(") | ");
			row.append(ratio(result.noop, (floor != null) ? floor.noop : null)).append(" | ");
			row.append(millis(median(result.noopCpu))).append(" | ");
			row.append(millis(median(result.incremental))).append(" (").append(millis(min(result.incremental)))
				.append(") | ");
			row.append(ratio(result.incremental, (floor != null) ? floor.incremental : null)).append(" | ");
			row.append(millis(median(result.incrementalCpu))).append(" |");
			if (!heapMode.equals("none")) {
				row.append(' ').append(megabytes(result.coldHeap.peak.used())).append(" | ");
				row.append(megabytes(result.noopHeap.peak.used())).append(" | ");
				row.append(millis(result.noopHeap.peak.nanos())).append(" |");
				if (ladder) {
					row.append(' ').append(xmx(result.coldHeap.minimumMb)).append(" | ");
					row.append(xmx(result.noopHeap.minimumMb)).append(" |");
				}
			}
			this.out.println(row);
		}
		this.out.println();
		this.out.println("CPU: the tool's JVM's CPU time during the run (all threads), median. Ratios: of the medians"
				+ " (of the minimums).");
		if (!heapMode.equals("none")) {
			this.out.println("Peak heap: sum of the heap pools' peak usage during one run, above the heap used after"
					+ " System.gc() just before it" + (ladder ? "; min -Xmx: the smallest heap of the ladder "
							+ Arrays.toString(LADDER) + " MB with which the run completes" : "")
					+ ". No-op in a fresh JVM: the same no-op run, the first call of the tool in a new JVM"
					+ " (class loading, no JIT), one sample.");
		}
	}

	static long median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	static long min(long[] values) {
		return Arrays.stream(values).min().orElseThrow();
	}

	private static String list(long[] nanos) {
		return String.join(" ", Arrays.stream(nanos).mapToObj(MigrationBenchmark::millis).toList());
	}

	private static String millis(long nanos) {
		return String.format(Locale.ROOT, "%,d", TimeUnit.NANOSECONDS.toMillis(nanos));
	}

	/** Ratio of the medians, and of the minimums in parentheses. */
	private static String ratio(long[] values, long[] floor) {
		return (floor == null) ? "–" : String.format(Locale.ROOT, "%.2f× (%.2f×)", (double) median(values) / median(floor),
				(double) min(values) / min(floor));
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
	}

	private static String xmx(Integer megabytes) {
		return (megabytes == null) ? "–" : megabytes + "m";
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	@FunctionalInterface
	private interface Probe {

		/** Runs once with a -Xmx; returns {@code null} when the run failed. */
		Worker.Heap run(String heap, long timeoutSeconds) throws Exception;

	}

	/** The heap of one scenario. */
	record HeapResult(Worker.Heap peak, Integer minimumMb) {
	}

	/** The measurements of one tool. */
	public static final class Result {

		final Tool tool;

		final long[] cold;

		final long[] coldCpu;

		final long[] noop;

		final long[] noopCpu;

		HeapResult coldHeap;

		final long[] incremental;

		final long[] incrementalCpu;

		HeapResult noopHeap;

		Result(Tool tool, int rounds, int noopRuns, int incrementalRuns) {
			this.tool = tool;
			this.cold = new long[rounds];
			this.coldCpu = new long[rounds];
			this.noop = new long[rounds * noopRuns];
			this.noopCpu = new long[rounds * noopRuns];
			this.incremental = new long[rounds * incrementalRuns];
			this.incrementalCpu = new long[rounds * incrementalRuns];
		}

		public long coldMedianNanos() {
			return median(this.cold);
		}

		public long noopMedianNanos() {
			return median(this.noop);
		}

		public long incrementalMedianNanos() {
			return median(this.incremental);
		}

	}

}
