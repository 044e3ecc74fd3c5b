package dev.forge.core.internal.generate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Set;

import dev.forge.core.internal.inspect.PostgresSchemaInspector;
import dev.forge.core.schema.Column;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.Table;
import dev.forge.testsupport.TestDatabase;

/**
 * Helpers to inspect and compare schemas.
 */
public final class SchemaAssertions {

	private SchemaAssertions() {
	}

	/**
	 * Inspects the {@code public} schema of a test database, as FORGE sees it.
	 * @param database the database
	 * @return the live schema, FORGE's history table left out
	 * @throws SQLException if no connection can be opened
	 */
	public static Schema inspect(TestDatabase database) throws SQLException {
		try (Connection connection = database.connect()) {
			return new PostgresSchemaInspector().inspect(connection, "public", Set.of("forge_migrations"));
		}
	}

	/**
	 * Returns the schema with each table's columns ordered by name, since a column added
	 * back by a rollback lands at the end of its table.
	 * @param schema the inspected schema
	 * @return the comparable form
	 */
	public static Schema canonical(Schema schema) {
		return new Schema(schema.name(), schema.tables().stream().map(SchemaAssertions::canonical).toList(),
				schema.sequences());
	}

	private static Table canonical(Table table) {
		return table.withColumns(table.columns().stream().sorted(Comparator.comparing(Column::name)).toList());
	}

}
