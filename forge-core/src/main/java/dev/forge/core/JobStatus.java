package dev.forge.core;

/**
 * The state of a backfill job.
 */
public enum JobStatus {

	/** Registered by {@code apply}, no batch has run yet (or retried, or resumed). */
	PENDING,

	/** Workers are running batches, or ran them until their node stopped. */
	RUNNING,

	/** Paused by an operator: workers stop after their current batch. */
	PAUSED,

	/** No row matches the backfill's {@code WHERE} any more. */
	DONE,

	/** A batch failed after its retries, or the {@code WHERE} does not stop matching updated rows. */
	FAILED,

	/** Cancelled by an operator: workers stop after their current batch. */
	CANCELLED;

	/**
	 * Returns whether workers may run batches of a job in this state.
	 * @return {@code true} for {@link #PENDING} and {@link #RUNNING}
	 */
	public boolean isRunnable() {
		return this == PENDING || this == RUNNING;
	}

}
