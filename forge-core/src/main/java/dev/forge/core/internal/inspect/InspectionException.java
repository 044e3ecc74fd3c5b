package dev.forge.core.internal.inspect;

import java.sql.SQLException;

import dev.forge.core.ForgeException;

/**
 * Thrown when the live schema cannot be read.
 *
 * @author FORGE
 * @since 0.1.0
 */
public class InspectionException extends ForgeException {

	/**
	 * Creates an exception.
	 * @param schema the schema being read
	 * @param cause the database error
	 */
	public InspectionException(String schema, SQLException cause) {
		super("Could not read schema '" + schema + "' from the PostgreSQL catalogs: " + cause.getMessage(), cause);
	}

}
