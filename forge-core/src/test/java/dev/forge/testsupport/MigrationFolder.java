package dev.forge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder of migration files written by a test.
 */
public final class MigrationFolder {

	private final Path directory;

	public MigrationFolder(Path directory) {
		this.directory = directory;
	}

	public Path directory() {
		return this.directory;
	}

	/**
	 * Returns the folder as a FORGE location.
	 * @return {@code filesystem:} and the path
	 */
	public String location() {
		return "filesystem:" + this.directory;
	}

	/**
	 * Writes (or overwrites) a file.
	 * @param fileName the file name
	 * @param content the content
	 * @return this folder
	 */
	public MigrationFolder write(String fileName, String content) {
		try {
			Files.writeString(this.directory.resolve(fileName), content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this;
	}

	/**
	 * Deletes a file.
	 * @param fileName the file name
	 * @return this folder
	 */
	public MigrationFolder delete(String fileName) {
		try {
			Files.delete(this.directory.resolve(fileName));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this;
	}

}
