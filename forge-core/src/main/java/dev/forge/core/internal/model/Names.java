package dev.forge.core.internal.model;

import java.util.Locale;

/**
 * Derives table and column names from Java names.
 */
final class Names {

	private Names() {
	}

	/**
	 * Returns the snake_case form: {@code ownerId} becomes {@code owner_id},
	 * {@code HTTPServer} becomes {@code http_server}.
	 */
	static String snakeCase(String javaName) {
		return javaName.replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
			.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
			.toLowerCase(Locale.ROOT);
	}

	/**
	 * Returns the table name of a class: snake_case, plural ({@code Category} becomes
	 * {@code categories}, {@code Address} becomes {@code addresses}).
	 */
	static String tableName(String simpleClassName) {
		return plural(snakeCase(simpleClassName));
	}

	static String plural(String word) {
		if (word.matches(".*[^aeiou]y")) {
			return word.substring(0, word.length() - 1) + "ies";
		}
		if (word.matches(".*(s|x|z|ch|sh)")) {
			return word + "es";
		}
		return word + "s";
	}

}
