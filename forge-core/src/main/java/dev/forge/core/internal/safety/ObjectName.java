package dev.forge.core.internal.safety;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A possibly schema-qualified name of a table, index or type, with identifiers folded the
 * way PostgreSQL folds them: unquoted ones to lower case, quoted ones as written.
 *
 * @param schema the schema, or {@code null} when the name is not qualified
 * @param name the object's own name
 */
record ObjectName(@Nullable String schema, String name) {

	/**
	 * Returns whether both names can denote the same object: the same name, and the same
	 * schema where both give one.
	 */
	boolean sameAs(ObjectName other) {
		return this.name.equals(other.name)
				&& (this.schema == null || other.schema == null || Objects.equals(this.schema, other.schema));
	}

	/** Returns the name in the same schema as this one. */
	ObjectName sibling(String name) {
		return new ObjectName(this.schema, name);
	}

	@Override
	public String toString() {
		return (this.schema != null) ? this.schema + "." + this.name : this.name;
	}

}
