package dev.forge.core.script;

import java.util.List;

/**
 * Splits PostgreSQL SQL into tokens without losing a character: the texts of the tokens,
 * joined, are the input.
 */
public final class SqlLexer {

	private SqlLexer() {
	}

	/**
	 * Tokenizes a script.
	 * @param sql the script
	 * @return every token, in order
	 * @throws SqlSyntaxException for an unterminated quote, identifier or comment, with the
	 * line where it opens
	 */
	public static List<Token> tokenize(String sql) {
		throw new UnsupportedOperationException("not implemented yet");
	}

}
