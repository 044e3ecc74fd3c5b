package dev.forge.core.schema;

import org.jspecify.annotations.Nullable;

/**
 * A column of a table.
 *
 * @param name the column name
 * @param type the column type
 * @param nullable whether the column accepts {@code NULL}
 * @param defaultValue the SQL expression of the default, or {@code null} for none
 * @param renamedFrom the name the column had before, when a model says so; {@code null} for
 * columns read from the database
 * @author FORGE
 * @since 0.1.0
 */
public record Column(String name, ColumnType type, boolean nullable, @Nullable String defaultValue,
		@Nullable String renamedFrom) {

	/**
	 * Creates a column without a rename hint.
	 * @param name the column name
	 * @param type the column type
	 * @param nullable whether the column accepts {@code NULL}
	 * @param defaultValue the SQL default, or {@code null}
	 */
	public Column(String name, ColumnType type, boolean nullable, @Nullable String defaultValue) {
		this(name, type, nullable, defaultValue, null);
	}

	/**
	 * Returns this column under another name.
	 * @param newName the name
	 * @return the renamed column, without a rename hint
	 */
	public Column withName(String newName) {
		return new Column(newName, this.type, this.nullable, this.defaultValue, null);
	}

	/**
	 * Returns this column without its rename hint.
	 * @return the column
	 */
	public Column withoutRenameHint() {
		return (this.renamedFrom != null) ? withName(this.name) : this;
	}

}
