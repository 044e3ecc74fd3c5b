package dev.forge.core.internal.script;

import dev.forge.core.ForgeException;

/**
 * A script that cannot be split into statements, such as one with an unterminated quote
 * or comment. The line is where the offending construct opens.
 */
public class SqlSyntaxException extends ForgeException {

	private final int line;

	public SqlSyntaxException(String message, int line) {
		super(message);
		this.line = line;
	}

	/**
	 * Returns the 1-based line where the problem starts.
	 * @return the line
	 */
	public int line() {
		return this.line;
	}

}
