package dev.forge.core.internal.migration;

import java.util.Comparator;
import java.util.Optional;

import dev.forge.core.MigrationFileException;

/**
 * The name of a migration: its file name without {@code .sql}, made of a number of four or
 * more digits and a lower-case slug, e.g. {@code 0003_20240115_103000_add_description}.
 *
 * @param value the full name
 * @param number the leading digits
 */
public record MigrationName(String value, String number) implements Comparable<MigrationName> {

	private static final Comparator<MigrationName> ORDER = Comparator
		.comparing(MigrationName::number, MigrationName::compareNumbers)
		.thenComparing(MigrationName::value);

	/**
	 * Parses a file name.
	 * @param fileName the file name, e.g. {@code 0001_initial.sql}
	 * @param location where the file is, for the error message
	 * @return the migration name
	 * @throws MigrationFileException when the name does not fit
	 */
	public static MigrationName ofFileName(String fileName, String location) {
		int digits = numberLength(fileName, fileName.length() - ".sql".length());
		if (digits < 0 || !fileName.endsWith(".sql")) {
			throw new MigrationFileException(location, 0, "'" + fileName + "' is not a valid migration file name: use "
					+ "NNNN_slug.sql (4 or more digits, an underscore, then lower-case letters, digits and underscores),"
					+ " e.g. 0001_create_users.sql");
		}
		return new MigrationName(fileName.substring(0, fileName.length() - 4), fileName.substring(0, digits));
	}

	/**
	 * Returns whether a name is a valid migration name (without {@code .sql}).
	 * @param name the candidate
	 * @return {@code true} if {@code name + ".sql"} is a valid file name
	 */
	public static boolean isValid(String name) {
		return numberLength(name, name.length()) >= 0;
	}

	/**
	 * Parses a name without {@code .sql} that the caller has not checked.
	 * @param name the candidate, e.g. a row of the history table
	 * @return the migration name, if valid
	 */
	public static Optional<MigrationName> parse(String name) {
		int digits = numberLength(name, name.length());
		return (digits < 0) ? Optional.empty() : Optional.of(new MigrationName(name, name.substring(0, digits)));
	}

	/**
	 * Checks {@code name[0, end)} against {@code \d{4,}_[a-z0-9_]+} by hand: every start of
	 * every node checks every file name, and a regular expression costs ten times more.
	 * @return the number of leading digits, or -1 if the name does not fit
	 */
	private static int numberLength(String name, int end) {
		if (end < 0) {
			return -1;
		}
		int digits = 0;
		while (digits < end && isDigit(name.charAt(digits))) {
			digits++;
		}
		if (digits < 4 || digits + 1 >= end || name.charAt(digits) != '_') {
			return -1;
		}
		for (int i = digits + 1; i < end; i++) {
			char c = name.charAt(i);
			if (!(isDigit(c) || (c >= 'a' && c <= 'z') || c == '_')) {
				return -1;
			}
		}
		return digits;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	/** Orders by number, numerically, then by the whole name, so 10000 follows 9999. */
	@Override
	public int compareTo(MigrationName other) {
		return ORDER.compare(this, other);
	}

	/**
	 * Compares two strings of ASCII digits by their numeric value, without parsing them:
	 * sorting thousands of migrations compares names often.
	 */
	private static int compareNumbers(String left, String right) {
		int leftStart = firstNonZero(left);
		int rightStart = firstNonZero(right);
		int byLength = Integer.compare(left.length() - leftStart, right.length() - rightStart);
		if (byLength != 0) {
			return byLength;
		}
		for (int i = leftStart, j = rightStart; i < left.length(); i++, j++) {
			int byDigit = Character.compare(left.charAt(i), right.charAt(j));
			if (byDigit != 0) {
				return byDigit;
			}
		}
		return 0;
	}

	private static int firstNonZero(String digits) {
		int i = 0;
		while (i < digits.length() - 1 && digits.charAt(i) == '0') {
			i++;
		}
		return i;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
