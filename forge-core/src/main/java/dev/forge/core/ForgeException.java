package dev.forge.core;

import java.util.List;

/**
 * Base class of every error FORGE reports. Messages are meant for the user: they name
 * the file, line, table or setting involved and, where there is one, the next step.
 */
public class ForgeException extends RuntimeException {

	// not serialized: MigrationExecution is not Serializable
	private transient List<MigrationExecution> completed = List.of();

	public ForgeException(String message) {
		super(message);
	}

	public ForgeException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Returns the migrations that the run which failed with this exception applied (or, for
	 * {@link Forge#rollback()} and {@link Forge#rollbackTo(String)}, rolled back) before it
	 * failed, in the order it ran them. Their changes are committed and their history rows
	 * written (or removed); the migration that failed is not among them.
	 * @return the completed migrations, empty when the run completed none or the exception
	 * did not end a run
	 */
	public List<MigrationExecution> completed() {
		return (this.completed != null) ? this.completed : List.of();
	}

	/**
	 * Records what the run that ends with this exception completed. Called once, by
	 * {@link Forge}, as the exception leaves it; the message and type stay as they are.
	 */
	void attachCompleted(List<MigrationExecution> completed) {
		if (completed().isEmpty()) {
			this.completed = List.copyOf(completed);
		}
	}

}
