package dev.forge.core.internal.schema;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Compares column defaults as written in a model with those PostgreSQL prints back, which
 * adds casts ({@code 'open'::text}, {@code '-1'::integer}) and changes case.
 *
 * @author FORGE
 * @since 0.1.0
 */
public final class DefaultValues {

	private static final Pattern TRAILING_CAST = Pattern
		.compile("::\\s*(?:\"[^\"]+\"|[a-z_][a-z0-9_ ]*)(?:\\(\\d+(?:,\\s*\\d+)?\\))?(?:\\[\\])*\\s*$",
				Pattern.CASE_INSENSITIVE);

	private static final Pattern QUOTED_NUMBER = Pattern.compile("'(-?\\d+(?:\\.\\d+)?)'");

	private DefaultValues() {
	}

	/**
	 * Returns whether two default expressions mean the same.
	 * @param first a default, or {@code null} for none
	 * @param second a default, or {@code null} for none
	 * @return {@code true} if both are absent or equivalent
	 */
	public static boolean equivalent(@Nullable String first, @Nullable String second) {
		return Objects.equals(normalize(first), normalize(second));
	}

	/**
	 * Returns a default in a canonical form: casts and redundant parentheses removed, and
	 * lower case outside string literals.
	 * @param expression the default, or {@code null}
	 * @return the canonical form, or {@code null}
	 */
	public static @Nullable String normalize(@Nullable String expression) {
		if (expression == null) {
			return null;
		}
		String result = expression.strip();
		String previous;
		do {
			previous = result;
			result = TRAILING_CAST.matcher(result).replaceFirst("").strip();
			if (result.startsWith("(") && result.endsWith(")") && enclosed(result)) {
				result = result.substring(1, result.length() - 1).strip();
			}
		}
		while (!result.equals(previous));
		result = QUOTED_NUMBER.matcher(result).matches() ? result.substring(1, result.length() - 1) : result;
		return result.contains("'") ? result : result.toLowerCase(Locale.ROOT);
	}

	private static boolean enclosed(String expression) {
		int depth = 0;
		for (int i = 0; i < expression.length(); i++) {
			char c = expression.charAt(i);
			depth += (c == '(') ? 1 : (c == ')') ? -1 : 0;
			if (depth == 0 && i < expression.length() - 1) {
				return false;
			}
		}
		return true;
	}

}
