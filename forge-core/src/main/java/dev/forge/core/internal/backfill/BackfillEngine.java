package dev.forge.core.internal.backfill;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.forge.core.BackfillJob;
import dev.forge.core.BackfillListener;
import dev.forge.core.BackfillRun;
import dev.forge.core.BackfillSettings;
import dev.forge.core.ForgeException;
import dev.forge.core.JavaBackfill;
import dev.forge.core.JobStatus;
import dev.forge.core.internal.migration.BackfillOptions;
import dev.forge.core.internal.migration.BackfillUpdate;
import dev.forge.core.internal.migration.LockTimeouts;
import dev.forge.core.internal.migration.MigrationName;
import dev.forge.core.internal.migration.MigrationScriptParser;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs backfill jobs and changes their state. No lease is taken: every batch is
 * self-contained (it updates a key range claimed on the job's row, or rows claimed with
 * {@code FOR UPDATE SKIP LOCKED}, that still match the {@code WHERE}, and counts them in its
 * own transaction), so any number of workers on any nodes may run one job, and a node that
 * dies loses at most its uncommitted batch, whose rows the last pass of any worker updates.
 */
public final class BackfillEngine {

	private static final Logger logger = LoggerFactory.getLogger(BackfillEngine.class);

	/** How long an interrupted run waits for its workers' batches beyond their lock timeout. */
	private static final Duration WORKERS_STOP = Duration.ofSeconds(5);

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private final DataSource dataSource;

	private final JobStore jobs;

	private final Supplier<String> nodeName;

	private final Duration defaultLockTimeout;

	private final JavaBackfills javaBackfills;

	private final List<BackfillListener> listeners;

	/**
	 * Creates the engine.
	 * @param dataSource where the jobs and their tables are
	 * @param jobs the jobs table
	 * @param nodeName this node's name, recorded as the owner of the batches it commits
	 * @param defaultLockTimeout the lock timeout of a batch whose file sets none
	 * @param javaBackfills the Java backfills this node declares
	 * @param listeners the listeners of the batches this node commits
	 */
	public BackfillEngine(DataSource dataSource, JobStore jobs, Supplier<String> nodeName, Duration defaultLockTimeout,
			List<JavaBackfill> javaBackfills, List<BackfillListener> listeners) {
		this.dataSource = dataSource;
		this.jobs = jobs;
		this.nodeName = nodeName;
		this.defaultLockTimeout = defaultLockTimeout;
		this.javaBackfills = new JavaBackfills(javaBackfills, jobs);
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Returns the Java backfills this node declares.
	 * @return the backfills, by name
	 */
	public List<JavaBackfill> declared() {
		return this.javaBackfills.all();
	}

	/**
	 * Starts a declared Java backfill: checks it against the live table, then registers its
	 * job {@code PENDING}.
	 * @param name the Java backfill's name
	 * @return the job
	 */
	public BackfillJob start(String name) {
		JavaBackfill backfill = this.javaBackfills.find(name)
			.orElseThrow(() -> new ForgeException(this.javaBackfills.notDeclared(name)));
		BackfillJob job = withConnection((connection) -> this.javaBackfills.start(connection, backfill));
		logger.info("Backfill job {} started: {} of {}", name, job.status(), backfill);
		return job;
	}

	/**
	 * Returns every job.
	 * @return the jobs, by name
	 */
	public List<BackfillJob> jobs() {
		return withConnection(this.jobs::all);
	}

	/**
	 * Returns one job.
	 * @param name the job's name
	 * @return the job, if {@code apply} registered it
	 */
	public Optional<BackfillJob> job(String name) {
		return withConnection((connection) -> this.jobs.find(connection, name));
	}

	/**
	 * Runs a job's batches on this node until it is {@code DONE}, {@code FAILED}, or paused or
	 * cancelled, which the workers notice at their next batch.
	 * @param name the job's name
	 * @param settings how many workers, and how batches adapt and retry
	 * @return what the run did
	 */
	public BackfillRun run(String name, BackfillSettings settings) {
		long start = System.nanoTime();
		JobStore.Row row = withConnection((connection) -> this.jobs.read(connection, name))
			.orElseThrow(() -> unknown(name));
		JavaBackfill backfill = null;
		if (row.java()) {
			backfill = this.javaBackfills.find(name)
				.orElseThrow(() -> new ForgeException("Backfill job " + name + " is a Java backfill that this node"
						+ " does not declare, so it cannot run here: declared on this node? add a JavaBackfill bean"
						+ " named " + name + " (JavaBackfill.named(\"" + name + "\")), or run the job on a node that"
						+ " declares it"));
		}
		if (!row.job().status().isRunnable()) {
			logger.info("Backfill job {} is {}: nothing to run", name, row.job().status());
			return new BackfillRun(row.job(), 0, 0, 0, Duration.ZERO, elapsed(start));
		}
		JobRun run = (backfill != null) ? javaRun(row, backfill) : sqlRun(row);
		started(row, run.sql(), run.lockTimeout());
		List<BatchWorker> workers = new ArrayList<>();
		for (int i = 0; i < settings.workers(); i++) {
			workers.add(new BatchWorker(this.dataSource, this.jobs, run, settings));
		}
		ExecutorService executor = Executors.newFixedThreadPool(workers.size(), (runnable) -> {
			Thread thread = new Thread(runnable, "forge-backfill-" + name);
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<?>> futures = new ArrayList<>();
			workers.forEach((worker) -> futures.add(executor.submit(worker)));
			for (Future<?> future : futures) {
				future.get();
			}
		}
		catch (InterruptedException ex) {
			executor.shutdownNow();
			// a batch in flight ends (commits or rolls back) before the caller closes the data source
			awaitWorkers(executor, run.lockTimeout().plus(WORKERS_STOP));
			Thread.currentThread().interrupt();
			throw new ForgeException("Interrupted while running backfill job " + name, ex);
		}
		catch (ExecutionException ex) {
			throw new ForgeException("Backfill job " + name + " stopped: " + ex.getCause().getMessage(), ex.getCause());
		}
		finally {
			executor.shutdownNow();
		}
		BackfillJob job = job(name).orElseThrow(() -> unknown(name));
		long rows = workers.stream().mapToLong(BatchWorker::rows).sum();
		long batches = workers.stream().mapToLong(BatchWorker::batches).sum();
		int failed = workers.stream().mapToInt(BatchWorker::failedAttempts).sum();
		Duration longest = workers.stream().map(BatchWorker::longestBatch).max(Duration::compareTo)
			.orElse(Duration.ZERO);
		logger.info("Backfill job {}: {} after {} rows in {} batches on this node", name, job.status(), rows, batches);
		return new BackfillRun(job, rows, batches, failed, longest, elapsed(start));
	}

	private JobRun sqlRun(JobStore.Row row) {
		String name = row.job().name();
		BackfillUpdate update = BackfillUpdate.of(row.job().location(), row.updateLine(),
				MigrationScriptParser.parse(MigrationName.parse(name).orElseThrow(), row.job().location(), row.updateSql()).up());
		BatchSql sql = new BatchSql(update, row.keyColumns(), row.keyTypes());
		return jobRun(row, sql, new SqlBatchUpdater(sql, row.job().location(), row.updateLine()), options(row));
	}

	/** A Java job runs with the key its job recorded and the backfill this node declares. */
	private JobRun javaRun(JobStore.Row row, JavaBackfill backfill) {
		BatchSql sql = BatchSql.forJava(backfill.table(), backfill.where(), row.keyColumns(), row.keyTypes());
		Map<String, String> columns = withConnection(
				(connection) -> JavaBackfills.columns(connection, backfill.table()));
		return jobRun(row, sql, new JavaBatchUpdater(backfill, sql, row.keyColumns(), row.keyTypes(), columns),
				JavaBackfills.options(backfill));
	}

	private JobRun jobRun(JobStore.Row row, BatchSql sql, BatchUpdater updater, BackfillOptions options) {
		String name = row.job().name();
		return new JobRun(name, sql, updater, options, options.lockTimeoutOr(this.defaultLockTimeout),
				new Throttle(options.maxRowsPerSecond()), this.nodeName.get(), new ProgressLog(name), this.listeners,
				row.job().batchSize());
	}

	private static BackfillOptions options(JobStore.Row row) {
		return row.job().options().isBlank() ? BackfillOptions.DEFAULTS
				: BackfillOptions.parse(row.job().options(), row.job().location(), row.updateLine());
	}

	/** Marks the job running; the first start replaces the estimate with a count. */
	private void started(JobStore.Row row, BatchSql sql, Duration lockTimeout) {
		withConnection((connection) -> {
			String name = row.job().name();
			Long matching = (row.job().startedAt() == null) ? countMatching(connection, sql, lockTimeout) : null;
			if (matching != null) {
				this.jobs.transition(connection, name, List.of(JobStatus.PENDING), JobStatus.RUNNING,
						"started_at = coalesce(started_at, clock_timestamp()), rows_estimated = rows_done + ?",
						matching);
			}
			this.jobs.transition(connection, name, List.of(JobStatus.PENDING), JobStatus.RUNNING,
					"started_at = coalesce(started_at, clock_timestamp())");
			return null;
		});
	}

	/**
	 * Counts the rows still to do; a table locked by someone else keeps the estimate from its
	 * statistics rather than holding up the start.
	 */
	private static @Nullable Long countMatching(Connection connection, BatchSql sql, Duration lockTimeout)
			throws SQLException {
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET LOCAL lock_timeout = '" + LockTimeouts.format(lockTimeout) + "'");
			try (ResultSet result = statement.executeQuery(sql.countMatching())) {
				result.next();
				return result.getLong(1);
			}
		}
		catch (SQLException ex) {
			if (!LOCK_NOT_AVAILABLE.equals(ex.getSQLState())) {
				throw ex;
			}
			return null;
		}
		finally {
			connection.rollback();
			connection.setAutoCommit(true);
		}
	}

	/**
	 * Pauses a job: its workers stop after their current batch.
	 * @param name the job's name
	 * @return the job
	 */
	public BackfillJob pause(String name) {
		return change(name, List.of(JobStatus.PENDING, JobStatus.RUNNING), JobStatus.PAUSED, "", "pause");
	}

	/**
	 * Resumes a paused job: it is {@code PENDING} until a worker runs it.
	 * @param name the job's name
	 * @return the job
	 */
	public BackfillJob resume(String name) {
		return change(name, List.of(JobStatus.PAUSED), JobStatus.PENDING, "", "resume");
	}

	/**
	 * Cancels a job: its workers stop after their current batch; the rows updated stay updated.
	 * @param name the job's name
	 * @return the job
	 */
	public BackfillJob cancel(String name) {
		return change(name, List.of(JobStatus.PENDING, JobStatus.RUNNING, JobStatus.PAUSED, JobStatus.FAILED),
				JobStatus.CANCELLED, "finished_at = clock_timestamp()", "cancel");
	}

	/**
	 * Retries a failed or cancelled job: it is {@code PENDING} again, with its attempts and
	 * error cleared and its rows done kept.
	 * @param name the job's name
	 * @return the job
	 */
	public BackfillJob retry(String name) {
		return change(name, List.of(JobStatus.FAILED, JobStatus.CANCELLED), JobStatus.PENDING,
				"attempts = 0, last_error = NULL, finished_at = NULL", "retry");
	}

	private BackfillJob change(String name, List<JobStatus> from, JobStatus to, String extraSet, String verb) {
		return withConnection((connection) -> {
			BackfillJob job = this.jobs.find(connection, name).orElseThrow(() -> unknown(name));
			if (!this.jobs.transition(connection, name, from, to, extraSet)) {
				BackfillJob now = this.jobs.find(connection, name).orElseThrow(() -> unknown(name));
				if (now.status() == to) {
					return now;
				}
				throw new ForgeException("Cannot " + verb + " backfill job " + name + ": it is " + now.status()
						+ "; only a job that is " + String.join(" or ", from.stream().map(Enum::name).toList())
						+ " can be " + switch (verb) {
							case "cancel" -> "cancelled";
							case "retry" -> "retried";
							default -> verb + "d";
						} + ".");
			}
			logger.info("Backfill job {}: {} -> {}", name, job.status(), to);
			return this.jobs.find(connection, name).orElseThrow(() -> unknown(name));
		});
	}

	private ForgeException unknown(String name) {
		if (this.javaBackfills.find(name).isPresent()) {
			return new ForgeException("Java backfill " + name + " is not started, so it has no job yet: start it"
					+ " ('migrate backfill " + name + "', or Forge.backfills().start(\"" + name + "\"))");
		}
		return new ForgeException("No backfill job " + name + " in " + this.jobs.qualifiedName()
				+ ": 'apply' registers the job of a file with '-- forge:backfill'.");
	}

	private <T> T withConnection(Work<T> work) {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(true);
			return work.run(connection);
		}
		catch (SQLException ex) {
			throw new ForgeException("Database error: " + ex.getMessage(), ex);
		}
	}

	private static void awaitWorkers(ExecutorService executor, Duration wait) {
		try {
			executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Duration elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	@FunctionalInterface
	private interface Work<T> {

		T run(Connection connection) throws SQLException;

	}

}
