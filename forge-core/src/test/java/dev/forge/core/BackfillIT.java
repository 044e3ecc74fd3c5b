package dev.forge.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.forge.testsupport.Documents;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Backfill jobs on real PostgreSQL: a trigger counts the updates of every row, so "exactly
 * once" is what the table says, not what FORGE's counters say; the counters are checked
 * against the table too.
 */
class BackfillIT extends EngineTestSupport {

	private static final String BACKFILL = "0002_backfill_word_count";

	/** The rows of the exactly-once test; {@code -Dforge.it.backfill-rows=1000000} for the heavier variant. */
	private static final int ROWS = Integer.getInteger("forge.it.backfill-rows", 200_000);

	private static final BackfillSettings FAST_RETRIES = BackfillSettings.DEFAULTS.withRetries(3,
			Duration.ofMillis(20));

	BackfillIT(TestDatabase database) {
		super(database);
	}

	private Forge forge() {
		return configure().load();
	}

	/** A table of documents whose trigger counts every update of a row in {@code updates}. */
	private void documents(int rows) {
		this.folder.write("0001_documents.sql", Documents.TABLE);
		forge().apply();
		this.database.execute(Documents.insert(rows));
		this.database.execute("ANALYZE documents");
	}

	private void wordCountBackfill(String options) {
		this.folder.write(BACKFILL + ".sql", "-- forge:backfill" + options + "\n" + Documents.WORD_COUNT_BACKFILL);
	}

	private long count(String sql) {
		return ((Number) this.database.value(sql)).longValue();
	}

	private BackfillJob job(Forge forge) {
		return forge.backfills().find(BACKFILL).orElseThrow();
	}

	@Test
	void everyRowIsUpdatedExactlyOnceAndTheWaitingFileAppliesOnceTheJobIsDone() {
		int rows = ROWS;
		documents(rows);
		wordCountBackfill(" batch-size=1000");
		this.folder.write("0003_word_count_not_null.sql", "-- forge:after-backfill " + BACKFILL + "\n"
				+ "-- forge:allow-breaking\n" + "ALTER TABLE documents ALTER COLUMN word_count SET NOT NULL;\n");
		this.folder.write("0004_later.sql", "CREATE TABLE later (id int PRIMARY KEY);\n");
		Forge forge = forge();

		ApplyResult applied = forge.apply();

		assertThat(applied.applied()).extracting(MigrationExecution::name).containsExactly(BACKFILL);
		assertThat(applied.warnings()).singleElement()
			.asString()
			.contains("0003_word_count_not_null", "waits for backfill job " + BACKFILL, "PENDING",
					"Waiting with it: 0004_later");
		assertThat(count("SELECT count(*) FROM documents WHERE word_count IS NOT NULL")).as("apply runs no batch")
			.isZero();
		assertThat(job(forge).status()).isEqualTo(JobStatus.PENDING);
		MigrationPlan plan = forge.plan();
		assertThat(plan.whyWaiting(plan.find("0003_word_count_not_null").orElseThrow()))
			.hasValueSatisfying((why) -> assertThat(why).contains(BACKFILL, "PENDING", "of ~"));

		assertThat(forge.status().warnings()).anySatisfy((warning) -> assertThat(warning)
			.contains("0003_word_count_not_null waits for backfill job " + BACKFILL, "PENDING, 0 of ~" + rows));

		BackfillRun run = forge.runBackfill(BACKFILL);

		System.out.printf("backfill of %d rows: %d batches, %.0f rows/s, longest batch %d ms, %d ms in all%n",
				run.rows(), run.batches(), run.rowsPerSecond(), run.maxBatchDuration().toMillis(),
				run.duration().toMillis());
		assertThat(run.job().status()).isEqualTo(JobStatus.DONE);
		assertThat(count("SELECT count(*) FROM documents WHERE updates = 1")).isEqualTo(rows);
		assertThat(count("SELECT count(*) FROM documents WHERE updates <> 1")).isZero();
		assertThat(count("SELECT count(*) FROM documents WHERE word_count <> id % 7 + 2")).isZero();
		assertThat(run.job().rowsDone()).isEqualTo(rows);
		assertThat(run.job().rowsEstimated()).isEqualTo(rows);
		assertThat(run.job().rowsLeft()).isZero();
		assertThat(run.job().finishedAt()).isNotNull();
		assertThat(run.batches()).as("batches adapt toward 200 ms, from 1000 rows").isLessThan(rows / 1000);
		assertThat(count("SELECT count(*) FROM forge_migrations WHERE name = '" + BACKFILL + "'")).isOne();

		ApplyResult afterDone = forge.apply();

		assertThat(afterDone.applied()).extracting(MigrationExecution::name)
			.containsExactly("0003_word_count_not_null", "0004_later");
		assertThat(this.database.value("SELECT is_nullable FROM information_schema.columns"
				+ " WHERE table_name = 'documents' AND column_name = 'word_count'")).isEqualTo("NO");
		assertThat(forge.runBackfill(BACKFILL).rows()).as("a DONE job runs no batch").isZero();
		if (rows > 200_000) {
			floor(rows, run);
		}
	}

	/** The same work as one UPDATE of the whole table, which is what the backfill's rate compares to. */
	private void floor(int rows, BackfillRun run) {
		this.database.execute("ALTER TABLE documents ALTER COLUMN word_count DROP NOT NULL");
		this.database.execute("UPDATE documents SET word_count = NULL");
		this.database.execute("VACUUM ANALYZE documents");
		long start = System.nanoTime();
		this.database.execute("UPDATE documents SET word_count = array_length(regexp_split_to_array(trim(body),"
				+ " '\\s+'), 1) WHERE word_count IS NULL");
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("one UPDATE of %d rows: %.0f rows/s; the backfill ran at %.2f of that%n", rows,
				rows / seconds, run.rowsPerSecond() / (rows / seconds));
	}

	@Test
	void aFileWaitingForTwoJobsAppliesOnlyOnceBothAreDone() {
		documents(500);
		wordCountBackfill("");
		this.folder.write("0003_mark_documents.sql", "-- forge:backfill\nUPDATE documents SET body = body || '.'"
				+ " WHERE right(body, 1) <> '.';\n");
		this.folder.write("0004_after_both.sql", "-- forge:after-backfill " + BACKFILL + " 0003_mark_documents\n"
				+ "CREATE TABLE after_both (id int PRIMARY KEY);\n");
		Forge forge = forge();
		forge.apply();
		forge.runBackfill(BACKFILL);

		ApplyResult oneDone = forge.apply();

		assertThat(oneDone.applied()).isEmpty();
		assertThat(oneDone.warnings()).singleElement()
			.asString()
			.contains("0004_after_both", "waits for backfill job 0003_mark_documents");

		assertThat(forge.runBackfill("0003_mark_documents").job().status()).isEqualTo(JobStatus.DONE);

		assertThat(forge.apply().applied()).extracting(MigrationExecution::name).containsExactly("0004_after_both");
	}

	@Test
	void twoNodesWithTwoWorkersEachUpdateNoRowTwiceAndMissNone() throws Exception {
		int rows = 60_000;
		documents(rows);
		wordCountBackfill(" batch-size=200");
		forge().apply();
		BackfillSettings settings = BackfillSettings.DEFAULTS.withWorkers(2)
			.withTargetBatchDuration(Duration.ofMillis(50));

		CompletableFuture<BackfillRun> first = CompletableFuture
			.supplyAsync(() -> configure().nodeName("node-a").load().backfills().run(BACKFILL, settings));
		CompletableFuture<BackfillRun> second = CompletableFuture
			.supplyAsync(() -> configure().nodeName("node-b").load().backfills().run(BACKFILL, settings));
		BackfillRun a = first.get(60, TimeUnit.SECONDS);
		BackfillRun b = second.get(60, TimeUnit.SECONDS);

		System.out.printf("two nodes, two workers each: node-a %d rows in %d batches, node-b %d rows in %d batches%n",
				a.rows(), a.batches(), b.rows(), b.batches());
		assertThat(a.rows() + b.rows()).isEqualTo(rows);
		assertThat(count("SELECT count(*) FROM documents WHERE updates = 1")).isEqualTo(rows);
		assertThat(count("SELECT count(*) FROM documents WHERE updates <> 1 OR word_count IS NULL")).isZero();
		BackfillJob job = job(forge());
		assertThat(job.status()).isEqualTo(JobStatus.DONE);
		assertThat(job.rowsDone()).isEqualTo(rows);
		assertThat(job.batches()).isEqualTo(a.batches() + b.batches());
	}

	@Test
	void aRangeWhoseWorkerDiedBeforeItsBatchCommittedIsUpdatedByTheLastPass() {
		documents(20_000);
		wordCountBackfill("");
		Forge forge = forge();
		forge.apply();
		// a worker claimed keys 1 to 15000 and died before its batch committed
		this.database.execute("UPDATE forge_jobs SET status = 'RUNNING', range_cursor = ARRAY['15000']");

		BackfillRun run = forge.runBackfill(BACKFILL);

		assertThat(run.job().status()).isEqualTo(JobStatus.DONE);
		assertThat(count("SELECT count(*) FROM documents WHERE updates = 1")).isEqualTo(20_000);
		assertThat(run.job().rowsDone()).isEqualTo(20_000);
	}

	@Test
	void pauseStopsTheWorkersWithinABatchAndResumeFinishesTheJob() throws Exception {
		documents(20_000);
		wordCountBackfill(" batch-size=100 pause=20ms");
		Forge forge = forge();
		forge.apply();
		BackfillSettings small = BackfillSettings.DEFAULTS.withTargetBatchDuration(Duration.ofMillis(5));

		CompletableFuture<BackfillRun> running = CompletableFuture
			.supplyAsync(() -> forge.backfills().run(BACKFILL, small));
		awaitRowsDone(forge, 500);
		assertThat(job(forge).status()).isEqualTo(JobStatus.RUNNING);
		assertThat(forge.backfills().pause(BACKFILL).status()).isEqualTo(JobStatus.PAUSED);
		BackfillRun paused = running.get(30, TimeUnit.SECONDS);
		long doneAtPause = count("SELECT count(*) FROM documents WHERE word_count IS NOT NULL");
		Thread.sleep(200);

		assertThat(paused.job().status()).isEqualTo(JobStatus.PAUSED);
		assertThat(doneAtPause).isLessThan(20_000).isEqualTo(job(forge).rowsDone());
		assertThat(count("SELECT count(*) FROM documents WHERE word_count IS NOT NULL")).as("nothing runs while paused")
			.isEqualTo(doneAtPause);
		assertThat(forge.runBackfill(BACKFILL).rows()).as("run leaves a paused job paused").isZero();
		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge.backfills().retry(BACKFILL))
			.withMessageContaining("it is PAUSED");

		assertThat(forge.backfills().resume(BACKFILL).status()).isEqualTo(JobStatus.PENDING);
		BackfillRun resumed = forge.runBackfill(BACKFILL);

		assertThat(resumed.job().status()).isEqualTo(JobStatus.DONE);
		assertThat(paused.rows() + resumed.rows()).isEqualTo(20_000);
		assertThat(count("SELECT count(*) FROM documents WHERE updates = 1")).isEqualTo(20_000);
		assertThat(resumed.job().rowsDone()).isEqualTo(20_000);
	}

	@Test
	void cancelStopsTheWorkersAndRetryContinuesWhereTheyStopped() throws Exception {
		documents(20_000);
		wordCountBackfill(" batch-size=100 pause=20ms");
		Forge forge = forge();
		forge.apply();

		CompletableFuture<BackfillRun> running = CompletableFuture.supplyAsync(() -> forge.backfills()
			.run(BACKFILL, BackfillSettings.DEFAULTS.withTargetBatchDuration(Duration.ofMillis(5))));
		awaitRowsDone(forge, 300);
		forge.backfills().cancel(BACKFILL);
		BackfillRun cancelled = running.get(30, TimeUnit.SECONDS);

		assertThat(cancelled.job().status()).isEqualTo(JobStatus.CANCELLED);
		assertThat(cancelled.job().finishedAt()).isNotNull();
		assertThat(cancelled.job().rowsDone())
			.isEqualTo(count("SELECT count(*) FROM documents WHERE word_count IS NOT NULL"))
			.isLessThan(20_000);
		assertThat(forge.plan().isEmpty()).isTrue();

		assertThat(forge.backfills().retry(BACKFILL).status()).isEqualTo(JobStatus.PENDING);
		BackfillRun retried = forge.runBackfill(BACKFILL);

		assertThat(retried.job().status()).isEqualTo(JobStatus.DONE);
		assertThat(count("SELECT count(*) FROM documents WHERE updates = 1")).isEqualTo(20_000);
		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge.backfills().cancel(BACKFILL))
			.withMessageContaining("it is DONE");
	}

	@Test
	void aFailingBatchIsRetriedThenFailsTheJobAndRetryFinishesItOnceTheCauseIsFixed() {
		documents(10_000);
		this.database.execute("ALTER TABLE documents ADD CONSTRAINT short_documents CHECK (word_count < 9)");
		this.database.execute("UPDATE documents SET body = body || ' one two three four five six seven eight'"
				+ " WHERE id = 6000");
		this.database.execute("ALTER TABLE documents DISABLE TRIGGER documents_updates");
		this.database.execute("UPDATE documents SET updates = 0");
		this.database.execute("ALTER TABLE documents ENABLE TRIGGER documents_updates");
		wordCountBackfill("");
		Forge forge = forge();
		forge.apply();

		BackfillRun failed = forge.backfills().run(BACKFILL, FAST_RETRIES);

		long filled = count("SELECT count(*) FROM documents WHERE word_count IS NOT NULL");
		System.out.printf("failed job: %d rows done before the failing row, %d failed attempts: %s%n", filled,
				failed.failedAttempts(), failed.job().lastError());
		assertThat(failed.job().status()).isEqualTo(JobStatus.FAILED);
		assertThat(failed.job().lastError()).contains("failed 3 times", "short_documents", BACKFILL + ".sql");
		assertThat(failed.job().attempts()).isEqualTo(3);
		assertThat(failed.job().rowsDone()).as("counters agree with the table").isEqualTo(filled);
		assertThat(filled).isLessThan(6000);
		assertThat(count("SELECT count(*) FROM documents WHERE updates > 1")).isZero();

		this.database.execute("ALTER TABLE documents DROP CONSTRAINT short_documents");
		assertThat(forge.backfills().retry(BACKFILL)).satisfies((job) -> {
			assertThat(job.status()).isEqualTo(JobStatus.PENDING);
			assertThat(job.lastError()).isNull();
			assertThat(job.rowsDone()).isEqualTo(filled);
		});
		BackfillRun retried = forge.backfills().run(BACKFILL, FAST_RETRIES);

		assertThat(retried.job().status()).isEqualTo(JobStatus.DONE);
		assertThat(retried.job().rowsDone()).isEqualTo(10_000);
		assertThat(count("SELECT count(*) FROM documents WHERE updates = 1")).isEqualTo(10_000);
	}

	@Test
	void rollingBackABackfillFileRunsItsDownAndForgetsItsJob() {
		documents(1000);
		wordCountBackfill("");
		Forge forge = forge();
		forge.apply();
		forge.runBackfill(BACKFILL);

		RollbackResult rolledBack = forge.rollback();

		assertThat(rolledBack.rolledBack()).extracting(MigrationExecution::name).containsExactly(BACKFILL);
		assertThat(count("SELECT count(*) FROM documents WHERE word_count IS NOT NULL")).isZero();
		assertThat(forge.backfills().find(BACKFILL)).isEmpty();
		assertThat(forge.backfills().list()).isEmpty();

		forge.apply();

		assertThat(job(forge).status()).as("applied again, registered again").isEqualTo(JobStatus.PENDING);
		assertThat(job(forge).rowsDone()).isZero();
	}

	@Test
	void aWhereThatKeepsMatchingUpdatedRowsFailsTheJobNamingTheFile() {
		documents(1000);
		this.folder.write("0002_bump.sql", "-- forge:backfill\nUPDATE documents SET updates = updates + 1"
				+ " WHERE word_count IS NULL;\n");
		Forge forge = forge();
		forge.apply();

		BackfillRun run = forge.backfills().run("0002_bump", FAST_RETRIES);

		assertThat(run.job().status()).isEqualTo(JobStatus.FAILED);
		assertThat(run.job().lastError()).contains("0002_bump.sql (line 2)", "still matches", "would never end");
		assertThat(run.job().rowsDone()).isZero();
		assertThat(count("SELECT count(*) FROM documents WHERE updates > 0")).as("the batch rolled back").isZero();
	}

	@Test
	void aConcurrentWriterNeverWaitsLongerThanABatch() throws Exception {
		int rows = 100_000;
		documents(rows);
		wordCountBackfill("");
		Forge forge = forge();
		forge.apply();
		AtomicBoolean stop = new AtomicBoolean();
		List<Long> waits = Collections.synchronizedList(new ArrayList<>());

		CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
			Random random = new Random(42);
			try (Connection connection = this.database.connect(); PreparedStatement update = connection
				.prepareStatement("UPDATE documents SET body = body || '!' WHERE id = ?")) {
				connection.setAutoCommit(true);
				while (!stop.get()) {
					update.setLong(1, 1 + random.nextInt(rows));
					long start = System.nanoTime();
					update.executeUpdate();
					waits.add(System.nanoTime() - start);
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		BackfillRun run = forge.runBackfill(BACKFILL);
		stop.set(true);
		writer.get(30, TimeUnit.SECONDS);

		List<Long> sorted = new ArrayList<>(waits);
		Collections.sort(sorted);
		long p99 = sorted.get((int) (sorted.size() * 0.99)) / 1_000_000;
		long max = sorted.get(sorted.size() - 1) / 1_000_000;
		System.out.printf("writer during the backfill (seed 42): %d updates, p99 %d ms, max %d ms;"
				+ " longest batch %d ms, %.0f rows/s%n", sorted.size(), p99, max, run.maxBatchDuration().toMillis(),
				run.rowsPerSecond());
		assertThat(run.job().status()).isEqualTo(JobStatus.DONE);
		assertThat(count("SELECT count(*) FROM documents WHERE word_count IS NULL")).isZero();
		assertThat(count("SELECT count(*) FROM documents WHERE updates - (length(body) - length(rtrim(body, '!'))) <> 1"))
			.as("each row updated once by the backfill, besides the writer's updates")
			.isZero();
		assertThat(sorted).hasSizeGreaterThan(10);
		// one batch, plus slack for a machine shared with other builds
		assertThat(max).isLessThan(run.maxBatchDuration().toMillis() + 1000);
	}

	@Test
	void aCompositeKeyAnAliasAndASchemaQualifiedTableRunInKeyOrderBatches() {
		this.database.execute("CREATE TABLE pairs (a int, b text, v int, updates int NOT NULL DEFAULT 0,"
				+ " PRIMARY KEY (a, b))");
		this.database.execute("INSERT INTO pairs (a, b) SELECT i / 10, 'k' || i % 10"
				+ " FROM generate_series(0, 4999) AS i");
		this.folder.write("0001_pairs.sql", "-- forge:backfill batch-size=70 max-rows-per-second=5000\n"
				+ "UPDATE public.pairs AS p SET v = p.a * 10, updates = p.updates + 1 WHERE p.v IS NULL;\n");
		Forge forge = forge();
		forge.apply();

		BackfillRun run = forge.runBackfill("0001_pairs");

		System.out.printf("composite key: %d rows in %d batches, %.0f rows/s under max-rows-per-second=5000%n",
				run.rows(), run.batches(), run.rowsPerSecond());
		assertThat(run.job().status()).isEqualTo(JobStatus.DONE);
		assertThat(run.job().keyColumns()).isEqualTo("a, b");
		assertThat(run.batches()).as("batches after a cursor on (a, b)").isGreaterThan(3);
		assertThat(count("SELECT count(*) FROM pairs WHERE updates = 1 AND v = a * 10")).isEqualTo(5000);
		assertThat(run.duration()).as("5000 rows at 5000 rows/s").isGreaterThan(Duration.ofMillis(800));
		assertThat(run.rowsPerSecond()).isLessThan(5500);
	}

	@Test
	void aBatchThatHitsTheLockTimeoutIsRetriedWithBackoff() throws Exception {
		documents(2000);
		wordCountBackfill(" lock-timeout=100ms");
		Forge forge = forge();
		forge.apply();
		try (Connection blocker = this.database.connect()) {
			blocker.setAutoCommit(false);
			blocker.createStatement().execute("LOCK TABLE documents IN ACCESS EXCLUSIVE MODE");
			CompletableFuture<BackfillRun> running = CompletableFuture.supplyAsync(() -> forge.backfills()
				.run(BACKFILL, BackfillSettings.DEFAULTS.withRetries(5, Duration.ofMillis(100))));
			Thread.sleep(600);
			blocker.rollback();

			BackfillRun run = running.get(30, TimeUnit.SECONDS);

			System.out.printf("lock timeout: %d failed attempts before the lock was released, then %s%n",
					run.failedAttempts(), run.job().status());
			assertThat(run.failedAttempts()).isBetween(1, 4);
			assertThat(run.job().status()).isEqualTo(JobStatus.DONE);
			assertThat(run.job().lastError()).contains("lock timeout (100ms)");
			assertThat(count("SELECT count(*) FROM documents WHERE updates = 1")).isEqualTo(2000);
		}
	}

	private static void awaitRowsDone(Forge forge, long rows) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (forge.backfills().find(BACKFILL).orElseThrow().rowsDone() < rows) {
			assertThat(System.nanoTime()).as("rows done within 30 s").isLessThan(deadline);
			Thread.sleep(10);
		}
	}

}
