package dev.forge.core;

import org.jspecify.annotations.Nullable;

/**
 * A statement of a migration failed. The message names the migration, the file and line,
 * PostgreSQL's message and what happened to the migration's changes.
 */
public class MigrationFailedException extends ForgeException {

	private final String migration;

	private final int line;

	private final @Nullable String sqlState;

	public MigrationFailedException(String message, String migration, int line, @Nullable String sqlState,
			Throwable cause) {
		super(message, cause);
		this.migration = migration;
		this.line = line;
		this.sqlState = sqlState;
	}

	/**
	 * Returns the name of the migration that failed.
	 * @return the migration's name
	 */
	public String migration() {
		return this.migration;
	}

	/**
	 * Returns the 1-based line in the migration file where the failing statement (or, when
	 * PostgreSQL reports a position, the failing token) is.
	 * @return the line
	 */
	public int line() {
		return this.line;
	}

	/**
	 * Returns PostgreSQL's SQLSTATE code, e.g. {@code 42701} for a duplicate column.
	 * @return the SQLSTATE, or {@code null} when the failure did not come from the server
	 */
	public @Nullable String sqlState() {
		return this.sqlState;
	}

}
