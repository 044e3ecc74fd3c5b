package dev.forge.core.internal.migration;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads and writes PostgreSQL {@code lock_timeout} values such as {@code 500ms},
 * {@code 10s}, {@code 1min} or a bare number of milliseconds.
 */
public final class LockTimeouts {

	private static final Pattern VALUE = Pattern.compile("(\\d+)\\s*(ms|s|min|h|d)?");

	private LockTimeouts() {
	}

	/**
	 * Parses a value.
	 * @param value the value
	 * @return the duration, or {@code null} if the value is not one PostgreSQL accepts
	 */
	public static @Nullable Duration parse(String value) {
		Matcher matcher = VALUE.matcher(value.trim().toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			return null;
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "ms";
		return switch (unit) {
			case "s" -> Duration.ofSeconds(amount);
			case "min" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			case "d" -> Duration.ofDays(amount);
			default -> Duration.ofMillis(amount);
		};
	}

	/**
	 * Formats a duration for {@code SET lock_timeout}.
	 * @param duration the duration; zero means no limit
	 * @return the value in milliseconds, e.g. {@code 5000ms}
	 */
	public static String format(Duration duration) {
		return duration.toMillis() + "ms";
	}

}
