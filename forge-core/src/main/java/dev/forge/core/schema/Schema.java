package dev.forge.core.schema;

import java.util.List;
import java.util.Optional;

/**
 * The tables of one PostgreSQL schema (namespace).
 *
 * @param name the schema name, such as {@code public}
 * @param tables the tables, ordered by name when read from the database
 * @author FORGE
 * @since 0.1.0
 */
public record Schema(String name, List<Table> tables) {

	public Schema {
		tables = List.copyOf(tables);
	}

	/**
	 * Returns the table with the given name.
	 * @param tableName the table name
	 * @return the table, if any
	 */
	public Optional<Table> table(String tableName) {
		return this.tables.stream().filter((table) -> table.name().equals(tableName)).findFirst();
	}

}
