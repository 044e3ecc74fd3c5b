package dev.forge.core.internal.backfill;

import java.sql.Connection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one batch does to its rows, in the batch's transaction: the {@code UPDATE} of a
 * backfill file, or the function of a Java backfill. The worker around it claims the rows,
 * retries, throttles and counts the same way for both.
 */
interface BatchUpdater {

	/**
	 * Updates the rows of a claimed key range that still match.
	 * @param transaction the batch's transaction
	 * @param from the key the range starts after, or {@code null} for the first range
	 * @param to the range's last key
	 * @return what the batch did
	 * @throws Exception when the batch fails and is to be retried
	 */
	Result range(Connection transaction, @Nullable List<String> from, List<String> to) throws Exception;

	/**
	 * Updates the next rows that still match after a cursor, skipping rows that others hold.
	 * @param transaction the batch's transaction
	 * @param cursor the key to start after, or {@code null} for the first key
	 * @param limit the most rows to update
	 * @return what the batch did
	 * @throws Exception when the batch fails and is to be retried
	 */
	Result next(Connection transaction, @Nullable List<String> cursor, int limit) throws Exception;

	/**
	 * Says why the job fails when updated rows still match, so that it would never end.
	 * @param stillMatching the rows that still match
	 * @param rows the rows of the batch
	 * @return the error
	 */
	String neverEnds(long stillMatching, long rows);

	/**
	 * Describes a failed batch attempt for the job's last error.
	 * @param ex the failure
	 * @param lockTimeout the batch's lock timeout as PostgreSQL spells it
	 * @return the description, naming the backfill
	 */
	String describe(Exception ex, String lockTimeout);

	/**
	 * What a batch did.
	 *
	 * @param rows the rows it updated
	 * @param stillMatching the rows of the batch that still match the {@code WHERE}
	 * @param lastKey the key of its last row, or {@code null} when it updated none
	 * @param refused why the job must fail without a retry, or {@code null}
	 */
	record Result(long rows, long stillMatching, @Nullable List<String> lastKey, @Nullable String refused) {

		Result(long rows, long stillMatching, @Nullable List<String> lastKey) {
			this(rows, stillMatching, lastKey, null);
		}

		static Result refused(String reason) {
			return new Result(0, 0, null, reason);
		}

	}

}
