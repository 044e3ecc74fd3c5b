package dev.forge.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.forge.boot.ForgeMigrationListener;
import dev.forge.boot.ForgeOperations;
import dev.forge.core.ApplyResult;
import dev.forge.core.BackfillJob;
import dev.forge.core.BackfillRun;
import dev.forge.core.JavaBackfill;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the backfill jobs on this node ({@code forge.jobs.enabled}). Once the migrations of
 * the start-up have been applied, it looks at the jobs every poll interval, and at once
 * after every apply (which registers the jobs of its backfill files) and after a job was
 * started, resumed or retried through this node's operations. It runs each
 * job that is {@code PENDING} or {@code RUNNING}, one at a time, on its own thread: every
 * backfill file's job, and the jobs of the Java backfills that this node declares. Other
 * nodes run the same jobs alongside; each batch claims its rows on its own.
 * <p>
 * Stops first when the application closes: the thread is interrupted, the batch in flight
 * rolls back (or commits, with its count), and any node continues the job from what was
 * committed.
 */
class ForgeJobRunner implements SmartLifecycle, ForgeMigrationListener {

	private static final Log logger = LogFactory.getLog(ForgeJobRunner.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final ForgeOperations operations;

	private final Duration pollInterval;

	private final Object monitor = new Object();

	/** Guarded by {@link #monitor}: held until the start-up apply has run. */
	private boolean awaitingStartupApply;

	/** Guarded by {@link #monitor}: an apply asked for a look before the poll interval is up. */
	private boolean lookNow;

	/** Guarded by {@link #monitor}. */
	private @Nullable Thread thread;

	/**
	 * Creates a runner.
	 * @param operations the operations that list and run the jobs
	 * @param pollInterval how often an idle node looks for jobs
	 * @param awaitStartupApply whether migrations are applied once the application is ready,
	 * so that the first look waits for that apply
	 */
	ForgeJobRunner(ForgeOperations operations, Duration pollInterval, boolean awaitStartupApply) {
		this.operations = operations;
		this.pollInterval = pollInterval;
		this.awaitingStartupApply = awaitStartupApply;
	}

	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.thread == null) {
				Thread worker = new Thread(this::work, "forge-jobs");
				worker.setDaemon(true);
				this.thread = worker;
				worker.start();
			}
		}
	}

	@Override
	public void stop() {
		Thread worker;
		synchronized (this.monitor) {
			worker = this.thread;
			this.thread = null;
		}
		if (worker == null) {
			return;
		}
		worker.interrupt();
		try {
			worker.join(STOP_TIMEOUT.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.monitor) {
			return this.thread != null;
		}
	}

	@Override
	public void applied(ApplyResult result) {
		lookNow();
	}

	@Override
	public void failed(Run run, RuntimeException failure) {
		// a failed start-up apply stops the application; until then, jobs registered before
		// it may still run
		lookNow();
	}

	@Override
	public void jobChanged(BackfillJob job) {
		// a job started, resumed or retried here need not wait for the poll interval
		if (job.status().isRunnable()) {
			lookNow();
		}
	}

	private void lookNow() {
		synchronized (this.monitor) {
			this.awaitingStartupApply = false;
			this.lookNow = true;
			this.monitor.notifyAll();
		}
	}

	private void work() {
		try {
			awaitStartupApply();
			while (!Thread.currentThread().isInterrupted()) {
				if (!runJobs()) {
					awaitNextLook();
				}
			}
		}
		catch (InterruptedException ex) {
			// stopping
		}
	}

	private void awaitStartupApply() throws InterruptedException {
		synchronized (this.monitor) {
			while (this.awaitingStartupApply) {
				this.monitor.wait();
			}
		}
	}

	private void awaitNextLook() throws InterruptedException {
		long deadline = System.nanoTime() + this.pollInterval.toNanos();
		synchronized (this.monitor) {
			long left = this.pollInterval.toNanos();
			while (!this.lookNow && left > 0) {
				TimeUnit.NANOSECONDS.timedWait(this.monitor, left);
				left = deadline - System.nanoTime();
			}
			this.lookNow = false;
		}
	}

	/**
	 * Runs each runnable job once.
	 * @return whether a run updated rows, so that the next look comes at once
	 */
	private boolean runJobs() {
		List<BackfillJob> jobs;
		try {
			jobs = this.operations.jobs();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read the backfill jobs, looking again in " + interval() + ": " + ex.getMessage());
			return false;
		}
		@Nullable Set<String> declared = null;
		boolean updated = false;
		for (BackfillJob job : jobs) {
			if (Thread.currentThread().isInterrupted()) {
				return false;
			}
			if (!job.status().isRunnable()) {
				continue;
			}
			if (job.isJava()) {
				declared = (declared != null) ? declared : declaredBackfills();
				if (!declared.contains(job.name())) {
					if (logger.isDebugEnabled()) {
						logger.debug("Backfill job " + job.name() + " is a Java backfill this node does not declare:"
								+ " left to the nodes that do");
					}
					continue;
				}
			}
			updated |= run(job);
		}
		return updated;
	}

	private String interval() {
		return (this.pollInterval.toMillis() % 1000 == 0) ? this.pollInterval.toSeconds() + " s"
				: this.pollInterval.toMillis() + " ms";
	}

	private Set<String> declaredBackfills() {
		return this.operations.declaredBackfills().stream().map(JavaBackfill::name).collect(Collectors.toSet());
	}

	private boolean run(BackfillJob job) {
		logger.info(String.format(Locale.ROOT, "Running backfill job %s on this node (%s, %,d rows done)", job.name(),
				job.status(), job.rowsDone()));
		try {
			BackfillRun run = this.operations.runBackfill(job.name());
			logger.info(String.format(Locale.ROOT, "Backfill job %s is %s: this node updated %,d rows in %,d batches"
					+ " (%,.0f rows/s)", job.name(), run.job().status(), run.rows(), run.batches(),
					run.rowsPerSecond()));
			return run.rows() > 0;
		}
		catch (RuntimeException ex) {
			if (Thread.currentThread().isInterrupted()) {
				logger.info("Backfill job " + job.name() + " stopped on this node as the application closes: its"
						+ " committed batches are kept, and any node continues it");
			}
			else {
				logger.warn("Backfill job " + job.name() + " could not run on this node, trying again in " + interval()
						+ ": " + ex.getMessage());
			}
			return false;
		}
	}

}
