package dev.forge.core.migration;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.forge.core.MigrationFileException;

/**
 * The name of a migration: its file name without {@code .sql}, made of a number of four or
 * more digits and a lower-case slug, e.g. {@code 0003_20240115_103000_add_description}.
 *
 * @param value the full name
 * @param number the leading digits
 */
public record MigrationName(String value, String number) implements Comparable<MigrationName> {

	private static final Pattern FILE_NAME = Pattern.compile("(\\d{4,})_([a-z0-9_]+)\\.sql");

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
		Matcher matcher = FILE_NAME.matcher(fileName);
		if (!matcher.matches()) {
			throw new MigrationFileException(location, 0, "'" + fileName + "' is not a valid migration file name: use "
					+ "NNNN_slug.sql (4 or more digits, an underscore, then lower-case letters, digits and underscores),"
					+ " e.g. 0001_create_users.sql");
		}
		return new MigrationName(fileName.substring(0, fileName.length() - 4), matcher.group(1));
	}

	/**
	 * Returns whether a name is a valid migration name (without {@code .sql}).
	 * @param name the candidate
	 * @return {@code true} if {@code name + ".sql"} is a valid file name
	 */
	public static boolean isValid(String name) {
		return FILE_NAME.matcher(name + ".sql").matches();
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
