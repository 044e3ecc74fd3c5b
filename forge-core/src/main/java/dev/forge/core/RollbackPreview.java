package dev.forge.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What {@link Forge#rollback()} would do now: the most recently applied migration, the
 * statements of its {@code -- Down} section, and the data they drop. Nothing is run to make
 * it.
 *
 * @param name the migration that would be rolled back
 * @param appliedAt when it was applied
 * @param location where its file is, or {@code null} when the file is missing
 * @param hasDown whether its file has a {@code -- Down} section
 * @param down the statements of its Down section, in order
 * @param dataLoss what the Down section drops, one line each, e.g.
 * {@code DROP TABLE notes (line 12): DROP TABLE notes}
 */
public record RollbackPreview(String name, Instant appliedAt, @Nullable String location, boolean hasDown,
		List<PlannedStatement> down, List<String> dataLoss) {

	/**
	 * Creates a preview.
	 * @param name the migration
	 * @param appliedAt when it was applied
	 * @param location its file, or {@code null}
	 * @param hasDown whether it has a Down section
	 * @param down the Down statements
	 * @param dataLoss what they drop
	 */
	public RollbackPreview {
		down = List.copyOf(down);
		dataLoss = List.copyOf(dataLoss);
	}

	/**
	 * Says why the migration cannot be rolled back by FORGE, and what to do instead.
	 * @return the reason, empty when it can be rolled back
	 */
	public Optional<String> problem() {
		if (this.location == null) {
			return Optional.of("Cannot roll back " + this.name + ": its file is missing. Restore the file, or undo its"
					+ " changes by hand and run 'migrate mark-rolled-back " + this.name + "'.");
		}
		if (!this.hasDown) {
			return Optional.of("Cannot roll back " + this.name + ": " + this.location + " has no '-- Down' section."
					+ " Write the rollback SQL, run it by hand, then run 'migrate mark-rolled-back " + this.name
					+ "'.");
		}
		return Optional.empty();
	}

	/**
	 * Returns the headline of the data-loss warning, to stand above {@link #dataLoss()}.
	 * @return the warning, empty when the Down section drops nothing
	 */
	public Optional<String> warning() {
		return this.dataLoss.isEmpty() ? Optional.empty() : Optional.of("Rolling back " + this.name
				+ " drops data, which does not come back when the migration is applied again:");
	}

	/**
	 * Returns the warnings a rollback gives: one per statement of the Down section that
	 * drops data, which does not come back when the migration is applied again.
	 * @return the warnings, empty when nothing is dropped
	 */
	public List<String> warnings() {
		return this.dataLoss.stream().map((loss) -> "Rolling back " + this.name + " drops data: " + loss).toList();
	}

}
