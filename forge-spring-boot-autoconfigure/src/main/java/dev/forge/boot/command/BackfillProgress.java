package dev.forge.boot.command;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.forge.core.BackfillJob;
import org.jspecify.annotations.Nullable;

/**
 * The progress of a backfill job run in the foreground, read from the job's row on a side
 * thread so that the batches of other nodes count too: on a terminal, a bar redrawn in
 * place, e.g. {@code [#########...........] 45% 90,000/200,000 rows 85,000 rows/s ETA 1s};
 * otherwise, such as in a deploy log, a plain line every few seconds.
 */
final class BackfillProgress {

	/** How often the bar is redrawn on a terminal. */
	static final Duration TERMINAL_REFRESH = Duration.ofMillis(250);

	/** How often a line is printed when the output is not a terminal. */
	static final Duration LINE_INTERVAL = Duration.ofSeconds(5);

	private static final int BAR_WIDTH = 20;

	private final PrintStream out;

	private final boolean terminal;

	private final Duration interval;

	BackfillProgress(PrintStream out, boolean terminal, Duration interval) {
		this.out = out;
		this.terminal = terminal;
		this.interval = interval;
	}

	/**
	 * Starts showing the progress of a job until the watch is closed.
	 * @param job reads the job's row
	 * @return the watch; closing it shows the job as it is then
	 */
	Watch watch(Supplier<Optional<BackfillJob>> job) {
		return new Watch(job);
	}

	/**
	 * Tells whether the process writes to a terminal: the JVM has a console (on Java 17,
	 * only when neither standard input nor output is redirected) that, from Java 22 on,
	 * says it is a terminal.
	 * @return whether a bar redrawn in place can be shown
	 */
	static boolean isTerminal() {
		Console console = System.console();
		if (console == null || "dumb".equals(System.getenv("TERM"))) {
			return false;
		}
		try {
			Method isTerminal = Console.class.getMethod("isTerminal");
			return Boolean.TRUE.equals(isTerminal.invoke(console));
		}
		catch (ReflectiveOperationException ex) {
			return true;
		}
	}

	/**
	 * Describes progress, e.g. {@code 45% 90,000/200,000 rows 85,000 rows/s ETA 1s}.
	 * @param job the job
	 * @param rowsPerSecond the rate to show and to estimate the time left from
	 * @return the text
	 */
	static String describe(BackfillJob job, double rowsPerSecond) {
		long total = job.rowsDone() + job.rowsLeft();
		StringBuilder text = new StringBuilder();
		text.append(percent(job)).append("% ").append(rows(job.rowsDone())).append('/').append(rows(total))
			.append(" rows ").append(rows(Math.round(rowsPerSecond))).append(" rows/s");
		String eta = eta(job, rowsPerSecond);
		if (eta != null) {
			text.append(" ETA ").append(eta);
		}
		return text.toString();
	}

	/**
	 * Draws a bar of the job's progress followed by {@link #describe(BackfillJob, double)}.
	 * @param job the job
	 * @param rowsPerSecond the rate
	 * @return the bar
	 */
	static String bar(BackfillJob job, double rowsPerSecond) {
		int filled = (int) (percent(job) * BAR_WIDTH / 100);
		return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + describe(job, rowsPerSecond);
	}

	static int percent(BackfillJob job) {
		long total = job.rowsDone() + job.rowsLeft();
		return (total > 0) ? (int) (job.rowsDone() * 100 / total) : (job.status().isRunnable() ? 0 : 100);
	}

	/**
	 * Estimates the time left of a running job.
	 * @param job the job
	 * @param rowsPerSecond the rate
	 * @return e.g. {@code 45s} or {@code 2m 05s}, or {@code null} when the job does not run or
	 * has no rate yet
	 */
	static @Nullable String eta(BackfillJob job, double rowsPerSecond) {
		if (!job.status().isRunnable() || rowsPerSecond <= 0) {
			return null;
		}
		return duration((long) Math.ceil(job.rowsLeft() / rowsPerSecond));
	}

	static String duration(long seconds) {
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
		}
		return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
	}

	static String rows(long rows) {
		return String.format(Locale.ROOT, "%,d", rows);
	}

	/**
	 * Shows the progress of one job on a side thread.
	 */
	final class Watch implements AutoCloseable {

		private final Supplier<Optional<BackfillJob>> job;

		private final ScheduledExecutorService executor;

		private @Nullable Sample first;

		private int drawn;

		private @Nullable String lastShown;

		private Watch(Supplier<Optional<BackfillJob>> job) {
			this.job = job;
			this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "forge-backfill-progress");
				thread.setDaemon(true);
				return thread;
			});
			long millis = BackfillProgress.this.interval.toMillis();
			this.executor.scheduleWithFixedDelay(this::show, millis, millis, TimeUnit.MILLISECONDS);
		}

		private void show() {
			try {
				this.job.get().ifPresent(this::show);
			}
			catch (RuntimeException ex) {
				// a progress read that failed is skipped; the run reports its own failures
			}
		}

		private synchronized void show(BackfillJob job) {
			double rate = rate(job);
			if (BackfillProgress.this.terminal) {
				String bar = bar(job, rate);
				// pad over what a longer previous bar left on the line
				BackfillProgress.this.out.print("\r" + bar + " ".repeat(Math.max(0, this.drawn - bar.length())));
				BackfillProgress.this.out.flush();
				this.drawn = bar.length();
			}
			else if (!(job.status() + " " + job.rowsDone()).equals(this.lastShown)) {
				BackfillProgress.this.out.println(job.name() + ": " + job.status() + " " + describe(job, rate));
			}
			this.lastShown = job.status() + " " + job.rowsDone();
		}

		/** The rate seen while watching, which counts every node's batches; until then, the job's. */
		private double rate(BackfillJob job) {
			long now = System.nanoTime();
			if (this.first == null) {
				this.first = new Sample(job.rowsDone(), now);
			}
			double seconds = (now - this.first.nanos()) / 1e9;
			long rows = job.rowsDone() - this.first.rowsDone();
			return (seconds >= 1 && rows > 0) ? rows / seconds : job.rowsPerSecond(Instant.now());
		}

		/**
		 * Stops the side thread, then shows the job as it is now, ending the bar's line.
		 */
		@Override
		public void close() {
			this.executor.shutdownNow();
			try {
				this.executor.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			show();
			if (BackfillProgress.this.terminal) {
				BackfillProgress.this.out.println();
			}
		}

	}

	private record Sample(long rowsDone, long nanos) {

	}

}
