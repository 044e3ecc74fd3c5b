package dev.forge.core.internal.migration;

import java.util.List;

import dev.forge.core.internal.script.SqlStatement;
import dev.forge.core.internal.script.Token;
import dev.forge.core.internal.script.TokenType;
import org.jspecify.annotations.Nullable;

/**
 * Recognises {@code SET [LOCAL|SESSION] lock_timeout = '10s'} (or {@code TO}) as the first
 * statement of an Up section.
 */
final class LeadingLockTimeout {

	private LeadingLockTimeout() {
	}

	/**
	 * Returns the value token of a {@code SET lock_timeout} statement.
	 * @return the token, or {@code null} when the statement sets something else, or
	 * {@code DEFAULT}
	 */
	static @Nullable Token valueOf(SqlStatement statement) {
		List<Token> tokens = statement.significantTokens();
		int index = 0;
		if (tokens.size() < 4 || !tokens.get(index++).is("SET")) {
			return null;
		}
		if (tokens.get(index).is("LOCAL") || tokens.get(index).is("SESSION")) {
			index++;
		}
		if (tokens.size() != index + 3 || !tokens.get(index).is("lock_timeout")) {
			return null;
		}
		Token assign = tokens.get(index + 1);
		if (!assign.is("TO") && !assign.text().equals("=")) {
			return null;
		}
		Token value = tokens.get(index + 2);
		return value.is("DEFAULT") ? null : value;
	}

	/** Returns the value of a token from {@link #valueOf}, without the quotes of a string. */
	static String text(Token value) {
		return (value.type() == TokenType.STRING) ? value.text().substring(1, value.text().length() - 1)
				: value.text();
	}

}
