package dev.forge.core.diff;

import java.util.List;

/**
 * The ordered changes that turn the live schema into the one the models describe, plus
 * what the differ could only guess.
 *
 * @param changes the changes, in the order they must run
 * @param possibleRenames drop-and-add pairs that may be meant as renames
 * @author FORGE
 * @since 0.1.0
 */
public record SchemaDiff(List<SchemaChange> changes, List<PossibleRename> possibleRenames) {

	public SchemaDiff {
		changes = List.copyOf(changes);
		possibleRenames = List.copyOf(possibleRenames);
	}

	/**
	 * Returns whether there is nothing to change.
	 * @return {@code true} if the schemas match
	 */
	public boolean isEmpty() {
		return this.changes.isEmpty();
	}

}
