package dev.forge.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.forge.core.internal.script.SqlSplitter;
import dev.forge.core.internal.script.SqlStatement;
import dev.forge.core.internal.script.SqlSyntaxException;
import dev.forge.core.internal.script.Token;
import dev.forge.core.internal.script.TokenType;

/**
 * SQL split into statements the way FORGE splits migration files, each statement given by
 * its words: for tools that must judge SQL by what it does before it runs (the dashboard's
 * console), without a lexer of their own.
 */
public final class SqlStatementWords {

	/** The word that stands for a quoted identifier. */
	public static final String QUOTED_IDENTIFIER = "\"";

	private SqlStatementWords() {
	}

	/**
	 * Splits SQL into statements and returns the words of each statement that has any:
	 * keywords and plain identifiers in upper case, {@link #QUOTED_IDENTIFIER} for a quoted
	 * identifier; strings, dollar-quoted bodies, numbers, punctuation and comments are left
	 * out, and the semicolons inside a {@code BEGIN ATOMIC ... END} body do not end a
	 * statement.
	 * @param sql the SQL
	 * @return the words of each statement
	 * @throws IllegalArgumentException for SQL that cannot be split (an unterminated quote
	 * or comment), with the reason and line
	 */
	public static List<List<String>> of(String sql) {
		List<SqlStatement> statements;
		try {
			statements = SqlSplitter.split(sql);
		}
		catch (SqlSyntaxException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
		List<List<String>> result = new ArrayList<>();
		for (SqlStatement statement : statements) {
			List<String> words = new ArrayList<>();
			for (Token token : statement.significantTokens()) {
				if (token.type() == TokenType.WORD) {
					words.add(token.text().toUpperCase(Locale.ROOT));
				}
				else if (token.type() == TokenType.QUOTED_IDENTIFIER) {
					words.add(QUOTED_IDENTIFIER);
				}
			}
			if (!words.isEmpty()) {
				result.add(words);
			}
		}
		return result;
	}

}
