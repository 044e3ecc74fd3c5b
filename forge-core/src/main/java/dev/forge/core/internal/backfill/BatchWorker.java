package dev.forge.core.internal.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import dev.forge.core.BackfillListener;
import dev.forge.core.BackfillSettings;
import dev.forge.core.JobStatus;
import dev.forge.core.internal.migration.LockTimeouts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker of a job on one connection. A first pass walks the table in key ranges that the
 * workers claim one at a time on the job's row; a last pass claims the rows that still match
 * with {@code FOR UPDATE SKIP LOCKED} from the first key (rows of a range whose worker died,
 * rows that matched only later), and the job is {@code DONE} only when no committed row
 * matches the {@code WHERE}. What a batch does to its rows is its {@link BatchUpdater}'s, the
 * same loop of claims, retries and throttling for backfill files and Java backfills.
 */
final class BatchWorker implements Callable<Void> {

	private static final Logger logger = LoggerFactory.getLogger(BatchWorker.class);

	private static final Duration WAIT_FOR_HELD_ROWS = Duration.ofMillis(50);

	private final DataSource dataSource;

	private final JobStore jobs;

	private final JobRun run;

	private final String name;

	private final BatchSql sql;

	private final BackfillSettings settings;

	private int batchSize;

	private long rows;

	private long batches;

	private int failedAttempts;

	private Duration longestBatch = Duration.ZERO;

	BatchWorker(DataSource dataSource, JobStore jobs, JobRun run, BackfillSettings settings) {
		this.dataSource = dataSource;
		this.jobs = jobs;
		this.run = run;
		this.name = run.name();
		this.sql = run.sql();
		this.settings = settings;
		this.batchSize = Math.max(settings.minBatchSize(), Math.min(settings.maxBatchSize(), run.firstBatchSize()));
	}

	@Override
	public Void call() throws Exception {
		@Nullable List<String> cursor = null;
		boolean ranges = true;
		Range failedRange = null;
		int consecutiveFailures = 0;
		Connection connection = null;
		try {
			while (!Thread.currentThread().isInterrupted()) {
				Batch batch;
				try {
					if (connection == null || connection.isClosed()) {
						connection = this.dataSource.getConnection();
						connection.setAutoCommit(true);
					}
					if (ranges) {
						// a failed range is retried as it was claimed
						Range range = (failedRange != null) ? failedRange
								: underLockTimeout(connection, this::claimRange);
						if (range == null) {
							ranges = false;
							continue;
						}
						failedRange = range;
						batch = runRange(connection, range);
						failedRange = null;
					}
					else {
						batch = runBatch(connection, cursor);
					}
				}
				catch (InterruptedException ex) {
					throw ex;
				}
				catch (Exception ex) {
					consecutiveFailures++;
					this.failedAttempts++;
					String error = this.run.updater().describe(ex, LockTimeouts.format(this.run.lockTimeout()));
					if (!recordFailure(error, consecutiveFailures)) {
						return null;
					}
					long backoff = this.settings.retryBackoff().toMillis() << Math.min(20, consecutiveFailures - 1);
					logger.warn("Backfill job {}: batch attempt {} of {} failed, retrying in {} ms: {}", this.name,
							consecutiveFailures, this.settings.maxAttempts(), backoff, error);
					Thread.sleep(backoff);
					continue;
				}
				consecutiveFailures = 0;
				switch (batch.outcome) {
					case STOPPED -> {
						return null;
					}
					case REFUSED -> {
						fail(batch.refused());
						return null;
					}
					case UPDATED -> {
						cursor = batch.lastKey;
						adapt(batch.duration);
						this.run.throttle().after(batch.rows);
						if (!this.run.options().pause().isZero()) {
							Thread.sleep(this.run.options().pause().toMillis());
						}
					}
					case NOTHING_AFTER_CURSOR -> cursor = null;
					case NOTHING -> {
						if (underLockTimeout(connection, this::finished)) {
							return null;
						}
						Thread.sleep(WAIT_FOR_HELD_ROWS.toMillis());
					}
				}
			}
			return null;
		}
		finally {
			if (connection != null) {
				connection.close();
			}
		}
	}

	/**
	 * Runs work on the table in a transaction under the batch's lock timeout, so that a table
	 * locked by a migration fails it like a batch instead of blocking it; the transaction
	 * commits unless the work rolled it back.
	 */
	private <T> T underLockTimeout(Connection connection, Work<T> work) throws Exception {
		connection.setAutoCommit(false);
		try {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET LOCAL lock_timeout = '" + LockTimeouts.format(this.run.lockTimeout()) + "'");
			}
			T result = work.run(connection);
			connection.commit();
			return result;
		}
		catch (Exception ex) {
			rollbackQuietly(connection);
			throw ex;
		}
		finally {
			if (!connection.isClosed()) {
				connection.setAutoCommit(true);
			}
		}
	}

	/**
	 * Claims the next key range of about one batch, in its own short transaction, so that the
	 * first pass over the table takes no row locks beyond the UPDATE's own and workers never
	 * meet. A range claimed by a worker that dies before its batch commits is left to the last
	 * pass.
	 * @return the range, or {@code null} when every range is claimed or the job is not running
	 */
	private @Nullable Range claimRange(Connection connection) throws SQLException {
		while (true) {
			JobStore.RangeCursor state = this.jobs.rangeCursor(connection, this.name).orElse(null);
			if (state == null || state.status() != JobStatus.RUNNING) {
				return null;
			}
			List<String> from = state.cursor();
			List<String> to = key(connection, (from != null) ? this.sql.rangeEndAfter() : this.sql.rangeEnd(), from,
					this.batchSize - 1);
			if (to == null) {
				to = key(connection, (from != null) ? this.sql.lastKeyAfter() : this.sql.lastKey(), from, null);
			}
			if (to == null) {
				return null;
			}
			if (this.jobs.claimRange(connection, this.name, from, to)) {
				return new Range(from, to);
			}
		}
	}

	private @Nullable List<String> key(Connection connection, String query, @Nullable List<String> cursor,
			@Nullable Integer offset) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(query)) {
			int index = 1;
			if (cursor != null) {
				for (String value : cursor) {
					statement.setString(index++, value);
				}
			}
			if (offset != null) {
				statement.setInt(index, offset);
			}
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? List.of((String[]) result.getArray(1).getArray()) : null;
			}
		}
	}

	private Batch runRange(Connection connection, Range range) throws Exception {
		return runBatch(connection, (transaction) -> this.run.updater().range(transaction, range.from(), range.to()),
				true, false);
	}

	private Batch runBatch(Connection connection, @Nullable List<String> cursor) throws Exception {
		return runBatch(connection, (transaction) -> this.run.updater().next(transaction, cursor, this.batchSize),
				false, cursor == null);
	}

	/**
	 * Runs one batch in one transaction: update, count, commit. The count is committed only
	 * while the job is {@code RUNNING}, so a pause or cancel rolls the batch back.
	 */
	private Batch runBatch(Connection connection, Step step, boolean range, boolean fromFirstKey) throws Exception {
		long start = System.nanoTime();
		Batch batch = underLockTimeout(connection, (transaction) -> {
			try (Statement statement = transaction.createStatement()) {
				// a generic plan knows neither cursor nor limit and joins the batch to the whole table
				statement.execute("SET LOCAL plan_cache_mode = force_custom_plan");
			}
			BatchUpdater.Result result = step.run(transaction);
			if (result.refused() != null) {
				transaction.rollback();
				return new Batch(Outcome.REFUSED, 0, null, Duration.ZERO, result.refused());
			}
			if (result.rows() == 0 && !range) {
				transaction.rollback();
				return new Batch(fromFirstKey ? Outcome.NOTHING : Outcome.NOTHING_AFTER_CURSOR, 0, null, Duration.ZERO,
						null);
			}
			if (result.stillMatching() > 0) {
				transaction.rollback();
				return new Batch(Outcome.REFUSED, 0, null, Duration.ZERO,
						this.run.updater().neverEnds(result.stillMatching(), result.rows()));
			}
			List<String> lastKey = result.lastKey();
			if (!this.jobs.countBatch(transaction, this.name, result.rows(),
					(lastKey != null) ? String.join(",", lastKey) : null, this.batchSize, this.run.node())) {
				transaction.rollback();
				return new Batch(Outcome.STOPPED, 0, null, Duration.ZERO, null);
			}
			return new Batch(Outcome.UPDATED, result.rows(), lastKey, Duration.ZERO, null);
		});
		if (batch.outcome() != Outcome.UPDATED) {
			return batch;
		}
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		this.rows += batch.rows();
		this.batches++;
		if (duration.compareTo(this.longestBatch) > 0) {
			this.longestBatch = duration;
		}
		committed(connection, batch.rows(), duration);
		return new Batch(Outcome.UPDATED, batch.rows(), batch.lastKey(), duration, null);
	}

	/** Tells the listeners, and logs the job's progress when a line is due. */
	private void committed(Connection connection, long rows, Duration duration) {
		for (BackfillListener listener : this.run.listeners()) {
			try {
				listener.batchCommitted(this.name, rows, duration);
			}
			catch (RuntimeException ex) {
				logger.warn("Backfill listener {} failed on a batch of job {}: {}", listener, this.name, ex.toString());
			}
		}
		if (this.run.progress().batchCommitted()) {
			try {
				this.jobs.find(connection, this.name).ifPresent(this.run.progress()::log);
			}
			catch (SQLException ex) {
				logger.debug("Backfill job {}: no progress line, the job could not be read", this.name, ex);
			}
		}
	}

	/** Moves the batch size toward the target duration, by at most a factor of two per batch. */
	private void adapt(Duration duration) {
		double target = this.settings.targetBatchDuration().toNanos();
		double factor = target / Math.max(1_000_000, duration.toNanos());
		factor = Math.max(0.5, Math.min(2.0, factor));
		long size = Math.round(this.batchSize * factor);
		this.batchSize = (int) Math.max(this.settings.minBatchSize(), Math.min(this.settings.maxBatchSize(), size));
	}

	/**
	 * Decides, when a pass from the first key found nothing to claim, whether the job is done:
	 * rows that others hold still match in the committed state, so they are waited for.
	 * @return whether this worker is finished
	 */
	private boolean finished(Connection connection) throws SQLException {
		boolean anyLeft;
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(this.sql.anyLeft())) {
			result.next();
			anyLeft = result.getBoolean(1);
		}
		if (anyLeft) {
			return status(connection) != JobStatus.RUNNING;
		}
		if (this.jobs.transition(connection, this.name, List.of(JobStatus.RUNNING), JobStatus.DONE,
				"finished_at = clock_timestamp()")) {
			logger.info("Backfill job {} is DONE", this.name);
		}
		return true;
	}

	private JobStatus status(Connection connection) throws SQLException {
		return this.jobs.find(connection, this.name).map((job) -> job.status()).orElse(JobStatus.CANCELLED);
	}

	/**
	 * Records a failed attempt on the job row.
	 * @return whether to retry: attempts are left and the job is still running
	 */
	private boolean recordFailure(String error, int attempt) {
		boolean last = attempt >= this.settings.maxAttempts();
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(true);
			if (last) {
				String failure = "a batch failed " + attempt + " times; last error: " + error;
				if (this.jobs.transition(connection, this.name, List.of(JobStatus.RUNNING), JobStatus.FAILED,
						"attempts = attempts + 1, last_error = ?, finished_at = clock_timestamp()", failure)) {
					logger.error("Backfill job {} FAILED: {}", this.name, failure);
				}
				return false;
			}
			this.jobs.transition(connection, this.name, List.of(JobStatus.RUNNING), JobStatus.RUNNING,
					"attempts = attempts + 1, last_error = ?", error);
			return status(connection) == JobStatus.RUNNING;
		}
		catch (SQLException ex) {
			logger.warn("Backfill job {}: could not record a failed batch: {}", this.name, ex.getMessage());
			return !last;
		}
	}

	private void fail(String error) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(true);
			this.jobs.transition(connection, this.name, List.of(JobStatus.RUNNING), JobStatus.FAILED,
					"last_error = ?, finished_at = clock_timestamp()", error);
		}
		logger.error("Backfill job {} FAILED: {}", this.name, error);
	}

	private static void rollbackQuietly(Connection connection) {
		try {
			if (!connection.isClosed()) {
				connection.rollback();
			}
		}
		catch (SQLException ex) {
			// the batch's error is the one to report
		}
	}

	long rows() {
		return this.rows;
	}

	long batches() {
		return this.batches;
	}

	int failedAttempts() {
		return this.failedAttempts;
	}

	Duration longestBatch() {
		return this.longestBatch;
	}

	private enum Outcome {

		UPDATED, NOTHING_AFTER_CURSOR, NOTHING, REFUSED, STOPPED

	}

	private record Range(@Nullable List<String> from, List<String> to) {

	}

	@FunctionalInterface
	private interface Work<T> {

		T run(Connection connection) throws Exception;

	}

	@FunctionalInterface
	private interface Step {

		BatchUpdater.Result run(Connection transaction) throws Exception;

	}

	private record Batch(Outcome outcome, long rows, @Nullable List<String> lastKey, Duration duration,
			@Nullable String refused) {

	}

}
