package dev.forge.core;

/**
 * A migration gave up waiting for a table lock after {@code lock_timeout} (and any
 * configured retries), so that it did not queue every other query on that table behind it.
 */
public class LockTimeoutException extends MigrationFailedException {

	public LockTimeoutException(String message, String migration, int line, String sqlState, Throwable cause) {
		super(message, migration, line, sqlState, cause);
	}

}
