package dev.forge.core;

import java.util.List;

/**
 * Applied migration files were edited after they ran. Nothing is applied until the files
 * are restored or {@code repair} accepts their new checksums.
 */
public class ChecksumMismatchException extends ForgeException {

	private final List<String> migrations;

	public ChecksumMismatchException(List<String> migrations, List<String> locations) {
		super("Applied migration file" + ((locations.size() > 1) ? "s were" : " was") + " changed after being applied: "
				+ String.join(", ", locations) + ". Restore the original content, or run 'migrate repair' to accept"
				+ " the new checksum" + ((locations.size() > 1) ? "s" : "") + ".");
		this.migrations = List.copyOf(migrations);
	}

	/**
	 * Returns the names of the changed migrations.
	 * @return the migration names
	 */
	public List<String> migrations() {
		return this.migrations;
	}

}
