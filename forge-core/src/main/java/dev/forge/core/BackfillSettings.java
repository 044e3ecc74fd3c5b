package dev.forge.core;

import java.time.Duration;

/**
 * How a node runs the batches of a backfill job.
 *
 * @param workers the workers of this node, each with its own connection
 * @param targetBatchDuration the duration each batch's size adapts toward
 * @param minBatchSize the smallest batch
 * @param maxBatchSize the largest batch
 * @param maxAttempts the attempts of a failing batch before the job is {@code FAILED}
 * @param retryBackoff the wait before the second attempt, doubled before each further one
 */
public record BackfillSettings(int workers, Duration targetBatchDuration, int minBatchSize, int maxBatchSize,
		int maxAttempts, Duration retryBackoff) {

	/** One worker, 200 ms batches of 10 to 50,000 rows, 4 attempts from 200 ms apart. */
	public static final BackfillSettings DEFAULTS = new BackfillSettings(1, Duration.ofMillis(200), 10, 50_000, 4,
			Duration.ofMillis(200));

	/**
	 * Checks the settings.
	 * @param workers the workers
	 * @param targetBatchDuration the target batch duration
	 * @param minBatchSize the smallest batch
	 * @param maxBatchSize the largest batch
	 * @param maxAttempts the attempts of a batch
	 * @param retryBackoff the first wait before a retry
	 */
	public BackfillSettings {
		if (workers < 1 || minBatchSize < 1 || maxBatchSize < minBatchSize || maxAttempts < 1
				|| targetBatchDuration.isNegative() || targetBatchDuration.isZero() || retryBackoff.isNegative()) {
			throw new IllegalArgumentException("invalid backfill settings: " + workers + " workers, batches of "
					+ minBatchSize + " to " + maxBatchSize + " rows toward " + targetBatchDuration + ", " + maxAttempts
					+ " attempts");
		}
	}

	/**
	 * Returns these settings with another number of workers.
	 * @param workers the workers
	 * @return the settings
	 */
	public BackfillSettings withWorkers(int workers) {
		return new BackfillSettings(workers, this.targetBatchDuration, this.minBatchSize, this.maxBatchSize,
				this.maxAttempts, this.retryBackoff);
	}

	/**
	 * Returns these settings with other retries.
	 * @param maxAttempts the attempts of a batch
	 * @param retryBackoff the first wait before a retry
	 * @return the settings
	 */
	public BackfillSettings withRetries(int maxAttempts, Duration retryBackoff) {
		return new BackfillSettings(this.workers, this.targetBatchDuration, this.minBatchSize, this.maxBatchSize,
				maxAttempts, retryBackoff);
	}

	/**
	 * Returns these settings with another target batch duration.
	 * @param targetBatchDuration the target
	 * @return the settings
	 */
	public BackfillSettings withTargetBatchDuration(Duration targetBatchDuration) {
		return new BackfillSettings(this.workers, targetBatchDuration, this.minBatchSize, this.maxBatchSize,
				this.maxAttempts, this.retryBackoff);
	}

}
