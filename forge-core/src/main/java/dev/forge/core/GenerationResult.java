package dev.forge.core;

import java.nio.file.Path;
import java.util.List;

import dev.forge.core.internal.generate.MigrationGenerator;

/**
 * What a {@link MigrationGenerator#generate generate} call did: the files it wrote, in the
 * order they run, or nothing when the models match the database.
 *
 * @param scripts the generated migrations, in order
 * @param files the files written, in the same order
 * @author FORGE
 * @since 0.1.0
 */
public record GenerationResult(List<GeneratedMigration> scripts, List<Path> files) {

	public GenerationResult {
		scripts = List.copyOf(scripts);
		files = List.copyOf(files);
	}

	/**
	 * Returns whether any file was generated.
	 * @return {@code false} when there was nothing to change
	 */
	public boolean hasChanges() {
		return !this.scripts.isEmpty();
	}

	/**
	 * Returns a one-line summary for the user.
	 * @return the summary
	 */
	public String message() {
		if (!hasChanges()) {
			return "No changes: the database already matches the models; no migration was written";
		}
		return "Generated " + String.join(", ", this.scripts.stream().map(GeneratedMigration::fileName).toList());
	}

}
