package dev.forge.core;

import java.util.Locale;

/**
 * How much work a statement does under its lock, as the database estimates it: the rows it
 * scans, rewrites or writes (from {@code pg_class.reltuples} or the planner), and the class
 * of time its lock is therefore held, e.g. "rewrite of ~48M rows, minutes".
 *
 * @param rows the estimated number of rows
 * @param duration how long the lock is expected to be held
 */
public record Estimate(long rows, Estimate.Duration duration) {

	/** Rows per second a scan reads, roughly, on a server of today. */
	private static final long SCANNED_PER_SECOND = 1_000_000;

	/** Rows per second a rewrite or an update writes, roughly, indexes included. */
	private static final long WRITTEN_PER_SECOND = 100_000;

	/**
	 * Returns the estimate of work on a number of rows.
	 * @param rows the rows
	 * @param impact whether they are read ({@link TableImpact#SCAN}) or written again
	 * @return the estimate
	 */
	public static Estimate of(long rows, TableImpact impact) {
		long perSecond = (impact == TableImpact.SCAN) ? SCANNED_PER_SECOND : WRITTEN_PER_SECOND;
		double seconds = (double) Math.max(rows, 0) / perSecond;
		Duration duration = (seconds < 1) ? Duration.MOMENT : (seconds < 60) ? Duration.SECONDS
				: (seconds < 3600) ? Duration.MINUTES : Duration.HOURS;
		return new Estimate(Math.max(rows, 0), duration);
	}

	/**
	 * Returns the rows in a short form: {@code ~950 rows}, {@code ~12k rows},
	 * {@code ~1.5M rows}, {@code ~48M rows}, {@code ~2.1B rows}.
	 * @return the rows
	 */
	public String formattedRows() {
		return "~" + shortNumber(this.rows) + ((this.rows == 1) ? " row" : " rows");
	}

	/**
	 * Returns the estimate for a reviewer, e.g. {@code rewrite of ~48M rows, minutes}.
	 * @param impact what is done to the rows; {@link TableImpact#NONE} for rows an
	 * {@code UPDATE} or {@code DELETE} touches
	 * @return the description
	 */
	public String describe(TableImpact impact) {
		String work = switch (impact) {
			case SCAN -> "scan of ";
			case REWRITE -> "rewrite of ";
			case NONE -> "";
		};
		return work + formattedRows() + ", " + this.duration.description();
	}

	private static String shortNumber(long value) {
		String[] suffixes = { "", "k", "M", "B", "T" };
		double scaled = value;
		int index = 0;
		while (scaled >= 999.5 && index < suffixes.length - 1) {
			scaled /= 1000;
			index++;
		}
		if (index == 0) {
			return Long.toString(value);
		}
		return ((scaled < 9.95) ? String.format(Locale.ROOT, "%.1f", scaled).replace(".0", "")
				: Long.toString(Math.round(scaled))) + suffixes[index];
	}

	/**
	 * How long a lock is expected to be held.
	 */
	public enum Duration {

		/** Under a second. */
		MOMENT("under a second"),

		/** Seconds. */
		SECONDS("seconds"),

		/** Minutes. */
		MINUTES("minutes"),

		/** An hour or more. */
		HOURS("hours");

		private final String description;

		Duration(String description) {
			this.description = description;
		}

		/**
		 * Returns the duration in words, e.g. {@code minutes}.
		 * @return the description
		 */
		public String description() {
			return this.description;
		}

	}

}
