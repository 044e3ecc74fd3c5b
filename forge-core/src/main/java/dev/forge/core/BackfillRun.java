package dev.forge.core;

import java.time.Duration;

/**
 * What one node's run of a backfill job did.
 *
 * @param job the job as the run left it
 * @param rows the rows this run updated
 * @param batches the batches this run committed
 * @param failedAttempts the batch attempts of this run that failed
 * @param maxBatchDuration the longest committed batch of this run
 * @param duration how long the run took
 */
public record BackfillRun(BackfillJob job, long rows, long batches, int failedAttempts, Duration maxBatchDuration,
		Duration duration) {

	/**
	 * Returns the rows per second of this run.
	 * @return the rate
	 */
	public double rowsPerSecond() {
		return this.rows / Math.max(0.001, this.duration.toNanos() / 1e9);
	}

}
