package dev.forge.core;

/**
 * Base class of every error FORGE reports. Messages are meant for the user: they name
 * the file, line, table or setting involved and, where there is one, the next step.
 */
public class ForgeException extends RuntimeException {

	public ForgeException(String message) {
		super(message);
	}

	public ForgeException(String message, Throwable cause) {
		super(message, cause);
	}

}
