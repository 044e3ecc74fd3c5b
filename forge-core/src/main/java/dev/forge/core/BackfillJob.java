package dev.forge.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A backfill job as its row in the jobs table records it.
 *
 * @param name the backfill file's migration name, which names the job
 * @param status the job's state
 * @param location where the backfill file is; {@code JavaBackfill <name>} for a Java backfill's job
 * @param table the table it updates, as the file names it
 * @param keyColumns the table's primary key columns, comma-separated
 * @param options the file's backfill options
 * @param batchSize the size of the last batch
 * @param rowsDone the rows updated so far, committed with the batches that updated them
 * @param rowsEstimated the rows matching the {@code WHERE} when the job started (an estimate
 * from the table's statistics before that)
 * @param lastKey the primary key of the last row updated, as text, or {@code null}
 * @param batches the batches committed so far
 * @param attempts the failed batch attempts so far
 * @param lastError the last batch failure, or {@code null}
 * @param createdAt when {@code apply} registered the job
 * @param startedAt when the first batch ran, or {@code null}
 * @param finishedAt when the job became {@code DONE}, {@code FAILED} or {@code CANCELLED}, or {@code null}
 * @param heartbeatAt when a worker last committed a batch or changed the state, or {@code null}
 * @param ownerNode the node that last committed a batch, or {@code null}
 */
public record BackfillJob(String name, JobStatus status, String location, String table, String keyColumns,
		String options, int batchSize, long rowsDone, long rowsEstimated, @Nullable String lastKey, long batches,
		int attempts, @Nullable String lastError, Instant createdAt, @Nullable Instant startedAt,
		@Nullable Instant finishedAt, @Nullable Instant heartbeatAt, @Nullable String ownerNode) {

	/**
	 * Returns whether the job is a {@link JavaBackfill}'s, which runs only on nodes that declare
	 * it, rather than a backfill file's.
	 * @return whether a Java backfill runs the job
	 */
	public boolean isJava() {
		return this.location.startsWith("JavaBackfill ");
	}

	/**
	 * Returns the rows still to do, by the estimate.
	 * @return the estimate less the rows done, never negative; {@code 0} once {@code DONE}
	 */
	public long rowsLeft() {
		return (this.status == JobStatus.DONE) ? 0 : Math.max(0, this.rowsEstimated - this.rowsDone);
	}

	/**
	 * Returns the rows per second since the job started.
	 * @param now the time to measure to, unless the job has finished
	 * @return the rate, {@code 0} before the first batch
	 */
	public double rowsPerSecond(Instant now) {
		if (this.startedAt == null || this.rowsDone == 0) {
			return 0;
		}
		Instant end = (this.finishedAt != null) ? this.finishedAt : now;
		double seconds = Math.max(0.001, (end.toEpochMilli() - this.startedAt.toEpochMilli()) / 1000.0);
		return this.rowsDone / seconds;
	}

	/**
	 * Returns a one-line progress summary, e.g. {@code RUNNING, 1200 of ~200000 rows (0%)}.
	 * @return the summary
	 */
	public String progress() {
		long total = Math.max(this.rowsEstimated, this.rowsDone);
		String percent = (total > 0) ? " (" + (this.rowsDone * 100 / total) + "%)" : "";
		return this.status + ", " + this.rowsDone + " of ~" + total + " rows" + percent
				+ ((this.lastError != null && this.status == JobStatus.FAILED) ? ", last error: " + this.lastError : "");
	}

}
