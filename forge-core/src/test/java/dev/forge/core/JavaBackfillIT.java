package dev.forge.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.forge.testsupport.Documents;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Java backfills on real PostgreSQL: the seed's word count computed in Java. A trigger counts
 * the updates of every row, so "exactly once" is what the table says.
 */
class JavaBackfillIT extends EngineTestSupport {

	private static final String NAME = "backfill_word_count";

	private static final BackfillSettings FAST_RETRIES = BackfillSettings.DEFAULTS.withRetries(3,
			Duration.ofMillis(20));

	JavaBackfillIT(TestDatabase database) {
		super(database);
	}

	/** A table of documents whose trigger counts every update of a row in {@code updates}. */
	private void documents(int rows) {
		this.folder.write("0001_documents.sql", Documents.TABLE);
		configure().load().apply();
		this.database.execute(Documents.insert(rows));
		this.database.execute("ANALYZE documents");
	}

	/** The seed's example, in a few lines. */
	private static JavaBackfill wordCount() {
		return JavaBackfill.named(NAME)
			.update("documents")
			.reading("body")
			.where("word_count IS NULL")
			.batch((rows) -> rows.forEach((row) -> row.set("word_count", words(row.getString("body")))));
	}

	private static int words(String text) {
		String trimmed = text.trim();
		return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
	}

	private Forge forge(JavaBackfill... backfills) {
		return configure().javaBackfills(List.of(backfills)).load();
	}

	private long count(String sql) {
		return ((Number) this.database.value(sql)).longValue();
	}

	@Test
	void wordCountOf200000RowsFillsEveryRowExactlyOnceAndTheWaitingFileAppliesOnceTheJobIsDone() {
		int rows = 200_000;
		documents(rows);
		this.folder.write("0002_word_count_not_null.sql", "-- forge:after-backfill " + NAME + "\n"
				+ "-- forge:allow-breaking\n" + "ALTER TABLE documents ALTER COLUMN word_count SET NOT NULL;\n");
		AtomicLong heard = new AtomicLong();
		AtomicLong batchesHeard = new AtomicLong();
		Forge forge = configure().javaBackfills(List.of(wordCount())).backfillListener((job, batchRows, duration) -> {
			assertThat(job).isEqualTo(NAME);
			heard.addAndGet(batchRows);
			batchesHeard.incrementAndGet();
		}).load();

		ApplyResult beforeStart = forge.apply();

		assertThat(beforeStart.applied()).isEmpty();
		assertThat(beforeStart.warnings()).singleElement()
			.asString()
			.contains("0002_word_count_not_null", "waits for Java backfill " + NAME, "not started",
					"start it ('migrate backfill " + NAME + "')");
		assertThat(forge.backfills().declared()).extracting(JavaBackfill::name).containsExactly(NAME);

		BackfillJob started = forge.backfills().start(NAME);

		assertThat(started.status()).isEqualTo(JobStatus.PENDING);
		assertThat(started.isJava()).isTrue();
		assertThat(started.table()).isEqualTo("documents");
		assertThat(started.keyColumns()).isEqualTo("id");
		assertThat(started.rowsEstimated()).as("the planner's estimate").isBetween(rows / 2L, rows * 2L);
		assertThat(count("SELECT count(*) FROM documents WHERE word_count IS NOT NULL")).as("start runs no batch")
			.isZero();
		assertThat(forge.apply().warnings()).singleElement()
			.asString()
			.contains("waits for backfill job " + NAME, "PENDING");

		BackfillRun run = forge.runBackfill(NAME);

		System.out.printf("Java backfill of %d rows: %d batches, %.0f rows/s, longest batch %d ms, %d ms in all%n",
				run.rows(), run.batches(), run.rowsPerSecond(), run.maxBatchDuration().toMillis(),
				run.duration().toMillis());
		assertThat(run.job().status()).isEqualTo(JobStatus.DONE);
		assertThat(count("SELECT count(*) FROM documents WHERE updates = 1")).isEqualTo(rows);
		assertThat(count("SELECT count(*) FROM documents WHERE updates <> 1")).isZero();
		assertThat(count("SELECT count(*) FROM documents WHERE word_count IS DISTINCT FROM id % 7 + 2")).isZero();
		assertThat(run.job().rowsDone()).isEqualTo(rows);
		assertThat(run.job().rowsEstimated()).as("counted at the start").isEqualTo(rows);
		assertThat(run.rows()).isEqualTo(rows);
		assertThat(heard).as("the listener hears every batch").hasValue(rows);
		assertThat(batchesHeard).hasValue(run.batches());

		ApplyResult afterDone = forge.apply();

		assertThat(afterDone.applied()).extracting(MigrationExecution::name)
			.containsExactly("0002_word_count_not_null");
		assertThat(this.database.value("SELECT is_nullable FROM information_schema.columns"
				+ " WHERE table_name = 'documents' AND column_name = 'word_count'")).isEqualTo("NO");
	}

	@Test
	void twoNodesWithTwoWorkersEachFillNoRowTwiceAndMissNoneThoughAListenerThrows() throws Exception {
		int rows = 40_000;
		documents(rows);
		forge(wordCount()).backfills().start(NAME);
		BackfillSettings settings = BackfillSettings.DEFAULTS.withWorkers(2)
			.withTargetBatchDuration(Duration.ofMillis(50));
		AtomicLong heard = new AtomicLong();
		BackfillListener counting = (job, batchRows, duration) -> heard.addAndGet(batchRows);
		BackfillListener throwing = (job, batchRows, duration) -> {
			throw new IllegalStateException("metrics are down");
		};

		CompletableFuture<BackfillRun> first = CompletableFuture.supplyAsync(() -> configure().nodeName("node-a")
			.javaBackfills(List.of(wordCount()))
			.backfillListener(throwing)
			.backfillListener(counting)
			.load()
			.backfills()
			.run(NAME, settings));
		CompletableFuture<BackfillRun> second = CompletableFuture.supplyAsync(() -> configure().nodeName("node-b")
			.javaBackfills(List.of(wordCount()))
			.backfillListener(counting)
			.load()
			.backfills()
			.run(NAME, settings));
		BackfillRun a = first.get(120, TimeUnit.SECONDS);
		BackfillRun b = second.get(120, TimeUnit.SECONDS);

		System.out.printf("Java backfill, two nodes with two workers each: node-a %d rows in %d batches,"
				+ " node-b %d rows in %d batches%n", a.rows(), a.batches(), b.rows(), b.batches());
		assertThat(a.rows() + b.rows()).isEqualTo(rows);
		assertThat(heard).hasValue(rows);
		assertThat(count("SELECT count(*) FROM documents WHERE updates = 1")).isEqualTo(rows);
		assertThat(count("SELECT count(*) FROM documents WHERE updates <> 1 OR word_count IS NULL")).isZero();
		BackfillJob job = forge(wordCount()).backfills().find(NAME).orElseThrow();
		assertThat(job.status()).isEqualTo(JobStatus.DONE);
		assertThat(job.rowsDone()).isEqualTo(rows);
		assertThat(job.batches()).isEqualTo(a.batches() + b.batches());
	}

	@Test
	void aFunctionThatThrowsIsRetriedThenFailsTheJobAndRetryFinishesItOnceTheCauseIsFixed() {
		documents(10_000);
		AtomicBoolean broken = new AtomicBoolean(true);
		JavaBackfill fragile = JavaBackfill.named(NAME)
			.update("documents")
			.reading("body")
			.where("word_count IS NULL")
			.batch((rows) -> rows.forEach((row) -> {
				if (broken.get() && row.getLong("id") == 6000) {
					throw new IllegalStateException("cannot count the words of document 6000");
				}
				row.set("word_count", words(row.getString("body")));
			}));
		Forge forge = forge(fragile);
		forge.backfills().start(NAME);

		BackfillRun failed = forge.backfills().run(NAME, FAST_RETRIES);

		long filled = count("SELECT count(*) FROM documents WHERE word_count IS NOT NULL");
		System.out.printf("failed Java job: %d rows done before the failing row, %d failed attempts: %s%n", filled,
				failed.failedAttempts(), failed.job().lastError());
		assertThat(failed.job().status()).isEqualTo(JobStatus.FAILED);
		assertThat(failed.job().lastError()).contains("failed 3 times", "Java backfill " + NAME,
				"IllegalStateException: cannot count the words of document 6000");
		assertThat(failed.failedAttempts()).isEqualTo(3);
		assertThat(failed.job().rowsDone()).as("counters agree with the table").isEqualTo(filled);
		assertThat(filled).isLessThan(6000);
		assertThat(count("SELECT count(*) FROM documents WHERE updates > 1")).isZero();
		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge.backfills().start(NAME))
			.withMessageContaining("its job is FAILED")
			.withMessageContaining("retry it ('migrate jobs retry " + NAME + "')");

		broken.set(false);
		assertThat(forge.backfills().retry(NAME).status()).isEqualTo(JobStatus.PENDING);
		BackfillRun retried = forge.backfills().run(NAME, FAST_RETRIES);

		assertThat(retried.job().status()).isEqualTo(JobStatus.DONE);
		assertThat(retried.job().rowsDone()).isEqualTo(10_000);
		assertThat(count("SELECT count(*) FROM documents WHERE updates = 1")).isEqualTo(10_000);
	}

	@Test
	void aFunctionThatLeavesRowsThatStillMatchFailsTheJobAndItsBatchRollsBack() {
		documents(5000);
		Forge forge = forge(JavaBackfill.named(NAME)
			.update("documents")
			.reading("body")
			.where("word_count IS NULL")
			.batch((rows) -> rows.stream()
				.filter((row) -> row.getLong("id") % 100 != 0)
				.forEach((row) -> row.set("word_count", words(row.getString("body"))))));
		forge.backfills().start(NAME);

		BackfillRun run = forge.backfills().run(NAME, FAST_RETRIES);

		assertThat(run.job().status()).isEqualTo(JobStatus.FAILED);
		assertThat(run.job().lastError()).contains("Java backfill " + NAME, "rows of a batch still match",
				"where(\"word_count IS NULL\")", "would never end");
		assertThat(run.job().lastError()).containsPattern("\\b\\d+ of the \\d+ rows");
		assertThat(run.job().rowsDone()).isZero();
		assertThat(count("SELECT count(*) FROM documents WHERE updates > 0")).as("the batch rolled back").isZero();
	}

	@Test
	void aFunctionThatSetsTheKeyFailsTheJobNamingTheColumn() {
		documents(100);
		Forge forge = forge(JavaBackfill.named(NAME)
			.update("documents")
			.where("word_count IS NULL")
			.batch((rows) -> rows.forEach((row) -> row.set("id", row.getLong("id") + 1_000_000).set("word_count", 1))));
		forge.backfills().start(NAME);

		BackfillRun run = forge.backfills().run(NAME, FAST_RETRIES);

		assertThat(run.job().status()).isEqualTo(JobStatus.FAILED);
		assertThat(run.job().lastError()).contains("set the key column 'id' of documents");
		assertThat(count("SELECT count(*) FROM documents WHERE updates > 0 OR id > 100")).isZero();
	}

	@Test
	void valuesThatTextCannotCarryAreWrittenByTheDriver() {
		this.database.execute("CREATE TABLE files (id text PRIMARY KEY, name text NOT NULL, content bytea,"
				+ " checked_at timestamptz, size bigint)");
		this.database.execute("INSERT INTO files (id, name) SELECT 'f' || i, 'file ' || i"
				+ " FROM generate_series(1, 500) AS i");
		Instant checked = Instant.parse("2026-01-02T03:04:05Z");
		Forge forge = forge(JavaBackfill.named("backfill_files")
			.update("public.files")
			.reading("name")
			.where("content IS NULL")
			.batch((rows) -> rows.forEach((row) -> {
				byte[] content = row.getString("name").getBytes(StandardCharsets.UTF_8);
				row.set("content", content).set("checked_at", checked.atOffset(ZoneOffset.ofHours(2)));
				if (!row.getString("id").endsWith("0")) {
					row.set("size", (long) content.length);
				}
			})));
		forge.backfills().start("backfill_files");

		BackfillRun run = forge.runBackfill("backfill_files");

		assertThat(run.job().status()).isEqualTo(JobStatus.DONE);
		assertThat(run.job().keyColumns()).isEqualTo("id");
		assertThat(count("SELECT count(*) FROM files WHERE convert_from(content, 'UTF8') = name"
				+ " AND checked_at = '2026-01-02T03:04:05Z'")).isEqualTo(500);
		assertThat(count("SELECT count(*) FROM files WHERE size = length(name)")).isEqualTo(450);
	}

	@Test
	void badDeclarationsAreRefusedNamingTheBackfillBeforeAnyRowChanges() {
		documents(100);
		this.database.execute("CREATE TABLE keyless (id int, note text)");

		assertRefused(JavaBackfill.named(NAME).update("docs").where("word_count IS NULL"), "Java backfill " + NAME
				+ " updates table docs, which does not exist");
		assertRefused(JavaBackfill.named(NAME).update("keyless").where("note IS NULL"),
				"Java backfill " + NAME + " updates table keyless, which has no primary key");
		assertRefused(JavaBackfill.named(NAME).update("documents").reading("body", "title").where("word_count IS NULL"),
				"Java backfill " + NAME + " reads column 'title', which table documents does not have"
						+ " (its columns: id, body, word_count, updates)");
		assertRefused(JavaBackfill.named(NAME).update("documents").where("word_cnt IS NULL"), "Java backfill " + NAME
				+ ": where(\"word_cnt IS NULL\") is not a valid SQL condition on table documents", "word_cnt");
		assertRefused(JavaBackfill.named(NAME).update("documents").where("length(body)"),
				"is not a valid SQL condition on table documents", "boolean");
		assertRefused(JavaBackfill.named(NAME).update("documents")
			.where("word_count IS NULL); DELETE FROM documents; SELECT (1"), "more than one statement");
		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge(wordCount()).backfills().start("other"))
			.withMessage("No Java backfill named other is declared on this node (it declares " + NAME
					+ "): add a JavaBackfill bean named other (JavaBackfill.named(\"other\"))");

		assertThat(count("SELECT count(*) FROM documents")).isEqualTo(100);
		assertThat(count("SELECT count(*) FROM documents WHERE updates > 0 OR word_count IS NOT NULL")).isZero();
		assertThat(forge(wordCount()).backfills().list()).isEmpty();
	}

	private void assertRefused(JavaBackfill.Builder declaration, String... message) {
		JavaBackfill backfill = declaration.batch((rows) -> rows.forEach((row) -> row.set("word_count", 0)));
		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge(backfill).backfills().start(NAME))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains(message));
	}

	@Test
	void startingAgainRefusesAJobInProgressAndRegistersADoneOrCancelledOneAgain() {
		documents(1000);
		Forge forge = forge(wordCount());
		forge.backfills().start(NAME);

		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge.backfills().start(NAME))
			.withMessage("Cannot start Java backfill " + NAME + ": its job is PENDING; it is already started and waits"
					+ " for a node that declares it to run it");
		forge.backfills().pause(NAME);
		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge.backfills().start(NAME))
			.withMessageContaining("its job is PAUSED; resume it ('migrate jobs resume " + NAME + "')");
		forge.backfills().cancel(NAME);
		assertThat(forge.backfills().start(NAME).status()).as("a cancelled job starts again")
			.isEqualTo(JobStatus.PENDING);
		assertThat(forge.runBackfill(NAME).job().status()).isEqualTo(JobStatus.DONE);
		this.database.execute("UPDATE documents SET word_count = NULL WHERE id <= 10");

		BackfillJob again = forge.backfills().start(NAME);

		assertThat(again.status()).isEqualTo(JobStatus.PENDING);
		assertThat(again.rowsDone()).isZero();
		BackfillRun rerun = forge.runBackfill(NAME);
		assertThat(rerun.job().status()).isEqualTo(JobStatus.DONE);
		assertThat(rerun.job().rowsDone()).as("only the rows that match again").isEqualTo(10);
		assertThat(count("SELECT count(*) FROM documents WHERE updates = 3")).as("the test updated them once too")
			.isEqualTo(10);
	}

	@Test
	void aNodeThatDoesNotDeclareTheBackfillRefusesToRunItsJob() {
		documents(100);
		forge(wordCount()).backfills().start(NAME);
		Forge other = configure().load();

		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> other.runBackfill(NAME))
			.withMessageContaining("Backfill job " + NAME + " is a Java backfill that this node does not declare")
			.withMessageContaining("declared on this node? add a JavaBackfill bean named " + NAME);
		assertThat(other.backfills().find(NAME).orElseThrow().status()).isEqualTo(JobStatus.PENDING);
		assertThatExceptionOfType(ForgeException.class)
			.isThrownBy(() -> forge(JavaBackfill.named("backfill_other").update("documents")
				.where("word_count IS NULL")
				.batch((rows) -> rows.forEach((row) -> row.set("word_count", 0)))).runBackfill("backfill_other"))
			.withMessage("Java backfill backfill_other is not started, so it has no job yet: start it"
					+ " ('migrate backfill backfill_other', or Forge.backfills().start(\"backfill_other\"))");
		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge(wordCount()).runBackfill("0001_x"))
			.withMessageContaining("No backfill job 0001_x");
	}

	@Test
	void aJobsTableOfAnEarlierVersionGetsItsKindColumnAndKeepsItsJobs() {
		documents(100);
		this.folder.write("0002_touch.sql", "-- forge:backfill\nUPDATE documents SET body = trim(body)"
				+ " WHERE body <> trim(body);\n");
		this.database.execute("UPDATE documents SET body = body || '  ' WHERE id <= 30");
		AtomicLong heard = new AtomicLong();
		Forge forge = configure().javaBackfills(List.of(wordCount()))
			.backfillListener((job, rows, duration) -> heard.addAndGet(job.equals("0002_touch") ? rows : 0))
			.load();
		forge.apply();
		this.database.execute("ALTER TABLE forge_jobs DROP COLUMN kind");
		assertThat(forge.backfills().find("0002_touch").orElseThrow().isJava()).isFalse();

		forge.backfills().start(NAME);

		assertThat(forge.backfills().list()).extracting(BackfillJob::name, BackfillJob::isJava)
			.containsExactly(tuple("0002_touch", false),
					tuple(NAME, true));
		assertThat(forge.runBackfill(NAME).job().status()).isEqualTo(JobStatus.DONE);
		assertThat(forge.runBackfill("0002_touch").job().status()).isEqualTo(JobStatus.DONE);
		assertThat(heard).as("listeners hear the batches of backfill files too").hasValue(30);
		assertThat(count("SELECT count(*) FROM documents WHERE word_count IS NULL")).isZero();
	}

}
