package dev.forge.core.schema;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The ordered changes that turn the live schema into the one the models describe, plus
 * what the differ could only guess.
 *
 * @param changes the changes, in the order they must run
 * @param possibleRenames drop-and-add pairs that may be meant as renames
 * @param actual the live schema the changes apply to, for generators that need the
 * definitions behind a change (such as the type of a renamed column); {@code null} when not
 * known
 * @author FORGE
 * @since 0.1.0
 */
public record SchemaDiff(List<SchemaChange> changes, List<PossibleRename> possibleRenames, @Nullable Schema actual) {

	public SchemaDiff {
		changes = List.copyOf(changes);
		possibleRenames = List.copyOf(possibleRenames);
	}

	/**
	 * Creates a diff without the live schema.
	 * @param changes the changes, in the order they must run
	 * @param possibleRenames drop-and-add pairs that may be meant as renames
	 */
	public SchemaDiff(List<SchemaChange> changes, List<PossibleRename> possibleRenames) {
		this(changes, possibleRenames, null);
	}

	/**
	 * Returns whether there is nothing to change.
	 * @return {@code true} if the schemas match
	 */
	public boolean isEmpty() {
		return this.changes.isEmpty();
	}

}
