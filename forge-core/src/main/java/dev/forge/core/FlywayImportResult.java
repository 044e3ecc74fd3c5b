package dev.forge.core;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Forge#importFlyway(List)} did: one FORGE file per applied versioned Flyway
 * migration, recorded as applied without running it.
 *
 * @param files the files written, in the order Flyway applied them
 * @param notImported the rows of {@code flyway_schema_history} that were not imported
 * (repeatable and Java migrations), by version or description and script
 * @author FORGE
 * @since 0.1.0
 */
public record FlywayImportResult(List<Path> files, List<String> notImported) {

	public FlywayImportResult {
		files = List.copyOf(files);
		notImported = List.copyOf(notImported);
	}

	/**
	 * Returns a summary for the user.
	 * @return the summary
	 */
	public String message() {
		String message = "Imported " + this.files.size() + " Flyway migration" + ((this.files.size() == 1) ? "" : "s")
				+ " as applied (none was run)"
				+ (this.files.isEmpty() ? "" : ": " + this.files.get(0).getFileName() + " to "
						+ this.files.get(this.files.size() - 1).getFileName());
		if (this.notImported.isEmpty()) {
			return message;
		}
		return message + ". Not imported: " + String.join(", ", this.notImported);
	}

}
