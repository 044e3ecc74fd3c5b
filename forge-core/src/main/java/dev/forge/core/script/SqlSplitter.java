package dev.forge.core.script;

import java.util.List;

/**
 * Splits a script into statements at top-level semicolons.
 */
public final class SqlSplitter {

	private SqlSplitter() {
	}

	/**
	 * Splits a script whose first line is line 1.
	 * @param script the script
	 * @return the statements; joined, their {@link SqlStatement#text() texts} are the script
	 */
	public static List<SqlStatement> split(String script) {
		return split(script, 1);
	}

	/**
	 * Splits a script that starts on the given line of a larger file, so that line numbers
	 * refer to that file.
	 * @param script the script
	 * @param firstLine the 1-based line of the file on which the script starts
	 * @return the statements; joined, their {@link SqlStatement#text() texts} are the script
	 * @throws SqlSyntaxException for an unterminated quote, identifier or comment
	 */
	public static List<SqlStatement> split(String script, int firstLine) {
		throw new UnsupportedOperationException("not implemented yet");
	}

}
