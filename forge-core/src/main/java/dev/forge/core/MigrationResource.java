package dev.forge.core;

import java.io.IOException;

/**
 * One migration file, wherever it is stored.
 */
public interface MigrationResource {

	/**
	 * Returns the file name, e.g. {@code 0001_initial.sql}.
	 * @return the file name
	 */
	String fileName();

	/**
	 * Returns a description of where the file is, used in messages.
	 * @return a path or URL
	 */
	String location();

	/**
	 * Reads the whole file as UTF-8.
	 * @return the content
	 * @throws IOException if the file cannot be read
	 */
	String read() throws IOException;

}
