package dev.forge.sample;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.forge.sample.SampleJar.Result;
import dev.forge.testsupport.TestDatabase;
import dev.forge.testsupport.TestPostgres;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Old and new code side by side (DESIGN §11): a node of the sample's previous release, whose
 * models still use {@code users.legacy_email}, runs next to a node of the sample as it is,
 * whose models dropped it. The phase 2 that {@code migrate generate} writes for the drop waits
 * and names the old node. Once the old node stops, or is killed and expires, phase 2 applies
 * by itself ({@code forge.migrations.deferred=auto}), or {@code migrate plan} says that it is
 * safe to contract ({@code manual}).
 * <p>
 * Each case runs on a database of its own with JVMs of the sample started from the test's
 * class path: the previous release is the sample with {@code forge.models.packages} on
 * {@code dev.forge.e2e.models.legacy} and the migrations up to the one that added the column.
 * Nodes heartbeat every 500 ms and expire after 3 s. Prints the measured times.
 */
class FleetContractIT {

	private static final Duration HEARTBEAT = Duration.ofMillis(500);

	private static final Duration NODE_TIMEOUT = Duration.ofSeconds(3);

	/** Room for a loaded machine: JVM shutdown, thread scheduling and the check's own queries. */
	private static final Duration SLACK = Duration.ofSeconds(5);

	private static final Duration READY_WITHIN = Duration.ofSeconds(120);

	private static final String LEGACY_MODELS = "dev.forge.e2e.models.legacy";

	private static final String LEGACY_COLUMN = "users.legacy_email";

	private static final String OLD_VERSION = "1.4.1";

	private static final String NEW_VERSION = "1.4.2";

	/** Small heaps, a client JIT and few GC threads: two nodes and a command share two cores. */
	private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx256m",
			"-XX:+UseSerialGC");

	private static final Pattern ERROR = Pattern.compile("^\\S+\\s+ERROR ", Pattern.MULTILINE);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final List<String> figures = new ArrayList<>();

	/** Kept when a case fails: its nodes' logs are there. */
	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	static Path folder;

	/** The previous release's migrations: the sample's and the one that added the column. */
	private static Path oldRelease;

	/** The sample's release: the previous one's migrations and the generated two-phase drop. */
	private static @Nullable Path newRelease;

	/** The generated phase 2, the file that drops the column. */
	private static String phase2;

	@BeforeAll
	static void previousRelease() throws Exception {
		oldRelease = Files.createDirectories(folder.resolve("old-release").resolve("migrations"));
		for (String location : List.of("/migrations", "/fleet-contract")) {
			try (Stream<Path> files = Files.list(Path.of(FleetContractIT.class.getResource(location).toURI()))) {
				for (Path file : files.filter((file) -> file.toString().endsWith(".sql")).toList()) {
					Files.copy(file, oldRelease.resolve(file.getFileName()));
				}
			}
		}
		buildInfo(oldRelease, OLD_VERSION);
	}

	@AfterAll
	static void printFigures() {
		figures.forEach(System.out::println);
	}

	/**
	 * {@code auto}: the phase 2 waits while the old node runs and applies on the new node
	 * within a heartbeat of the old node's clean stop; the history says it applied by itself.
	 */
	@Test
	void oldNodeStopsAndPhase2AppliesByItself() throws Exception {
		try (TestDatabase database = TestPostgres.server().createDatabase("FleetContractIT_stop");
				Node old = Node.startOld(database); Node current = Node.startNew(database, "auto")) {
			assertWaitsFor(old, current, database);

			long stop = System.nanoTime();
			Result stopped = old.stop();
			long exited = System.nanoTime();
			assertThat(stopped.exitCode()).as("the old node's exit: %s", stopped).isEqualTo(143);
			long applied = awaitApplied(database, current, exited + HEARTBEAT.plus(SLACK).toNanos() * 4);

			Duration afterExit = Duration.ofNanos(applied - exited);
			assertThat(afterExit).as("from the old node's exit to phase 2 applied").isLessThan(HEARTBEAT.plus(SLACK));
			assertAppliedByItself(database, current);
			assertThat(current.stop().exitCode()).isEqualTo(143);
			assertNoErrors(old, current);
			figures.add(String.format(Locale.ROOT,
					"Fleet contract, clean stop: phase 2 applied %d ms after the old node's exit (%d ms after SIGTERM);"
							+ " heartbeat %d ms",
					afterExit.toMillis(), Duration.ofNanos(applied - stop).toMillis(), HEARTBEAT.toMillis()));
		}
	}

	/**
	 * {@code manual}: {@code migrate plan} names the old node while it runs; once it has
	 * stopped, {@code plan} says that it is safe to contract and exits with 0, and the
	 * phase 2 still waits for its {@code -- forge:allow-breaking}.
	 */
	@Test
	void oldNodeStopsAndPlanSaysSafeToContract() throws Exception {
		try (TestDatabase database = TestPostgres.server().createDatabase("FleetContractIT_manual");
				Node old = Node.startOld(database); Node current = Node.startNew(database, "manual")) {
			assertWaitsFor(old, current, database);
			Result blocked = migrate(database, newRelease, "plan");
			assertThat(blocked.out()).as(blocked::toString)
				.contains(phase2)
				.containsPattern("blocked by .*\\(" + OLD_VERSION + "\\) .*pid " + old.pid() + ", which uses "
						+ LEGACY_COLUMN)
				.doesNotContain("safe to contract");

			assertThat(old.stop().exitCode()).isEqualTo(143);
			Result safe = migrate(database, newRelease, "plan");
			assertThat(safe.exitCode()).as(safe::toString).isZero();
			assertThat(safe.out()).as(safe::toString)
				.contains(phase2)
				.contains("safe to contract: no live node uses " + LEGACY_COLUMN);
			assertThat(safe.out()).doesNotContain("pid " + old.pid());

			JsonNode migration = migration(current.get("/actuator/forge-migrations"), phase2);
			assertThat(migration.get("status").asString()).as("%s", migration).isEqualTo("PENDING");
			assertThat(migration.get("blockedBy")).as("%s", migration).isEmpty();
			assertThat(appliedNames(database)).as("manual leaves phase 2 to the user").doesNotContain(phase2);
			assertThat(database.columnNames("users")).contains("legacy_email");
			assertThat(current.stop().exitCode()).isEqualTo(143);
			assertNoErrors(old, current);
		}
	}

	/**
	 * {@code auto} after {@code kill -9}: the killed node cannot remove itself; it blocks
	 * phase 2 until its last heartbeat is older than the node timeout, then phase 2 applies.
	 */
	@Test
	void killedOldNodeExpiresAndPhase2AppliesByItself() throws Exception {
		try (TestDatabase database = TestPostgres.server().createDatabase("FleetContractIT_kill");
				Node old = Node.startOld(database); Node current = Node.startNew(database, "auto")) {
			assertWaitsFor(old, current, database);

			long kill = System.nanoTime();
			old.kill();
			long applied = awaitApplied(database, current,
					kill + NODE_TIMEOUT.plus(HEARTBEAT).plus(SLACK).toNanos() * 4);
			// read now: a heartbeat the server received just before the kill may have ended after it
			long lastHeartbeat = epochMillis(database, "heartbeat_at", "forge_nodes WHERE pid = " + old.pid());

			Duration expiredAfter = Duration
				.ofMillis(epochMillis(database, "applied_at", "forge_migrations WHERE name = '" + phase2 + "'")
						- lastHeartbeat);
			assertThat(expiredAfter)
				.as("from the killed node's last heartbeat to phase 2 applied, by the database's clock")
				.isGreaterThanOrEqualTo(NODE_TIMEOUT);
			Duration afterKill = Duration.ofNanos(applied - kill);
			assertThat(afterKill).as("from kill -9 to phase 2 applied")
				.isLessThan(NODE_TIMEOUT.plus(HEARTBEAT).plus(SLACK));
			assertAppliedByItself(database, current);
			assertThat(current.stop().exitCode()).isEqualTo(143);
			assertNoErrors(current);
			figures.add(String.format(Locale.ROOT,
					"Fleet contract, kill -9: phase 2 applied %d ms after the kill, %d ms after the killed node's last"
							+ " heartbeat; node timeout %d ms, heartbeat %d ms",
					afterKill.toMillis(), expiredAfter.toMillis(),
					NODE_TIMEOUT.toMillis(), HEARTBEAT.toMillis()));
		}
	}

	/**
	 * Both nodes are live; the phase 2 is pending and names the old node, its version and
	 * the column it uses, on the new node's endpoint, and still does a few heartbeats later.
	 */
	private static void assertWaitsFor(Node old, Node current, TestDatabase database) throws Exception {
		current.awaitListed(current);
		long until = System.nanoTime() + HEARTBEAT.multipliedBy(3).toNanos();
		do {
			JsonNode migrations = current.get("/actuator/forge-migrations");
			JsonNode nodes = migrations.get("nodes");
			assertThat(pids(nodes)).as("live nodes: %s", nodes).containsExactlyInAnyOrder(old.pid(), current.pid());
			JsonNode oldNode = node(nodes, old.pid());
			assertThat(oldNode.get("version").asString()).isEqualTo(OLD_VERSION);
			assertThat(oldNode.get("uses").toString()).contains('"' + LEGACY_COLUMN + '"');
			assertThat(node(nodes, current.pid()).get("version").asString()).isEqualTo(NEW_VERSION);
			assertThat(node(nodes, current.pid()).get("uses").toString()).doesNotContain(LEGACY_COLUMN)
				.contains("\"users.email\"");
			JsonNode migration = migration(migrations, phase2);
			assertThat(migration.get("status").asString()).as("%s", migration).isEqualTo("PENDING");
			assertThat(migration.get("removes").toString()).as("%s", migration).contains('"' + LEGACY_COLUMN + '"');
			JsonNode blockedBy = migration.get("blockedBy");
			assertThat(blockedBy).as("%s", migration).hasSize(1);
			assertThat(blockedBy.get(0).get("node").asString()).as("%s", blockedBy)
				.isEqualTo(oldNode.get("id").asString());
			assertThat(blockedBy.get(0).get("version").asString()).isEqualTo(OLD_VERSION);
			assertThat(blockedBy.get(0).get("uses").toString()).contains('"' + LEGACY_COLUMN + '"');
			assertThat(appliedNames(database)).doesNotContain(phase2);
		}
		while (System.nanoTime() < until);
		assertThat(database.columnNames("users")).contains("legacy_email");
		assertThat(current.output()).as("the new node's log")
			.containsPattern(Pattern.quote(phase2) + " .*waits: .* It waits for forge-sample \\(" + OLD_VERSION
					+ "\\) on \\S+ pid " + old.pid() + ", which uses " + LEGACY_COLUMN);
	}

	/**
	 * Waits until the history records phase 2.
	 * @return when it appeared, by {@link System#nanoTime()}
	 */
	private static long awaitApplied(TestDatabase database, Node current, long deadline) throws Exception {
		await(() -> appliedNames(database).contains(phase2), deadline,
				() -> phase2 + " was not applied; the new node's log:\n" + current.output());
		return System.nanoTime();
	}

	/** The column is gone; the history row and the node's log say that it applied by itself. */
	private static void assertAppliedByItself(TestDatabase database, Node current) throws IOException {
		assertThat(database.columnNames("users")).doesNotContain("legacy_email");
		Map<String, Object> row = database
			.query("SELECT * FROM forge_migrations WHERE name = '" + phase2 + "'")
			.get(0);
		assertThat(row.get("success")).isEqualTo(true);
		assertThat((String) row.get("note")).as("the history row: %s", row)
			.containsIgnoringCase("automatically")
			.contains(LEGACY_COLUMN);
		assertThat(current.output()).containsPattern("(?i)" + Pattern.quote(phase2) + ".*automatic");
	}

	private static void assertNoErrors(Node... nodes) throws IOException {
		for (Node node : nodes) {
			String output = node.output();
			assertThat(ERROR.matcher(output).find()).as("ERROR lines of the %s node:\n%s", node.name, output).isFalse();
		}
	}

	private static long epochMillis(TestDatabase database, String column, String from) {
		Object millis = database.value("SELECT (extract(epoch FROM " + column + ") * 1000)::bigint FROM " + from);
		assertThat(millis).as("%s of %s", column, from).isNotNull();
		return (Long) millis;
	}

	private static List<Object> appliedNames(TestDatabase database) {
		return database.column("SELECT name FROM forge_migrations WHERE success");
	}

	private static List<Long> pids(JsonNode nodes) {
		assertThat(nodes).as("nodes").isNotNull();
		List<Long> pids = new ArrayList<>();
		nodes.forEach((node) -> pids.add(node.get("pid").asLong()));
		return pids;
	}

	private static JsonNode node(JsonNode nodes, long pid) {
		for (JsonNode node : nodes) {
			if (node.get("pid").asLong() == pid) {
				return node;
			}
		}
		throw new AssertionError("No node with pid " + pid + " among " + nodes);
	}

	private static JsonNode migration(JsonNode migrations, String name) {
		for (JsonNode migration : migrations.get("migrations")) {
			if (name.equals(migration.get("name").asString())) {
				return migration;
			}
		}
		throw new AssertionError(name + " is not among the migrations: " + migrations);
	}

	/**
	 * The sample's release: {@code migrate generate} with the sample's models, as a user
	 * would run it, against the previous release's schema (a database where the old node has
	 * applied its migrations) writes the two-phase drop of {@code users.legacy_email}. Made
	 * once, by the first case that needs it.
	 */
	private static synchronized Path newRelease(TestDatabase database) throws Exception {
		if (newRelease != null) {
			return newRelease;
		}
		Path release = Files.createDirectories(Files.createTempDirectory(folder, "new-release").resolve("migrations"));
		buildInfo(release, NEW_VERSION);
		try (Stream<Path> files = Files.list(oldRelease)) {
			for (Path file : files.toList()) {
				Files.copy(file, release.resolve(file.getFileName()));
			}
		}
		Result generate = migrate(database, release, "generate", "drop_user_legacy_email",
				"--forge.migrations.two-phase-breaking-changes=true");
		assertThat(generate.exitCode()).as(generate::toString).isZero();
		List<Path> generated;
		try (Stream<Path> files = Files.list(release)) {
			generated = files.filter((file) -> !Files.exists(oldRelease.resolve(file.getFileName()))).sorted().toList();
		}
		assertThat(generated).as(generate::toString).isNotEmpty();
		Path last = generated.get(generated.size() - 1);
		assertThat(Files.readString(last)).as(last.toString())
			.containsPattern("(?m)^-- forge:deferred$")
			.doesNotContainPattern("(?m)^-- forge:allow-breaking$")
			.containsIgnoringCase("DROP COLUMN legacy_email");
		phase2 = last.getFileName().toString().replace(".sql", "");
		newRelease = release;
		return release;
	}

	/** The build info of a release, next to its migrations, as the node's version. */
	private static void buildInfo(Path migrations, String version) throws IOException {
		Files.writeString(migrations.resolveSibling("build-info.properties"),
				"build.group=dev.forge\nbuild.artifact=forge-sample\nbuild.name=forge-sample\nbuild.version=" + version
						+ "\n");
	}

	/**
	 * Runs the command line of the sample's release whose migrations are in a folder.
	 */
	private static Result migrate(TestDatabase database, Path migrations, String... command) throws Exception {
		List<String> args = new ArrayList<>(settings(database, migrations));
		args.add("migrate");
		args.addAll(List.of(command));
		Path log = Files.createTempFile(folder, "migrate", ".log");
		Process process = launch(args, log);
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("migrate " + String.join(" ", command) + " did not end within 120 s:\n"
					+ Files.readString(log));
		}
		return new Result(process.exitValue(), Files.readString(log), "");
	}

	/** What every JVM of the sample gets: the database, the release's files, the fleet timings. */
	private static List<String> settings(TestDatabase database, Path migrations) {
		List<String> args = new ArrayList<>(List.of(SampleJar.on(database)));
		args.add("--forge.migrations.path=file:" + migrations);
		args.add("--forge.migrations.output-dir=" + migrations);
		args.add("--forge.fleet.heartbeat=" + HEARTBEAT.toMillis() + "ms");
		args.add("--forge.fleet.node-timeout=" + NODE_TIMEOUT.toMillis() + "ms");
		args.add("--spring.info.build.location=file:" + migrations.resolveSibling("build-info.properties"));
		return args;
	}

	private static Process launch(List<String> args, Path log) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_OPTIONS);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(SampleApplication.class.getName());
		command.addAll(args);
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.start();
		return process;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void await(BooleanSupplier condition, long deadline, Supplier<String> failure)
			throws Exception {
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(failure.get());
			}
			Thread.sleep(50);
		}
	}

	/** A JVM of the sample: the previous release or the current one. */
	private static final class Node implements AutoCloseable {

		private final String name;

		private final Process process;

		private final Path log;

		private final int port;

		private Node(String name, Process process, Path log, int port) {
			this.name = name;
			this.process = process;
			this.log = log;
			this.port = port;
		}

		/** Starts the previous release, which applies the migration that adds the column. */
		static Node startOld(TestDatabase database) throws Exception {
			Node node = start("old", database, oldRelease, "--forge.models.packages=" + LEGACY_MODELS);
			try {
				assertThat(database.columnNames("users")).contains("legacy_email");
				// it joins the fleet once its start-up migrations have run, just after it is ready
				node.awaitListed(node);
				return node;
			}
			catch (Throwable ex) {
				node.close();
				throw ex;
			}
		}

		/** Starts the sample as it is, with the generated two-phase drop among its files. */
		static Node startNew(TestDatabase database, String deferred) throws Exception {
			return start("new", database, newRelease(database), "--forge.migrations.deferred=" + deferred);
		}

		private static Node start(String name, TestDatabase database, Path migrations, String... extra)
				throws Exception {
			List<String> args = new ArrayList<>(settings(database, migrations));
			// the test's class path holds forge-core's logback-test.xml, which keeps Tomcat's port quiet
			int port = freePort();
			args.addAll(List.of("--server.port=" + port, "--server.address=127.0.0.1",
					"--spring.datasource.hikari.maximum-pool-size=3"));
			args.addAll(List.of(extra));
			Path log = Files.createTempFile(folder, name + "-node", ".log");
			Node node = new Node(name, launch(args, log), log, port);
			try {
				node.awaitReady();
				return node;
			}
			catch (Throwable ex) {
				// a node that never became a resource of the case would outlive the test
				node.close();
				throw ex;
			}
		}

		long pid() {
			return this.process.pid();
		}

		private void awaitReady() throws Exception {
			long deadline = System.nanoTime() + READY_WITHIN.toNanos();
			while (!ready()) {
				if (!this.process.isAlive()) {
					throw new AssertionError("The " + this.name + " node exited:\n" + output());
				}
				if (System.nanoTime() > deadline) {
					throw new AssertionError("The " + this.name + " node was not ready within "
							+ READY_WITHIN.toSeconds() + " s:\n" + output());
				}
				Thread.sleep(100);
			}
		}

		private boolean ready() throws InterruptedException {
			try {
				HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.discarding());
				return response.statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		}

		/** Waits until this node's endpoint lists a node as live. */
		void awaitListed(Node node) throws Exception {
			long deadline = System.nanoTime() + READY_WITHIN.toNanos();
			await(() -> {
				try {
					return pids(get("/actuator/forge-migrations").get("nodes")).contains(node.pid());
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}, deadline, () -> "The " + this.name + " node does not list the " + node.name + " node:\n" + output());
		}

		JsonNode get(String path) throws Exception {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("%s on the %s node: %s", path, this.name, response.body())
				.isEqualTo(200);
			return json.readTree(response.body());
		}

		private URI uri(String path) {
			return URI.create("http://127.0.0.1:" + this.port + path);
		}

		/** Stops the node as a deployment does: SIGTERM, then Spring Boot's shutdown. */
		Result stop() throws Exception {
			this.process.destroy();
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				throw new AssertionError("The " + this.name + " node did not stop within 60 s:\n" + output());
			}
			return new Result(this.process.exitValue(), output(), "");
		}

		/** {@code kill -9}: the node cannot say goodbye. */
		void kill() throws InterruptedException {
			this.process.destroyForcibly();
			assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}

		String output() {
			try {
				return Files.readString(this.log, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void close() {
			if (this.process.isAlive()) {
				this.process.destroyForcibly();
				try {
					// gone before its database is dropped
					this.process.waitFor(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

}
