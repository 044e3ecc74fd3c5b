package dev.forge.core.internal.model.jpa;

import java.util.Locale;

/**
 * The physical names Spring Boot gives through Hibernate's
 * {@code CamelCaseToUnderscoresNamingStrategy}: dots become underscores, an underscore goes
 * before each upper-case letter that follows a lower-case letter or digit and precedes
 * another one, and the result is lower case. Explicit names are converted too; quoted ones
 * ({@code "Name"} or {@code `Name`}) are kept as written.
 */
final class JpaNames {

	private JpaNames() {
	}

	static String physical(String logicalName) {
		if (logicalName.length() > 1 && ((logicalName.startsWith("\"") && logicalName.endsWith("\""))
				|| (logicalName.startsWith("`") && logicalName.endsWith("`")))) {
			return logicalName.substring(1, logicalName.length() - 1);
		}
		StringBuilder name = new StringBuilder(logicalName.replace('.', '_'));
		for (int i = 1; i < name.length() - 1; i++) {
			if (underscoreRequired(name.charAt(i - 1), name.charAt(i), name.charAt(i + 1))) {
				name.insert(i++, '_');
			}
		}
		return name.toString().toLowerCase(Locale.ROOT);
	}

	private static boolean underscoreRequired(char before, char current, char after) {
		return (Character.isLowerCase(before) || Character.isDigit(before)) && Character.isUpperCase(current)
				&& (Character.isLowerCase(after) || Character.isDigit(after));
	}

}
