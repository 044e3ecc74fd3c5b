package dev.forge.sample;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.forge.sample.SampleJar.Result;
import dev.forge.sample.SampleJar.Running;
import dev.forge.testsupport.TestDatabase;
import dev.forge.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A fleet start: eight JVMs of the packaged sample started at once on one new database
 * with pending migrations, among them a {@code CREATE INDEX CONCURRENTLY} on a table of
 * 200,000 rows. One node applies them, the others wait for it and start, every node
 * becomes ready, and each migration is recorded once.
 * <p>
 * Runs {@code forge.fleet.rounds} rounds (3 unless set), each on a database of its own,
 * and prints the time of each round and of its slowest node.
 */
class FleetStartIT {

	private static final int NODES = 8;

	private static final int ROUNDS = Integer.getInteger("forge.fleet.rounds", 3);

	private static final int TASKS = 200_000;

	private static final Duration READY_WITHIN = Duration.ofSeconds(240);

	/** Eight JVMs on as few as two cores: small heaps, C1 only, one processor each. */
	private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:ActiveProcessorCount=1");

	private static final List<String> MIGRATIONS = List.of("0001_20240110_100000_create_users",
			"0002_20240111_090000_create_projects", "0003_20240112_140000_create_tasks",
			"0004_20240115_103000_index_tasks_and_projects", "0005_20261127_085002_add_project_word_count",
			"0006_fleet_seed_tasks", "0007_fleet_index_task_titles");

	private static final String INDEX_MIGRATION = "0007_fleet_index_task_titles";

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Pattern APPLIED = Pattern
		.compile("^(\\S+) .*: Applied (\\S+) \\(.*\\) in (\\d+) ms", Pattern.MULTILINE);

	private static final Pattern WAITING = Pattern.compile(": Waiting up to \\d+s for the migration lock");

	private static final Pattern ACCEPTING_TRAFFIC = Pattern
		.compile("^(\\S+) .*ReadinessState changed .*ACCEPTING_TRAFFIC", Pattern.MULTILINE);

	private static final Pattern ERROR = Pattern.compile("^\\S+\\s+ERROR ", Pattern.MULTILINE);

	private static final String UP_TO_DATE = "Schema public is up to date: no pending migrations";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final List<RoundFigures> figures = new ArrayList<>();

	@TempDir
	static Path folder;

	@TestFactory
	Stream<DynamicTest> eightNodesStartAtOnceAndExactlyOneApplies() {
		Stream<DynamicTest> rounds = IntStream.rangeClosed(1, ROUNDS)
			.mapToObj((round) -> DynamicTest.dynamicTest("round " + round + " of " + ROUNDS, () -> round(round)));
		return Stream.concat(rounds, Stream.of(DynamicTest.dynamicTest("nodes waited for the applying node",
				FleetStartIT::nodesWaitedForTheApplyingNode)));
	}

	/**
	 * A node that starts once the applier is done finds nothing pending without waiting;
	 * the rounds prove the fleet start only if nodes also arrived while it was applying.
	 */
	static void nodesWaitedForTheApplyingNode() {
		assumeThat(figures).as("rounds that passed").hasSize(ROUNDS);
		assertThat(figures.stream().mapToInt(RoundFigures::waited).sum()).as("nodes that waited for the lock")
			.isPositive();
	}

	@AfterAll
	static void printFigures() {
		if (figures.isEmpty()) {
			return;
		}
		double total = figures.stream().mapToDouble(RoundFigures::roundSeconds).sum();
		RoundFigures slowestRound = figures.stream().max(Comparator.comparingDouble(RoundFigures::roundSeconds)).get();
		RoundFigures slowestNode = figures.stream()
			.max(Comparator.comparingDouble(RoundFigures::slowestReadySeconds))
			.get();
		System.out.printf(Locale.ROOT,
				"Fleet start: %d rounds of %d nodes in %.1f s (mean %.1f s, slowest round %.1f s); slowest node ready"
						+ " after %.1f s (round %d); nodes that waited for the lock: %d of %d%n",
				figures.size(), NODES, total, total / figures.size(), slowestRound.roundSeconds(),
				slowestNode.slowestReadySeconds(), slowestNode.round(),
				figures.stream().mapToInt(RoundFigures::waited).sum(), figures.size() * (NODES - 1));
	}

	private void round(int round) throws Exception {
		long roundStart = System.nanoTime();
		Path migrations = migrationsFor(round);
		List<Node> nodes = new ArrayList<>();
		try (TestDatabase database = TestPostgres.server().createDatabase("FleetStartIT")) {
			try {
				for (int i = 1; i <= NODES; i++) {
					nodes.add(Node.start(i, database, migrations));
				}
				awaitReady(nodes);
				double slowestReady = nodes.stream().mapToDouble(Node::readySeconds).max().getAsDouble();
				for (Node node : nodes) {
					assertServes(node);
				}
				assertHistoryAndSchema(database);
				long stopStart = System.nanoTime();
				stopAll(nodes);
				double stopSeconds = seconds(System.nanoTime() - stopStart);
				RoundFigures result = assertOneNodeApplied(round, nodes, slowestReady, stopSeconds,
						seconds(System.nanoTime() - roundStart));
				figures.add(result);
				System.out.println(result);
				// a failed round keeps its nodes' logs, which its assertion messages name
				for (Node node : nodes) {
					node.deleteLogs();
				}
			}
			finally {
				nodes.forEach(Node::kill);
			}
		}
	}

	/**
	 * The sample's own migrations with the fleet's two files after them, in a folder of the
	 * round's own.
	 */
	private static Path migrationsFor(int round) throws IOException, URISyntaxException {
		Path target = Files.createDirectories(folder.resolve("round-" + round).resolve("migrations"));
		for (String location : List.of("/migrations", "/fleet-migrations")) {
			try (Stream<Path> files = Files.list(Path.of(FleetStartIT.class.getResource(location).toURI()))) {
				for (Path file : files.filter((file) -> file.toString().endsWith(".sql")).toList()) {
					Files.copy(file, target.resolve(file.getFileName()));
				}
			}
		}
		try (Stream<Path> files = Files.list(target)) {
			assertThat(files.map((file) -> file.getFileName().toString().replace(".sql", "")).sorted())
				.containsExactlyElementsOf(MIGRATIONS);
		}
		return target;
	}

	private static void awaitReady(List<Node> nodes) throws Exception {
		long deadline = System.nanoTime() + READY_WITHIN.toNanos();
		while (nodes.stream().anyMatch((node) -> node.readyNanos == 0)) {
			for (Node node : nodes) {
				if (node.readyNanos == 0) {
					node.checkReady();
				}
			}
			if (System.nanoTime() > deadline) {
				Node late = nodes.stream().filter((node) -> node.readyNanos == 0).findFirst().get();
				throw new AssertionError("Node " + late.number + " was not ready within " + READY_WITHIN.toSeconds()
						+ " s:\n" + late.app.output());
			}
			Thread.sleep(100);
		}
	}

	/** Healthy, with every migration applied, and serving the migrated schema. */
	private static void assertServes(Node node) throws Exception {
		JsonNode health = get(node, "/actuator/health");
		assertThat(health.get("status").asString()).as("health of node %d: %s", node.number, health).isEqualTo("UP");
		JsonNode forge = health.get("components").get("forge");
		assertThat(forge.get("status").asString()).isEqualTo("UP");
		assertThat(forge.get("details").get("applied").asInt()).as("node %d: %s", node.number, forge)
			.isEqualTo(MIGRATIONS.size());
		assertThat(forge.get("details").get("pending").asInt()).isZero();
		JsonNode projects = get(node, "/projects");
		assertThat(projects).hasSize(1);
		assertThat(projects.get(0).get("name").asString()).isEqualTo("Fleet");
	}

	private static void assertHistoryAndSchema(TestDatabase database) {
		List<Map<String, Object>> history = database
			.query("SELECT name, success FROM forge_migrations ORDER BY name, applied_at");
		assertThat(history).extracting((row) -> row.get("name")).containsExactlyElementsOf(MIGRATIONS);
		assertThat(history).extracting((row) -> row.get("success")).containsOnly(true);
		assertThat(database.value("SELECT count(*) FROM tasks")).as("seeded once").isEqualTo((long) TASKS);
		assertThat(database.value("SELECT indisvalid AND indisready FROM pg_index"
				+ " WHERE indexrelid = 'public.tasks_title_idx'::regclass")).isEqualTo(true);
		assertThat(database.column("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid"))
			.as("INVALID indexes")
			.isEmpty();
	}

	private static void stopAll(List<Node> nodes) throws Exception {
		nodes.forEach((node) -> node.app.process().destroy());
		for (Node node : nodes) {
			node.stopped = node.app.waitFor(60);
			// 143: ended by SIGTERM after Spring Boot's shutdown hook ran
			assertThat(node.stopped.exitCode()).as("node %d: %s", node.number, node.stopped).isEqualTo(143);
			assertThat(node.stopped.out()).as("node %d", node.number).contains("Graceful shutdown complete");
			assertThat(ERROR.matcher(node.stopped.out()).find()).as("node %d: %s", node.number, node.stopped)
				.isFalse();
		}
	}

	/**
	 * Exactly one node logged the applied migrations, each of them once; every other node
	 * applied nothing and found the schema up to date, after waiting for the lock or after
	 * the applier had finished; and no node accepted traffic before the last migration was
	 * applied.
	 */
	private static RoundFigures assertOneNodeApplied(int round, List<Node> nodes, double slowestReady,
			double stopSeconds, double roundSeconds) {
		List<Node> appliers = nodes.stream().filter((node) -> !node.applied().isEmpty()).toList();
		assertThat(appliers).as("nodes that applied migrations: %s", appliers).hasSize(1);
		Node applier = appliers.get(0);
		assertThat(applier.applied().keySet()).containsExactlyElementsOf(MIGRATIONS);
		Instant migrated = applier.lastApplied();
		int waited = 0;
		for (Node node : nodes) {
			assertThat(node.acceptingTraffic()).as("node %d ready after the last migration was applied", node.number)
				.isAfterOrEqualTo(migrated);
			if (node != applier) {
				assertThat(node.stopped.out()).as("node %d", node.number)
					.contains(UP_TO_DATE)
					.doesNotContain("Applying ");
				if (WAITING.matcher(node.stopped.out()).find()) {
					waited++;
				}
			}
		}
		long applyMillis = applier.applied().values().stream().mapToLong(Long::longValue).sum();
		return new RoundFigures(round, roundSeconds, slowestReady,
				nodes.stream().mapToDouble(Node::readySeconds).min().getAsDouble(), applier.number, applyMillis,
				applier.applied().get(INDEX_MIGRATION), waited, stopSeconds);
	}

	private static JsonNode get(Node node, String path) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.uri(path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s on node %d: %s", path, node.number, response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	/** One JVM of the fleet. */
	private static final class Node {

		private final int number;

		private final Running app;

		private final long startNanos;

		private int port;

		private long readyNanos;

		private Result stopped;

		private Node(int number, Running app, long startNanos) {
			this.number = number;
			this.app = app;
			this.startNanos = startNanos;
		}

		static Node start(int number, TestDatabase database, Path migrations) throws IOException {
			long start = System.nanoTime();
			Running app = SampleJar.start(JVM_OPTIONS, SampleJar.on(database, "--server.port=0",
					"--forge.migrations.path=file:" + migrations,
					// absent, so that the working directory's src/main/resources/migrations is not read
					"--forge.migrations.output-dir=" + migrations.resolveSibling("generated"),
					// eight pools on one server: stay well below max_connections (100)
					"--spring.datasource.hikari.maximum-pool-size=4",
					// logs the readiness changes, so that their times can be compared across nodes
					"--logging.level.org.springframework.boot.availability=debug"));
			return new Node(number, app, start);
		}

		void checkReady() throws IOException, InterruptedException {
			if (!this.app.process().isAlive()) {
				throw new AssertionError("Node " + this.number + " exited:\n" + this.app.output());
			}
			if (this.port == 0) {
				Matcher port = PORT.matcher(Files.readString(this.app.out()));
				if (!port.find()) {
					return;
				}
				this.port = Integer.parseInt(port.group(1));
			}
			try {
				HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					this.readyNanos = System.nanoTime();
				}
			}
			catch (IOException ex) {
				// not answering yet
			}
		}

		URI uri(String path) {
			return URI.create("http://127.0.0.1:" + this.port + path);
		}

		double readySeconds() {
			return seconds(this.readyNanos - this.startNanos);
		}

		/** The migrations this node logged as applied, in order, with their times. */
		Map<String, Long> applied() {
			Map<String, Long> applied = new LinkedHashMap<>();
			Matcher matcher = APPLIED.matcher(this.stopped.out());
			while (matcher.find()) {
				assertThat(applied.put(matcher.group(2), Long.parseLong(matcher.group(3))))
					.as("%s applied twice by node %d", matcher.group(2), this.number)
					.isNull();
			}
			return applied;
		}

		/** When the last migration was logged as applied, by the log's clock. */
		Instant lastApplied() {
			Matcher matcher = APPLIED.matcher(this.stopped.out());
			Instant last = null;
			while (matcher.find()) {
				last = OffsetDateTime.parse(matcher.group(1)).toInstant();
			}
			return last;
		}

		/** When Spring Boot announced that the node accepts traffic, by the log's clock. */
		Instant acceptingTraffic() {
			Matcher matcher = ACCEPTING_TRAFFIC.matcher(this.stopped.out());
			assertThat(matcher.find()).as("node %d announced ACCEPTING_TRAFFIC: %s", this.number, this.stopped)
				.isTrue();
			return OffsetDateTime.parse(matcher.group(1)).toInstant();
		}

		void deleteLogs() throws IOException {
			Files.deleteIfExists(this.app.out());
			Files.deleteIfExists(this.app.err());
		}

		void kill() {
			if (this.app.process().isAlive()) {
				this.app.process().destroyForcibly();
			}
		}

		@Override
		public String toString() {
			return "node " + this.number + " (" + this.app.out() + ")";
		}

	}

	private record RoundFigures(int round, double roundSeconds, double slowestReadySeconds, double fastestReadySeconds,
			int applier, long applyMillis, long indexMillis, int waited, double stopSeconds) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"Fleet round %d: %d nodes ready after %.1f-%.1f s; node %d applied %d migrations in %d ms"
							+ " (CREATE INDEX CONCURRENTLY %d ms); %d of %d others waited for the lock; stopped in"
							+ " %.1f s; round %.1f s",
					this.round, NODES, this.fastestReadySeconds, this.slowestReadySeconds, this.applier,
					MIGRATIONS.size(), this.applyMillis, this.indexMillis, this.waited, NODES - 1, this.stopSeconds,
					this.roundSeconds);
		}

	}

}
