package dev.forge.core.schema;

import java.util.List;

/**
 * A foreign key constraint.
 *
 * @param name the constraint name
 * @param columns the referencing columns
 * @param referencedTable the referenced table (schema-qualified when in another schema)
 * @param referencedColumns the referenced columns
 * @param valid whether the constraint has been validated; {@code false} for one added
 * {@code NOT VALID} and not validated yet
 * @author FORGE
 * @since 0.1.0
 */
public record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns,
		boolean valid) {

	public ForeignKey {
		columns = List.copyOf(columns);
		referencedColumns = List.copyOf(referencedColumns);
	}

	/**
	 * Creates a validated foreign key.
	 * @param name the name
	 * @param columns the referencing columns
	 * @param referencedTable the referenced table
	 * @param referencedColumns the referenced columns
	 */
	public ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns) {
		this(name, columns, referencedTable, referencedColumns, true);
	}

	/**
	 * Returns whether the other key references the same columns from the same columns,
	 * whatever its name and validity.
	 * @param other the other key
	 * @return {@code true} if only name or validity may differ
	 */
	public boolean sameDefinition(ForeignKey other) {
		return this.columns.equals(other.columns) && this.referencedTable.equals(other.referencedTable)
				&& this.referencedColumns.equals(other.referencedColumns);
	}

}
