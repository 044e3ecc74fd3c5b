package dev.forge.core;

/**
 * A migration file that cannot be used: a name that does not fit {@code NNNN_slug.sql}, an
 * unknown directive, or SQL that cannot be split. The message starts with
 * {@code location:line:}.
 */
public class MigrationFileException extends ForgeException {

	private final String location;

	private final int line;

	public MigrationFileException(String location, int line, String problem) {
		super(location + ((line > 0) ? ":" + line : "") + ": " + problem);
		this.location = location;
		this.line = line;
	}

	/**
	 * Returns where the file is, as a path or URL.
	 * @return the file's location
	 */
	public String location() {
		return this.location;
	}

	/**
	 * Returns the 1-based line of the problem, or 0 when it concerns the whole file.
	 * @return the line
	 */
	public int line() {
		return this.line;
	}

}
