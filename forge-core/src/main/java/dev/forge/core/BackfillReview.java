package dev.forge.core;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a reviewer needs to know about a pending backfill file ({@code -- forge:backfill})
 * before {@code apply} registers its job: the table and its key, the {@code UPDATE} as
 * written, how many rows it will update, and how they will be batched. Nothing of the
 * {@code UPDATE} runs to make it.
 *
 * @param table the table as the file names it
 * @param keyColumns the columns of the table's primary key, which batches are keyed on;
 * empty when the table does not exist yet
 * @param set the assignments after {@code SET}, as written
 * @param predicate the condition after {@code WHERE}, as written
 * @param rows the rows that match the {@code WHERE} now, as {@link #rowCount()} says how
 * they were found
 * @param rowCount how {@link #rows()} was found
 * @param firstBatchSize the size of the first batch ({@code batch-size}), which then adapts
 * toward the target batch duration
 * @param targetBatchDuration the duration each batch's size adapts toward
 * @param lockTimeout the lock timeout of each batch
 * @param pause the pause after each batch
 * @param maxRowsPerSecond the most rows per second a node updates, {@code 0} for no limit
 */
public record BackfillReview(String table, List<String> keyColumns, String set, String predicate, long rows,
		RowCount rowCount, int firstBatchSize, Duration targetBatchDuration, Duration lockTimeout, Duration pause,
		int maxRowsPerSecond) {

	/**
	 * Creates a review.
	 * @param table the table
	 * @param keyColumns the primary key's columns
	 * @param set the assignments
	 * @param predicate the condition
	 * @param rows the matching rows
	 * @param rowCount how the rows were found
	 * @param firstBatchSize the first batch's size
	 * @param targetBatchDuration the target batch duration
	 * @param lockTimeout the lock timeout of each batch
	 * @param pause the pause after each batch
	 * @param maxRowsPerSecond the rate limit per node, {@code 0} for none
	 */
	public BackfillReview {
		keyColumns = List.copyOf(keyColumns);
	}

	/**
	 * How the rows a backfill will update were found.
	 */
	public enum RowCount {

		/** Counted exactly: the table is small (under 10,000 rows by the planner's estimate). */
		COUNTED,

		/** The planner's estimate of the rows that match the {@code WHERE}. */
		ESTIMATED,

		/**
		 * The planner's estimate of the whole table: the {@code WHERE} cannot be evaluated
		 * now, e.g. it uses a column that an earlier pending file adds, or it takes longer
		 * than the review allows.
		 */
		WHOLE_TABLE,

		/** Not known: the table does not exist yet; an earlier pending file creates it. */
		NO_TABLE

	}

	/**
	 * Returns the number of batches the rows take at the first batch size; fewer when the
	 * batch size grows toward the target duration.
	 * @return the estimated number of batches
	 */
	public long estimatedBatches() {
		return (this.rows + this.firstBatchSize - 1) / this.firstBatchSize;
	}

	/**
	 * Describes the backfill in one line, e.g. {@code backfill of projects (key id): ~200,000
	 * rows WHERE word_count IS NULL, batches of 1,000 adapting toward 200ms, lock_timeout 5s,
	 * ~200 batches; runs after apply, not in it}.
	 * @return the description
	 */
	public String describe() {
		StringBuilder text = new StringBuilder("backfill of ").append(this.table);
		if (!this.keyColumns.isEmpty()) {
			text.append(" (key ").append(String.join(", ", this.keyColumns)).append(')');
		}
		text.append(": ").append(rowsText()).append(" WHERE ").append(this.predicate);
		text.append(", batches of ").append(number(this.firstBatchSize)).append(" adapting toward ")
			.append(duration(this.targetBatchDuration)).append(", lock_timeout ").append(duration(this.lockTimeout));
		if (!this.pause.isZero()) {
			text.append(", pause ").append(duration(this.pause));
		}
		if (this.maxRowsPerSecond > 0) {
			text.append(", at most ").append(number(this.maxRowsPerSecond)).append(" rows/s per node");
		}
		if (this.rowCount != RowCount.NO_TABLE) {
			long batches = estimatedBatches();
			text.append(", ~").append(number(batches)).append((batches == 1) ? " batch" : " batches");
		}
		return text.append("; runs after apply, not in it").toString();
	}

	private String rowsText() {
		return switch (this.rowCount) {
			case COUNTED -> number(this.rows) + ((this.rows == 1) ? " row" : " rows");
			case ESTIMATED -> "~" + number(this.rows) + " rows (planner estimate)";
			case WHOLE_TABLE -> "up to ~" + number(this.rows) + " rows (the whole table: the WHERE cannot be"
					+ " evaluated now, e.g. it uses a column an earlier pending file adds)";
			case NO_TABLE -> "rows unknown (table created by an earlier pending file)";
		};
	}

	private static String number(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

	private static String duration(Duration duration) {
		long millis = duration.toMillis();
		if (millis % 60_000 == 0 && millis > 0) {
			return (millis / 60_000) + "min";
		}
		return (millis % 1000 == 0 && millis > 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}
