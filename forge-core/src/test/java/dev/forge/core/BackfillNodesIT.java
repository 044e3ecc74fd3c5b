package dev.forge.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.forge.testsupport.ChildJvm;
import dev.forge.testsupport.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backfill jobs run by nodes that are separate JVMs, as in a cluster: two nodes sharing one
 * job, and a node killed with SIGKILL in the middle of its batches. A trigger counts the
 * updates of every row and records the node ({@code application_name}) that made the last
 * one, so "exactly once" and "both nodes worked" are what the table says. The nodes' wall
 * times are measured from the moment they are all started and have read the job, so that the
 * JVMs' start is not part of them.
 * <p>
 * {@code -Dforge.backfill.rows=N} changes the rows of each of the two-node test's four jobs
 * (200,000; 400,000 takes about two minutes on two cores), {@code -Dforge.backfill.kills=N}
 * the number of kills (3) and {@code -Dforge.backfill.seed=N} repeats a run's kill moments.
 */
class BackfillNodesIT extends EngineTestSupport {

	private static final int ROWS = Integer.getInteger("forge.backfill.rows", 200_000);

	/** The killed job's rows per second on one node, which keeps it long enough for every kill. */
	private static final int KILL_RATE = 20_000;

	/**
	 * Whether the speed-up is asserted; CI turns it off where two test suites share the
	 * machine's cores, which makes wall times say nothing about FORGE.
	 */
	private static final boolean COMPARE_TIMES = Boolean
		.parseBoolean(System.getProperty("forge.test.compare-times", "true"));

	private static final String DONE_ONCE = "updates = 1 AND word_count = id % 7 + 2";

	BackfillNodesIT(TestDatabase database) {
		super(database);
	}

	@Test
	void twoNodesWithTwoWorkersEachUpdateEveryRowOnceAndFinishSoonerThanOneNodeWithOneWorker(@TempDir Path logs)
			throws Exception {
		List<String> tables = List.of("alone_first", "pair_first", "pair_second", "alone_second");
		for (int i = 0; i < tables.size(); i++) {
			documents(tables.get(i), ROWS);
			backfill("000" + (i + 2) + "_fill_" + tables.get(i), tables.get(i), "");
		}
		configure().load().apply();
		tables.forEach((table) -> this.database.execute("VACUUM ANALYZE " + table));

		// alone, pair, pair, alone: a load on the shared machine that grows or shrinks during the
		// test falls on both alike
		long aloneMillis = alone(logs, "0002_fill_alone_first", "alone_first");
		long pairMillis = pair(logs, "0003_fill_pair_first", "pair_first");
		pairMillis += pair(logs, "0004_fill_pair_second", "pair_second");
		aloneMillis += alone(logs, "0005_fill_alone_second", "alone_second");

		System.out.printf("BackfillNodesIT: twice %,d rows: one JVM with one worker %,d ms, two JVMs with two workers"
				+ " each %,d ms: speed-up %.2fx%n", ROWS, aloneMillis, pairMillis, (double) aloneMillis / pairMillis);
		if (COMPARE_TIMES) {
			assertThat(pairMillis).as("two JVMs with two workers each against one JVM with one worker, in ms")
				.isLessThan(aloneMillis);
		}
		else {
			System.out.println("BackfillNodesIT: the speed-up is not compared (-Dforge.test.compare-times=false)");
		}
	}

	/** Runs a job on one node with one worker, checks the table and returns the wall time from GO. */
	private long alone(Path logs, String job, String table) throws Exception {
		String name = "alone-" + table;
		Node alone = Node.start(this, logs, name, job, 1);
		alone.awaitReady();
		long start = System.nanoTime();
		alone.go();
		Node.Run run = alone.awaitRun();
		long millis = millisSince(start);
		System.out.printf("BackfillNodesIT: %s, %,d rows: one JVM with one worker %,d ms (%,d batches)%n", job, ROWS,
				millis, run.batches());
		assertThat(run.status()).isEqualTo(JobStatus.DONE);
		assertThat(count("SELECT count(*) FROM " + table + " WHERE " + DONE_ONCE)).isEqualTo(ROWS);
		assertThat(rowsByNode(table)).containsExactly(Map.entry(name, (long) ROWS));
		return millis;
	}

	/**
	 * Runs a job on two nodes with two workers each, checks that every row was updated once
	 * and by whom, and returns the wall time from GO.
	 */
	private long pair(Path logs, String job, String table) throws Exception {
		Node a = Node.start(this, logs, "node-a", job, 2);
		Node b = Node.start(this, logs, "node-b", job, 2);
		a.awaitReady();
		b.awaitReady();
		long start = System.nanoTime();
		a.go();
		b.go();
		Node.Run aRun = a.awaitRun();
		Node.Run bRun = b.awaitRun();
		long millis = millisSince(start);

		Map<String, Long> byNode = rowsByNode(table);
		System.out.printf("BackfillNodesIT: %s, %,d rows: two JVMs with two workers each %,d ms (node-a %,d rows in"
				+ " %,d batches, node-b %,d rows in %,d batches)%n", job, ROWS, millis, aRun.rows(), aRun.batches(),
				bRun.rows(), bRun.batches());
		assertThat(aRun.status()).isEqualTo(JobStatus.DONE);
		assertThat(bRun.status()).isEqualTo(JobStatus.DONE);
		assertThat(count("SELECT count(*) FROM " + table + " WHERE updates > 1")).as("rows updated twice").isZero();
		assertThat(count("SELECT count(*) FROM " + table + " WHERE updates = 0 OR word_count IS NULL"))
			.as("rows missed")
			.isZero();
		assertThat(count("SELECT count(*) FROM " + table + " WHERE " + DONE_ONCE)).isEqualTo(ROWS);
		assertThat(byNode).as("rows by the node that updated them").containsOnlyKeys("node-a", "node-b");
		assertThat(byNode.get("node-a")).as("node-a's rows in the table and in its run").isEqualTo(aRun.rows());
		assertThat(byNode.get("node-b")).as("node-b's rows in the table and in its run").isEqualTo(bRun.rows());
		assertThat(aRun.batches()).isPositive();
		assertThat(bRun.batches()).isPositive();
		BackfillJob done = configure().load().backfills().find(job).orElseThrow();
		assertThat(done.rowsDone()).isEqualTo(ROWS);
		assertThat(done.batches()).isEqualTo(aRun.batches() + bRun.batches());
		return millis;
	}

	@Test
	void aNodeKilledInTheMiddleOfItsBatchesLosesNoRowAndTwoNodesFinishTheJob(@TempDir Path logs) throws Exception {
		long seed = Long.getLong("forge.backfill.seed", System.currentTimeMillis());
		int kills = Integer.getInteger("forge.backfill.kills", 3);
		System.out.println("BackfillNodesIT: seed " + seed + " (repeat with -Dforge.backfill.seed=" + seed + "), "
				+ kills + " kills");
		// at least 10 s of batches on one node, and about 1 s of them per kill
		int rows = Math.max(200_000, kills * KILL_RATE);
		documents("documents", rows);
		backfill("0002_fill", "documents", " max-rows-per-second=" + KILL_RATE);
		Forge forge = configure().load();
		forge.apply();
		// the kills together take at most about half of the job's rows
		long window = rows * 1000L / KILL_RATE / 2 / kills;
		Random random = new Random(seed);

		for (int i = 1; i <= kills; i++) {
			String name = "killed-" + i;
			long doneBefore = job(forge).rowsDone();
			Node node = Node.start(this, logs, name, "0002_fill", 2);
			node.awaitReady();
			node.go();
			long delay = (long) (random.nextDouble() * window);
			awaitUntil(() -> job(forge).rowsDone() > doneBefore, name + " committed a batch", node);
			Thread.sleep(delay);
			awaitUntil(() -> runningBatches(name) > 0, name + " runs a batch", node);
			node.kill();
			awaitUntil(() -> sessions(name) == 0, "the server ended " + name + "'s sessions", null);

			BackfillJob job = job(forge);
			long doneByTable = count("SELECT count(*) FROM documents WHERE " + DONE_ONCE);
			System.out.printf("BackfillNodesIT: kill %d of %d, %d ms after %s's first batch: %s, %,d rows by %s%n", i,
					kills, delay, name, job.progress(), job.rowsDone() - doneBefore, name);
			assertThat(job.status()).as("the job after kill %d", i).isEqualTo(JobStatus.RUNNING);
			assertThat(job.rowsDone()).as("rows done after kill %d, seed %d", i, seed)
				.isEqualTo(doneByTable)
				.isLessThan(rows);
			assertThat(count("SELECT count(*) FROM documents WHERE updated_by = '" + name + "'"))
				.as("%s's committed rows in the table and in the job's counter", name)
				.isEqualTo(job.rowsDone() - doneBefore);
			assertThat(count("SELECT count(*) FROM documents WHERE updates > 1")).isZero();
		}
		long doneBeforeFinish = job(forge).rowsDone();

		Node restarted = Node.start(this, logs, "restarted", "0002_fill", 2);
		Node other = Node.start(this, logs, "other", "0002_fill", 2);
		restarted.awaitReady();
		other.awaitReady();
		restarted.go();
		other.go();
		Node.Run restartedRun = restarted.awaitRun();
		Node.Run otherRun = other.awaitRun();

		BackfillJob job = job(forge);
		System.out.printf("BackfillNodesIT: after %d kills (%,d rows done), the restarted node updated %,d rows and"
				+ " the other %,d: %s; rows by node %s%n", kills, doneBeforeFinish, restartedRun.rows(), otherRun.rows(),
				job.progress(), rowsByNode("documents"));
		assertThat(job.status()).isEqualTo(JobStatus.DONE);
		assertThat(restartedRun.status()).isEqualTo(JobStatus.DONE);
		assertThat(otherRun.status()).isEqualTo(JobStatus.DONE);
		assertThat(count("SELECT count(*) FROM documents WHERE updates > 1")).as("rows updated twice").isZero();
		assertThat(count("SELECT count(*) FROM documents WHERE updates = 0 OR word_count IS NULL"))
			.as("rows missed")
			.isZero();
		assertThat(count("SELECT count(*) FROM documents WHERE " + DONE_ONCE)).isEqualTo(rows);
		assertThat(job.rowsDone()).isEqualTo(rows);
		assertThat(doneBeforeFinish + restartedRun.rows() + otherRun.rows()).isEqualTo(rows);
		assertThat(count("SELECT count(*) FROM documents WHERE updated_by IN ('restarted', 'other')"))
			.isEqualTo(restartedRun.rows() + otherRun.rows());
	}

	/** A table of documents whose trigger counts the updates of each row and records the node of the last. */
	private void documents(String table, int rows) {
		this.database.execute("""
				CREATE OR REPLACE FUNCTION count_updates() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    NEW.updates := OLD.updates + 1;
				    NEW.updated_by := current_setting('application_name');
				    RETURN NEW;
				END $$""");
		this.database.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, body text NOT NULL,"
				+ " word_count integer, updates integer NOT NULL DEFAULT 0, updated_by text)");
		this.database.execute("CREATE TRIGGER " + table + "_updates BEFORE UPDATE ON " + table
				+ " FOR EACH ROW EXECUTE FUNCTION count_updates()");
		this.database.execute("INSERT INTO " + table + " (id, body) SELECT i, repeat('word ', i % 7 + 1) || i"
				+ " FROM generate_series(1, " + rows + ") AS i");
	}

	/** The seed's word count as a backfill file. */
	private void backfill(String name, String table, String options) {
		this.folder.write(name + ".sql", "-- forge:backfill" + options + "\n-- Up\nUPDATE " + table
				+ " SET word_count = array_length(regexp_split_to_array(trim(body), '\\s+'), 1)"
				+ " WHERE word_count IS NULL;\n-- Down\nUPDATE " + table + " SET word_count = NULL;\n");
	}

	private BackfillJob job(Forge forge) {
		return forge.backfills().find("0002_fill").orElseThrow();
	}

	private Map<String, Long> rowsByNode(String table) {
		Map<String, Long> rows = new LinkedHashMap<>();
		this.database.query("SELECT updated_by, count(*) AS n FROM " + table + " GROUP BY 1 ORDER BY 1")
			.forEach((row) -> rows.put(String.valueOf(row.get("updated_by")), ((Number) row.get("n")).longValue()));
		return rows;
	}

	/** The node's sessions in the middle of a batch: an UPDATE of the table, running or not yet committed. */
	private long runningBatches(String node) {
		return count("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + node + "'"
				+ " AND xact_start IS NOT NULL AND query ILIKE '%UPDATE documents%'");
	}

	private long sessions(String node) {
		return count("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + node + "'");
	}

	private long count(String sql) {
		return ((Number) this.database.value(sql)).longValue();
	}

	private static long millisSince(long start) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
	}

	private static void awaitUntil(Condition condition, String what, @Nullable Node node) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!condition.met()) {
			if (node != null && !node.process.isAlive()) {
				throw new AssertionError("Waiting until " + what + ", the node ended on its own:\n" + node.tail());
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not within 60 s: " + what + ((node != null) ? "\n" + node.tail() : ""));
			}
			Thread.sleep(5);
		}
	}

	@FunctionalInterface
	private interface Condition {

		boolean met() throws Exception;

	}

	/** A node in a JVM of its own, running {@link BackfillNode}. */
	private static final class Node {

		private final Process process;

		private final Path log;

		private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

		private Node(Process process, Path log) {
			this.process = process;
			this.log = log;
			Thread reader = new Thread(() -> {
				try (BufferedReader output = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = output.readLine()) != null) {
						this.lines.add(line);
					}
				}
				catch (IOException ex) {
					// the node was killed
				}
			}, "backfill-node-output");
			reader.setDaemon(true);
			reader.start();
		}

		static Node start(BackfillNodesIT test, Path logs, String name, String job, int workers) throws IOException {
			Path log = logs.resolve(name + ".log");
			List<String> command = ChildJvm.command(BackfillNode.class, test.database.jdbcUrl(), test.folder.location(),
					name, job, String.valueOf(workers), "200");
			return new Node(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start(), log);
		}

		void awaitReady() throws Exception {
			String line = this.lines.poll(60, TimeUnit.SECONDS);
			if (!"READY".equals(line)) {
				this.process.destroyForcibly();
				throw new AssertionError("The node did not start: " + line + "\n" + tail());
			}
		}

		void go() throws IOException {
			Writer input = new OutputStreamWriter(this.process.getOutputStream(), StandardCharsets.UTF_8);
			input.write("GO\n");
			input.flush();
		}

		Run awaitRun() throws Exception {
			String line = this.lines.poll(100, TimeUnit.SECONDS);
			assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			if (line == null || !line.startsWith("RUN ")) {
				throw new AssertionError("The node ended with " + this.process.exitValue() + " and printed " + line
						+ "\n" + tail());
			}
			String[] words = line.split(" ");
			return new Run(Long.parseLong(words[1]), Long.parseLong(words[2]), JobStatus.valueOf(words[3]));
		}

		/** Kills the node with SIGKILL. */
		void kill() throws InterruptedException {
			this.process.destroyForcibly();
			assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
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

		/** What a node's run printed. */
		record Run(long rows, long batches, JobStatus status) {

		}

	}

}
