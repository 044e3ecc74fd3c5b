package dev.forge.core;

import java.time.Duration;
import java.util.Locale;

import dev.forge.core.BackfillReview.RowCount;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The review of a pending backfill file in the plan: table, key, predicate, rows (counted on a
 * small table, the planner's estimate on a larger one, what is known when an earlier pending
 * file creates the table or the column) and the batch plan, with nothing of the
 * {@code UPDATE} run.
 */
class BackfillReviewIT extends EngineTestSupport {

	private static final String BACKFILL = "0002_backfill_word_count";

	BackfillReviewIT(TestDatabase database) {
		super(database);
	}

	private Forge forge() {
		return configure().load();
	}

	/** A table of documents where every tenth row of three has no word count yet. */
	private void documents(int rows) {
		this.folder.write("0001_documents.sql",
				"CREATE TABLE documents (id bigint PRIMARY KEY, body text NOT NULL, word_count integer);\n");
		forge().apply();
		this.database.execute("INSERT INTO documents SELECT i, 'word ' || i, CASE WHEN i % 10 < 3 THEN NULL"
				+ " ELSE 2 END FROM generate_series(1, " + rows + ") AS i");
		this.database.execute("ANALYZE documents");
	}

	private long count(String sql) {
		return ((Number) this.database.value(sql)).longValue();
	}

	private BackfillReview review(MigrationPlan plan, String name) {
		BackfillReview review = plan.find(name).orElseThrow().backfill();
		assertThat(review).as("review of %s", name).isNotNull();
		return review;
	}

	@Test
	void aLargeTableGetsThePlannersEstimateAndTheBatchPlanOfTheDirective() {
		documents(50_000);
		this.folder.write(BACKFILL + ".sql", """
				-- forge:backfill batch-size=500 pause=10ms max-rows-per-second=2000 lock-timeout=2s
				-- Up
				UPDATE documents d SET word_count = 2 WHERE d.word_count IS NULL;
				""");
		long matching = count("SELECT count(*) FROM documents WHERE word_count IS NULL");

		BackfillReview review = review(forge().plan(), BACKFILL);

		System.out.printf("backfill review of %d matching rows of 50,000: %s%n", matching, review.describe());
		assertThat(matching).isEqualTo(15_000);
		assertThat(review.rowCount()).isEqualTo(RowCount.ESTIMATED);
		assertThat((double) review.rows()).as("estimate of %d rows", matching).isCloseTo(matching,
				within(matching * 0.1));
		assertThat(review.table()).isEqualTo("documents");
		assertThat(review.keyColumns()).containsExactly("id");
		assertThat(review.set()).isEqualTo("word_count = 2");
		assertThat(review.predicate()).isEqualTo("d.word_count IS NULL");
		assertThat(review.firstBatchSize()).isEqualTo(500);
		assertThat(review.targetBatchDuration()).isEqualTo(Duration.ofMillis(200));
		assertThat(review.lockTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(review.pause()).isEqualTo(Duration.ofMillis(10));
		assertThat(review.maxRowsPerSecond()).isEqualTo(2000);
		assertThat(review.estimatedBatches()).isEqualTo((review.rows() + 499) / 500);
		String rows = String.format(Locale.ROOT, "%,d", review.rows());
		assertThat(review.describe()).startsWith("backfill of documents (key id): ~" + rows
				+ " rows (planner estimate) WHERE d.word_count IS NULL, batches of 500 adapting toward 200ms,"
				+ " lock_timeout 2s, pause 10ms, at most 2,000 rows/s per node, ~");
		assertThat(count("SELECT count(*) FROM documents WHERE word_count IS NULL")).as("nothing updated")
			.isEqualTo(matching);
	}

	@Test
	void aSmallTableIsCountedExactlyAndTheDefaultsApply() {
		documents(1_000);
		this.folder.write(BACKFILL + ".sql",
				"-- forge:backfill\nUPDATE documents SET word_count = 2 WHERE word_count IS NULL;\n");

		MigrationReview forgeReview = forge().review();
		BackfillReview review = review(forgeReview.plan(), BACKFILL);

		assertThat(review.rowCount()).isEqualTo(RowCount.COUNTED);
		assertThat(review.rows()).isEqualTo(300);
		assertThat(review.firstBatchSize()).isEqualTo(1000);
		assertThat(review.lockTimeout()).as("the configured lock timeout").isEqualTo(Duration.ofSeconds(5));
		assertThat(review.estimatedBatches()).isOne();
		assertThat(review.describe()).isEqualTo("backfill of documents (key id): 300 rows WHERE word_count IS NULL,"
				+ " batches of 1,000 adapting toward 200ms, lock_timeout 5s, ~1 batch; runs after apply, not in it");
	}

	@Test
	void aPredicateOnAColumnAnEarlierPendingFileAddsIsReviewedAsTheWholeTable() {
		documents(1_000);
		this.folder.write("0002_add_summary.sql", "ALTER TABLE documents ADD COLUMN summary text;\n");
		this.folder.write("0003_backfill_summary.sql",
				"-- forge:backfill\nUPDATE documents SET summary = left(body, 10) WHERE summary IS NULL;\n");

		BackfillReview review = review(forge().plan(), "0003_backfill_summary");

		assertThat(review.rowCount()).isEqualTo(RowCount.WHOLE_TABLE);
		assertThat(review.rows()).isEqualTo(1_000);
		assertThat(review.describe()).contains("up to ~1,000 rows (the whole table: the WHERE cannot be evaluated"
				+ " now, e.g. it uses a column an earlier pending file adds) WHERE summary IS NULL");
	}

	@Test
	void aTableThatAnEarlierPendingFileCreatesHasNoRowsToReviewYet() {
		this.folder.write("0001_documents.sql",
				"CREATE TABLE documents (id bigint PRIMARY KEY, body text NOT NULL, word_count integer);\n");
		this.folder.write(BACKFILL + ".sql",
				"-- forge:backfill batch-size=200\nUPDATE documents SET word_count = 2 WHERE word_count IS NULL;\n");

		BackfillReview review = review(forge().plan(), BACKFILL);

		assertThat(review.rowCount()).isEqualTo(RowCount.NO_TABLE);
		assertThat(review.rows()).isZero();
		assertThat(review.keyColumns()).isEmpty();
		assertThat(review.describe()).isEqualTo("backfill of documents: rows unknown (table created by an earlier"
				+ " pending file) WHERE word_count IS NULL, batches of 200 adapting toward 200ms, lock_timeout 5s;"
				+ " runs after apply, not in it");
	}

	@Test
	void onlyBackfillFilesAreReviewed() {
		documents(10);
		this.folder.write(BACKFILL + ".sql",
				"-- forge:backfill\nUPDATE documents SET word_count = 2 WHERE word_count IS NULL;\n");
		this.folder.write("0003_not_null.sql", "-- forge:after-backfill " + BACKFILL + "\n"
				+ "ALTER TABLE documents ADD CONSTRAINT counted CHECK (word_count IS NOT NULL) NOT VALID;\n");

		MigrationPlan plan = forge().plan();

		assertThat(plan.find("0003_not_null").orElseThrow().backfill()).isNull();
		assertThat(review(plan, BACKFILL).rows()).isEqualTo(3);
	}

}
