package dev.forge.core;

import java.time.Duration;

/**
 * Hears the batches of backfill jobs run on this node, e.g. for metrics. Called on the
 * worker's thread after the batch committed; it must return quickly.
 */
@FunctionalInterface
public interface BackfillListener {

	/**
	 * A batch committed.
	 * @param job the job's name
	 * @param rows the rows the batch updated
	 * @param duration how long the batch took, from its first statement to its commit
	 */
	void batchCommitted(String job, long rows, Duration duration);

}
