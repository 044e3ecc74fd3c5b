package dev.forge.core.internal.migration;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads and writes PostgreSQL {@code lock_timeout} values such as {@code 500ms},
 * {@code 1.5s}, {@code 1 min} or a bare number of milliseconds.
 * <p>
 * Values are read the way PostgreSQL reads an integer setting with a time unit
 * ({@code parse_int} in {@code guc.c}): an optional sign, a number (hexadecimal after
 * {@code 0x}, octal after a leading {@code 0}, or a decimal fraction such as {@code 1.5}
 * or {@code 1e3}), optional whitespace and a case-sensitive unit ({@code us}, {@code ms},
 * {@code s}, {@code min}, {@code h}, {@code d}; none means milliseconds). A fraction is
 * rounded to the next smaller unit, then to whole milliseconds, and the result must lie
 * between 0 and 2147483647 ms. Hexadecimal fractions, {@code inf} and {@code nan} are not
 * read; PostgreSQL rejects the last two as well.
 */
public final class LockTimeouts {

	private static final String[] UNITS = { "d", "h", "min", "s", "ms", "us" };

	private static final double[] MILLIS = { 86_400_000, 3_600_000, 60_000, 1000, 1, 1.0 / 1000 };

	private LockTimeouts() {
	}

	/**
	 * Parses a value.
	 * @param value the value, as it would stand between the quotes of
	 * {@code SET lock_timeout = '…'}
	 * @return the duration, or {@code null} if PostgreSQL would not accept the value
	 */
	public static @Nullable Duration parse(String value) {
		Reader reader = new Reader(value);
		reader.skipWhitespace();
		Double number = reader.number();
		if (number == null) {
			return null;
		}
		reader.skipWhitespace();
		double millis = number;
		if (!reader.atEnd()) {
			String unit = reader.unit();
			int index = List.of(UNITS).indexOf(unit);
			if (index < 0) {
				return null;
			}
			millis = number * MILLIS[index];
			if (index + 1 < UNITS.length) {
				millis = Math.rint(millis / MILLIS[index + 1]) * MILLIS[index + 1];
			}
		}
		millis = Math.rint(millis);
		if (Double.isNaN(millis) || millis < 0 || millis > Integer.MAX_VALUE) {
			return null;
		}
		return Duration.ofMillis((long) millis);
	}

	/**
	 * Formats a duration for {@code SET lock_timeout}.
	 * @param duration the duration; zero means no limit
	 * @return the value in milliseconds, e.g. {@code 5000ms}
	 */
	public static String format(Duration duration) {
		return duration.toMillis() + "ms";
	}

	/** Reads a value from left to right, as {@code strtol} and {@code strtod} would. */
	private static final class Reader {

		private final String text;

		private int position;

		Reader(String text) {
			this.text = text;
		}

		boolean atEnd() {
			return this.position >= this.text.length();
		}

		/** The rest of the value without trailing whitespace. */
		String unit() {
			int end = this.text.length();
			while (end > this.position && isSpace(this.text.charAt(end - 1))) {
				end--;
			}
			return this.text.substring(this.position, end);
		}

		void skipWhitespace() {
			while (!atEnd() && isSpace(this.text.charAt(this.position))) {
				this.position++;
			}
		}

		/**
		 * Reads an integer in C's notation; when it stops at a decimal point or an exponent
		 * (or overflows), reads the same characters again as a decimal fraction.
		 */
		@Nullable Double number() {
			int start = this.position;
			Double integer = integer();
			if (atEnd() || ".eE".indexOf(this.text.charAt(this.position)) < 0) {
				return integer;
			}
			this.position = start;
			return fraction();
		}

		private @Nullable Double integer() {
			int start = this.position;
			double sign = sign();
			int radix = 10;
			if (startsWith("0x") || startsWith("0X")) {
				if (this.position + 2 < this.text.length()
						&& Character.digit(this.text.charAt(this.position + 2), 16) >= 0) {
					this.position += 2;
					radix = 16;
				}
			}
			else if (startsWith("0")) {
				radix = 8;
			}
			int digitsStart = this.position;
			double value = 0;
			while (!atEnd() && Character.digit(this.text.charAt(this.position), radix) >= 0
					&& this.text.charAt(this.position) < 128) {
				value = value * radix + Character.digit(this.text.charAt(this.position), radix);
				this.position++;
			}
			if (this.position == digitsStart) {
				this.position = start;
				return null;
			}
			return sign * value;
		}

		private @Nullable Double fraction() {
			int start = this.position;
			sign();
			int digits = digits();
			if (!atEnd() && this.text.charAt(this.position) == '.') {
				this.position++;
				digits += digits();
			}
			if (digits == 0) {
				this.position = start;
				return null;
			}
			int beforeExponent = this.position;
			if (!atEnd() && (this.text.charAt(this.position) == 'e' || this.text.charAt(this.position) == 'E')) {
				this.position++;
				sign();
				if (digits() == 0) {
					this.position = beforeExponent;
				}
			}
			return Double.parseDouble(this.text.substring(start, this.position));
		}

		private double sign() {
			if (!atEnd() && (this.text.charAt(this.position) == '+' || this.text.charAt(this.position) == '-')) {
				return (this.text.charAt(this.position++) == '-') ? -1 : 1;
			}
			return 1;
		}

		private int digits() {
			int start = this.position;
			while (!atEnd() && this.text.charAt(this.position) >= '0' && this.text.charAt(this.position) <= '9') {
				this.position++;
			}
			return this.position - start;
		}

		private boolean startsWith(String prefix) {
			return this.text.startsWith(prefix, this.position);
		}

		private static boolean isSpace(char c) {
			return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
		}

	}

}
