package dev.forge.core.internal.migration;

import java.time.Duration;
import java.util.Locale;

import dev.forge.core.MigrationFileException;
import org.jspecify.annotations.Nullable;

/**
 * The options of a {@code -- forge:backfill} directive, e.g.
 * {@code -- forge:backfill batch-size=1000 pause=50ms max-rows-per-second=5000 lock-timeout=2s}.
 *
 * @param batchSize the size of the first batch, which then adapts toward the target batch
 * duration
 * @param pause the pause after each batch
 * @param maxRowsPerSecond the most rows per second each node updates, {@code 0} for no limit: a
 * limit per node, so two nodes on one job may update up to twice as many
 * @param lockTimeout the lock timeout of each batch as PostgreSQL spells it, or {@code null}
 * for the configured one
 */
public record BackfillOptions(int batchSize, Duration pause, int maxRowsPerSecond, @Nullable String lockTimeout) {

	/** The options of a directive that names none. */
	public static final BackfillOptions DEFAULTS = new BackfillOptions(1000, Duration.ZERO, 0, null);

	/** The largest batch a file may ask for. */
	static final int MAX_BATCH_SIZE = 1_000_000;

	/**
	 * Reads the options of a directive.
	 * @param text the options, blank-separated {@code key=value} pairs
	 * @param location the file, for messages
	 * @param line the directive's line, for messages
	 * @return the options
	 * @throws MigrationFileException for an unknown option or a bad value
	 */
	public static BackfillOptions parse(String text, String location, int line) {
		int batchSize = DEFAULTS.batchSize;
		Duration pause = DEFAULTS.pause;
		int maxRowsPerSecond = DEFAULTS.maxRowsPerSecond;
		String lockTimeout = null;
		for (String option : text.trim().split("\\s+")) {
			if (option.isEmpty()) {
				continue;
			}
			int equals = option.indexOf('=');
			if (equals <= 0 || equals == option.length() - 1) {
				throw new MigrationFileException(location, line, "backfill option '" + option + "' needs the form"
						+ " key=value, e.g. batch-size=1000");
			}
			String key = option.substring(0, equals).toLowerCase(Locale.ROOT);
			String value = option.substring(equals + 1);
			switch (key) {
				case "batch-size" -> batchSize = positive(key, value, MAX_BATCH_SIZE, location, line);
				case "max-rows-per-second" -> maxRowsPerSecond = positive(key, value, Integer.MAX_VALUE, location,
						line);
				case "pause" -> pause = duration(key, value, location, line);
				case "lock-timeout" -> {
					duration(key, value, location, line);
					lockTimeout = value;
				}
				default -> throw new MigrationFileException(location, line, "unknown backfill option '" + key
						+ "'; known options are batch-size, pause, max-rows-per-second and lock-timeout");
			}
		}
		return new BackfillOptions(batchSize, pause, maxRowsPerSecond, lockTimeout);
	}

	private static int positive(String key, String value, int max, String location, int line) {
		try {
			int number = Integer.parseInt(value);
			if (number >= 1 && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below, with the range
		}
		throw new MigrationFileException(location, line, "backfill option '" + key + "' needs a whole number from 1"
				+ " to " + max + ", not '" + value + "'");
	}

	private static Duration duration(String key, String value, String location, int line) {
		Duration duration = LockTimeouts.parse(value);
		if (duration == null || duration.isNegative()) {
			throw new MigrationFileException(location, line, "backfill option '" + key + "' needs a duration such as"
					+ " 50ms, 2s or 1min, not '" + value + "'");
		}
		return duration;
	}

	/**
	 * Returns the lock timeout of each batch.
	 * @param configured the configured lock timeout
	 * @return the file's lock timeout, or the configured one when it sets none
	 */
	public Duration lockTimeoutOr(Duration configured) {
		Duration own = (this.lockTimeout != null) ? LockTimeouts.parse(this.lockTimeout) : null;
		return (own != null) ? own : configured;
	}

	/**
	 * Returns the options as a directive writes them, for the job's record.
	 * @return the options text
	 */
	public String text() {
		return "batch-size=" + this.batchSize + " pause=" + this.pause.toMillis() + "ms"
				+ ((this.maxRowsPerSecond > 0) ? " max-rows-per-second=" + this.maxRowsPerSecond : "")
				+ ((this.lockTimeout != null) ? " lock-timeout=" + this.lockTimeout : "");
	}

}
