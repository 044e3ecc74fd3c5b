package dev.forge.core.generate;

import java.util.Comparator;

import dev.forge.core.schema.Column;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.Table;

/**
 * Helpers to compare inspected schemas.
 */
public final class SchemaAssertions {

	private SchemaAssertions() {
	}

	/**
	 * Returns the schema with each table's columns ordered by name, since a column added
	 * back by a rollback lands at the end of its table.
	 * @param schema the inspected schema
	 * @return the comparable form
	 */
	public static Schema canonical(Schema schema) {
		return new Schema(schema.name(), schema.tables().stream().map(SchemaAssertions::canonical).toList());
	}

	private static Table canonical(Table table) {
		return table.withColumns(table.columns().stream().sorted(Comparator.comparing(Column::name)).toList());
	}

}
