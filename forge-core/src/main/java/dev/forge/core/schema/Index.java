package dev.forge.core.schema;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An index that does not back a primary key or unique constraint.
 *
 * @param name the index name
 * @param columns the indexed columns, or expressions, in order
 * @param unique whether the index is unique
 * @param method the access method, such as {@code btree} or {@code gin}
 * @param predicate the {@code WHERE} clause of a partial index, or {@code null}
 * @param valid whether PostgreSQL can use the index; {@code false} after a failed
 * {@code CREATE INDEX CONCURRENTLY}
 * @author FORGE
 * @since 0.1.0
 */
public record Index(String name, List<String> columns, boolean unique, String method, @Nullable String predicate,
		boolean valid) {

	/** The default access method. */
	public static final String BTREE = "btree";

	public Index {
		columns = List.copyOf(columns);
	}

	/**
	 * Creates a valid B-tree index.
	 * @param name the name
	 * @param columns the columns
	 * @param unique whether it is unique
	 */
	public Index(String name, List<String> columns, boolean unique) {
		this(name, columns, unique, BTREE, null, true);
	}

	/**
	 * Returns whether the other index indexes the same thing in the same way, whatever
	 * its name.
	 * @param other the other index
	 * @return {@code true} if only the names may differ
	 */
	public boolean sameDefinition(Index other) {
		return this.columns.equals(other.columns) && this.unique == other.unique && this.method.equals(other.method)
				&& Objects.equals(this.predicate, other.predicate);
	}

}
