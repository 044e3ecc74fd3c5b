package dev.forge.core;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Forge#baseline(String)} did: the one file that recreates the schema, recorded
 * as applied without running it.
 *
 * @param name the migration's name
 * @param file the file written
 * @param notWritten the objects of the schema that no migration file recreates, by name
 * (also listed in the file's header); empty when the file recreates everything
 * @author FORGE
 * @since 0.1.0
 */
public record BaselineResult(String name, Path file, List<String> notWritten) {

	public BaselineResult {
		notWritten = List.copyOf(notWritten);
	}

	/**
	 * Returns a summary for the user: the file, and what it does not recreate.
	 * @return the summary
	 */
	public String message() {
		String message = "Wrote the baseline " + this.file + " and recorded " + this.name
				+ " as applied (it was not run)";
		if (this.notWritten.isEmpty()) {
			return message;
		}
		return message + ". Not in the file (recreate by hand on a new database): "
				+ String.join(", ", this.notWritten);
	}

}
