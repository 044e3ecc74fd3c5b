package dev.forge.core.internal.backfill;

import java.time.Duration;
import java.time.Instant;

import dev.forge.core.BackfillJob;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress lines of one job on one node: one line every {@value #EVERY_BATCHES} batches
 * of this node's workers, or every 10 seconds, whichever comes first, from the job's row so
 * that it counts every node's rows.
 */
final class ProgressLog {

	private static final Logger logger = LoggerFactory.getLogger(BackfillEngine.class);

	static final int EVERY_BATCHES = 100;

	private static final Duration EVERY = Duration.ofSeconds(10);

	private final String name;

	private int batches;

	private long lastLine = System.nanoTime();

	private @Nullable BackfillJob last;

	ProgressLog(String name) {
		this.name = name;
	}

	/**
	 * Counts a committed batch.
	 * @return whether a line is due
	 */
	synchronized boolean batchCommitted() {
		this.batches++;
		long now = System.nanoTime();
		if (this.batches < EVERY_BATCHES && now - this.lastLine < EVERY.toNanos()) {
			return false;
		}
		this.batches = 0;
		this.lastLine = now;
		return true;
	}

	/**
	 * Logs the job's progress; the rate is the whole cluster's since the last line (since the
	 * job started, for the first line).
	 * @param job the job as its row says now
	 */
	synchronized void log(BackfillJob job) {
		Instant now = Instant.now();
		double rate = job.rowsPerSecond(now);
		if (this.last != null && this.last.heartbeatAt() != null && job.heartbeatAt() != null
				&& job.heartbeatAt().isAfter(this.last.heartbeatAt())) {
			double seconds = Duration.between(this.last.heartbeatAt(), job.heartbeatAt()).toMillis() / 1000.0;
			rate = (job.rowsDone() - this.last.rowsDone()) / seconds;
		}
		this.last = job;
		logger.info("Backfill job {}: {} of ~{} rows ({}%), {} rows/s, ETA {}", this.name, job.rowsDone(),
				total(job), percent(job), Math.round(rate), eta(job.rowsLeft(), rate));
	}

	private static long total(BackfillJob job) {
		return Math.max(job.rowsEstimated(), job.rowsDone());
	}

	private static long percent(BackfillJob job) {
		long total = total(job);
		return (total > 0) ? job.rowsDone() * 100 / total : 0;
	}

	static String eta(long rowsLeft, double rate) {
		if (rowsLeft == 0) {
			return "0s";
		}
		if (rate <= 0) {
			return "unknown";
		}
		long seconds = (long) Math.ceil(rowsLeft / rate);
		return (seconds >= 3600) ? (seconds / 3600) + "h " + (seconds % 3600 / 60) + "m"
				: (seconds >= 60) ? (seconds / 60) + "m " + (seconds % 60) + "s" : seconds + "s";
	}

}
