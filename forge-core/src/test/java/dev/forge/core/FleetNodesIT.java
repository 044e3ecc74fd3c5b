package dev.forge.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.forge.testsupport.ChildJvm;
import dev.forge.testsupport.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes that are separate JVMs start and stop at random, some cleanly and some with SIGKILL,
 * while a deferred drop of a column that the old ones use waits and one process applies with
 * {@code forge.migrations.deferred=auto} in a loop. Every node checks at every heartbeat that
 * the columns it uses still exist: no check ever fails, and the drop applies after the last
 * old node went, within a heartbeat plus the node timeout (plus slack for a loaded machine).
 * <p>
 * {@code -Dforge.fleet.nodes-rounds=N} repeats it with a new column each round (1),
 * {@code -Dforge.fleet.nodes=N} sets the nodes of a round (10) and
 * {@code -Dforge.fleet.nodes-seed=N} repeats a run's schedule.
 */
class FleetNodesIT extends EngineTestSupport {

	private static final int ROUNDS = Integer.getInteger("forge.fleet.nodes-rounds", 1);

	private static final int NODES = Integer.getInteger("forge.fleet.nodes", 10);

	private static final long SEED = Long.getLong("forge.fleet.nodes-seed", System.nanoTime());

	private static final Duration HEARTBEAT = Duration.ofMillis(300);

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	/** A loaded machine's pause between the last old node going and the applier's next run. */
	private static final Duration SLACK = Duration.ofSeconds(3);

	FleetNodesIT(TestDatabase database) {
		super(database);
	}

	@Test
	void noDeferredDropAppliesWhileALiveNodeUsesItsColumnAndItAppliesSoonAfterTheLastOneGoes(@TempDir Path logs)
			throws Exception {
		Random random = new Random(SEED);
		this.folder.write("0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
		for (int round = 1; round <= ROUNDS; round++) {
			String column = "legacy_" + round;
			String drop = String.format("%04d_drop_%s", round * 2 + 1, column);
			this.folder.write(String.format("%04d_add_%s.sql", round * 2, column),
					"ALTER TABLE users ADD COLUMN " + column + " text;\n")
				.write(drop + ".sql", "-- forge:deferred\n-- Up\nALTER TABLE users DROP COLUMN " + column + ";\n");
			configure().load().apply();
			assertThat(this.database.columnNames("users")).as("seed %d", SEED).contains(column);
			round(random, logs, round, "users." + column, drop);
		}
	}

	@Test
	void oldAndNewCodeSideBySideThePhaseTwoWaitsForTheOldNodeUntilItStopsOrIsKilledAndExpires(@TempDir Path logs)
			throws Exception {
		this.folder.write("0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
		for (String ending : List.of("stop", "kill")) {
			String column = "legacy_" + ending;
			String drop = "0003_drop_" + column;
			this.folder.write("0002_add_" + column + ".sql", "ALTER TABLE users ADD COLUMN " + column + " text;\n")
				.write(drop + ".sql", "-- forge:deferred\n-- Up\nALTER TABLE users DROP COLUMN " + column + ";\n");
			configure().load().apply();
			Node newNode = Node.start(this, logs, "web-new-" + ending, "users.email");
			Node oldNode = Node.start(this, logs, "web-old-" + ending, "users." + column);
			assertThat(newNode.awaitJoin()).startsWith("JOINED");
			assertThat(oldNode.awaitJoin()).startsWith("JOINED");
			Forge auto = configure().deferredPolicy(DeferredPolicy.AUTO).nodeTimeout(TIMEOUT).nodeName("applier")
				.load();

			ApplyResult waiting = auto.apply();

			assertThat(waiting.applied()).isEmpty();
			assertThat(waiting.warnings()).singleElement()
				.asString()
				.contains(drop, "It waits for web-old-" + ending + " (1.0) on ", ", which uses users." + column + ".");
			ContractCheck check = auto.fleet().contractChecks().get(0);
			assertThat(check.blockedBy()).extracting((blocker) -> blocker.node().application())
				.containsExactly("web-old-" + ending);

			long gone = System.nanoTime();
			if (ending.equals("stop")) {
				oldNode.stop();
			}
			else {
				oldNode.kill();
			}
			AtomicBoolean applying = new AtomicBoolean(true);
			long applied = applyUntil(drop, applying);
			Duration after = Duration.ofNanos(applied - gone);
			System.out.printf("Old node %s: the drop applied %d ms later (node timeout %d ms, heartbeat %d ms)%n",
					(ending.equals("stop") ? "stopped cleanly" : "killed with SIGKILL"), after.toMillis(),
					TIMEOUT.toMillis(), HEARTBEAT.toMillis());
			if (ending.equals("kill")) {
				assertThat(after).as("a killed node blocks until it expires").isGreaterThan(TIMEOUT.minus(HEARTBEAT));
			}
			assertThat(after).isLessThan(HEARTBEAT.plus(TIMEOUT).plus(SLACK));
			assertThat(this.database.columnNames("users")).doesNotContain(column);
			assertThat(this.database.value("SELECT note FROM forge_migrations WHERE name = '" + drop + "'"))
				.isEqualTo("applied automatically (forge.migrations.deferred=auto): no live node uses users." + column
						+ "; 1 live node checked");
			newNode.stop();
			assertThat(newNode.violations()).isEmpty();
			assertThat(oldNode.violations()).isEmpty();
			this.folder.delete("0002_add_" + column + ".sql").delete(drop + ".sql");
			this.database.execute("DELETE FROM forge_migrations WHERE name <> '0001_users'");
		}
	}

	private void round(Random random, Path logs, int round, String oldColumn, String drop) throws Exception {
		List<Scheduled> schedule = new ArrayList<>();
		for (int i = 0; i < NODES; i++) {
			// the first node runs old code from the start; the rest start within four seconds
			boolean old = i == 0 || random.nextInt(10) < 6;
			long startMillis = (i == 0) ? 0 : random.nextInt(4000);
			long lifeMillis = 1000 + random.nextInt(4000);
			schedule.add(new Scheduled("r" + round + "-" + (old ? "old-" : "new-") + i, old, startMillis, lifeMillis,
					random.nextBoolean()));
		}
		ExecutorService threads = Executors.newFixedThreadPool(NODES + 1);
		try {
			Node first = Node.start(this, logs, schedule.get(0).name(), oldColumn);
			assertThat(first.awaitJoin()).startsWith("JOINED");
			AtomicBoolean applying = new AtomicBoolean(true);
			CompletableFuture<Long> applied = CompletableFuture.supplyAsync(() -> applyUntil(drop, applying), threads);
			List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
			// the first old node stays until every other node has joined, so that the drop waits
			// while the others come and go, whatever the JVMs' start takes on a loaded machine
			CountDownLatch othersJoined = new CountDownLatch(schedule.size() - 1);
			outcomes.add(CompletableFuture.supplyAsync(() -> live(first, schedule.get(0), othersJoined), threads));
			for (Scheduled node : schedule.subList(1, schedule.size())) {
				outcomes.add(CompletableFuture.supplyAsync(() -> run(logs, node, oldColumn, othersJoined), threads));
			}
			List<Outcome> results = new ArrayList<>();
			for (CompletableFuture<Outcome> outcome : outcomes) {
				results.add(outcome.get(100, TimeUnit.SECONDS));
			}
			long lastOldGone = results.stream()
				.filter((outcome) -> outcome.old() && outcome.joined())
				.mapToLong(Outcome::goneNanos)
				.max()
				.orElseThrow();
			long appliedNanos = applied.get(60, TimeUnit.SECONDS);
			applying.set(false);

			assertThat(results).as("seed %d", SEED)
				.allSatisfy((outcome) -> assertThat(outcome.violations()).as(outcome.name()).isEmpty());
			assertThat(appliedNanos).as("seed %d: the drop applied after the last old node went", SEED)
				.isGreaterThan(lastOldGone);
			Duration after = Duration.ofNanos(appliedNanos - lastOldGone);
			System.out.printf("Round %d (seed %d): %d nodes (%d old, %d late, %d killed); the drop applied"
					+ " %d ms after the last old node went (bound %d ms)%n", round, SEED, results.size(),
					results.stream().filter(Outcome::old).count(),
					results.stream().filter((outcome) -> !outcome.joined()).count(),
					schedule.stream().filter(Scheduled::kill).count(), after.toMillis(),
					HEARTBEAT.plus(TIMEOUT).plus(SLACK).toMillis());
			assertThat(after).as("seed %d", SEED).isLessThan(HEARTBEAT.plus(TIMEOUT).plus(SLACK));
			assertThat(this.database.value("SELECT note FROM forge_migrations WHERE name = '" + drop + "'"))
				.asString()
				.startsWith("applied automatically (forge.migrations.deferred=auto): no live node uses " + oldColumn);
		}
		finally {
			threads.shutdownNow();
		}
	}

	/** Applies with {@code auto} in a loop; returns when the drop was seen applied. */
	private long applyUntil(String drop, AtomicBoolean applying) {
		Forge forge = configure().deferredPolicy(DeferredPolicy.AUTO).nodeTimeout(TIMEOUT).nodeName("applier").load();
		while (applying.get()) {
			ApplyResult result = forge.apply();
			if (result.applied().stream().anyMatch((execution) -> execution.name().equals(drop))) {
				return System.nanoTime();
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw new IllegalStateException("stopped before " + drop + " applied");
	}

	private Outcome run(Path logs, Scheduled node, String oldColumn, CountDownLatch othersJoined) {
		try {
			Thread.sleep(node.startMillis());
			Node process = Node.start(this, logs, node.name(), node.old() ? oldColumn : "users.email");
			String joined;
			try {
				joined = process.awaitJoin();
			}
			finally {
				othersJoined.countDown();
			}
			if (!joined.startsWith("JOINED")) {
				assertThat(joined).as(node.name()).startsWith("LATE " + oldColumn);
				process.awaitExit();
				return new Outcome(node.name(), node.old(), false, System.nanoTime(), process.violations());
			}
			return live(process, node, null);
		}
		catch (Exception ex) {
			throw new IllegalStateException(node.name() + ": " + ex.getMessage(), ex);
		}
	}

	private Outcome live(Node process, Scheduled node, @Nullable CountDownLatch othersJoined) {
		try {
			Thread.sleep(node.lifeMillis());
			if (othersJoined != null) {
				assertThat(othersJoined.await(100, TimeUnit.SECONDS)).isTrue();
			}
			long gone = System.nanoTime();
			if (node.kill()) {
				process.kill();
			}
			else {
				process.stop();
			}
			return new Outcome(node.name(), node.old(), true, gone, process.violations());
		}
		catch (Exception ex) {
			throw new IllegalStateException(node.name() + ": " + ex.getMessage(), ex);
		}
	}

	/** When a node starts, how long it lives, and whether it is killed or stops cleanly. */
	private record Scheduled(String name, boolean old, long startMillis, long lifeMillis, boolean kill) {

	}

	/**
	 * What became of a node: whether it joined with its columns there, when it went (stop
	 * sent or killed) and the violations it printed.
	 */
	private record Outcome(String name, boolean old, boolean joined, long goneNanos, List<String> violations) {

	}

	/** A node in a JVM of its own, running {@link FleetMemberProcess}. */
	private static final class Node {

		private final Process process;

		private final Path log;

		private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

		private final List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();

		private Node(Process process, Path log) {
			this.process = process;
			this.log = log;
			Thread reader = new Thread(() -> {
				try (BufferedReader output = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = output.readLine()) != null) {
						if (line.startsWith("VIOLATION")) {
							this.violations.add(line);
						}
						this.lines.add(line);
					}
				}
				catch (IOException ex) {
					// the node was killed
				}
			}, "fleet-node-output");
			reader.setDaemon(true);
			reader.start();
		}

		static Node start(FleetNodesIT test, Path logs, String name, String columns) throws IOException {
			Path log = logs.resolve(name + ".log");
			List<String> command = ChildJvm.command(List.of("-Xmx64m"), FleetMemberProcess.class,
					test.database.jdbcUrl(), name, String.valueOf(HEARTBEAT.toMillis()),
					String.valueOf(TIMEOUT.toMillis()), columns);
			return new Node(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start(), log);
		}

		String awaitJoin() throws Exception {
			String line = this.lines.poll(60, TimeUnit.SECONDS);
			if (line == null || !(line.startsWith("JOINED") || line.startsWith("LATE"))) {
				this.process.destroyForcibly();
				throw new AssertionError("The node did not join: " + line + "\n" + tail());
			}
			return line;
		}

		void stop() throws Exception {
			Writer input = new OutputStreamWriter(this.process.getOutputStream(), StandardCharsets.UTF_8);
			input.write("STOP\n");
			input.flush();
			awaitExit();
		}

		void awaitExit() throws InterruptedException {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				throw new AssertionError("The node did not stop\n" + tail());
			}
			assertThat(this.process.exitValue()).as(tail()).isZero();
		}

		/** Kills the node with SIGKILL. */
		void kill() throws InterruptedException {
			this.process.destroyForcibly();
			assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}

		List<String> violations() {
			return List.copyOf(this.violations);
		}

		String tail() {
			try {
				List<String> all = Files.readAllLines(this.log);
				return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
			}
			catch (IOException ex) {
				return "(no log: " + ex.getMessage() + ")";
			}
		}

	}

}
