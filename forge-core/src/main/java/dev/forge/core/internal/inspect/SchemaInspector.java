package dev.forge.core.internal.inspect;

import java.sql.Connection;
import java.util.Set;

import dev.forge.core.schema.Schema;

/**
 * Reads the live schema of a database.
 *
 * @author FORGE
 * @since 0.1.0
 * @see PostgresSchemaInspector
 */
@FunctionalInterface
public interface SchemaInspector {

	/**
	 * The table FORGE records applied migrations in, unless configured otherwise.
	 */
	String DEFAULT_HISTORY_TABLE = "forge_migrations";

	/**
	 * Reads the tables of one schema with everything FORGE manages: columns, types,
	 * defaults, nullability, identity, keys, unique constraints, indexes, foreign keys and
	 * checks; and the sequences that no identity column owns.
	 * @param connection an open connection; it is neither closed nor committed
	 * @param schema the schema to read, such as {@code public}
	 * @param excludedTables tables to leave out, such as FORGE's own history table, with
	 * the sequences they own
	 * @return the schema, tables and their indexes and constraints ordered by name
	 * @throws InspectionException if the catalogs cannot be read
	 */
	Schema inspect(Connection connection, String schema, Set<String> excludedTables);

}
