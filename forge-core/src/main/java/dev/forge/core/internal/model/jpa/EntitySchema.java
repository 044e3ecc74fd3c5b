package dev.forge.core.internal.model.jpa;

import java.util.List;
import java.util.Map;

import dev.forge.core.schema.Sequence;
import dev.forge.core.schema.Table;

/**
 * What entities map to: their tables (with collection and join tables), the sequences of
 * their generators, and the table of each entity class.
 *
 * @param tables the tables
 * @param sequences the sequences, ordered by name
 * @param tableNames the table of each entity class
 */
public record EntitySchema(List<Table> tables, List<Sequence> sequences, Map<Class<?>, String> tableNames) {

	public EntitySchema {
		tables = List.copyOf(tables);
		sequences = List.copyOf(sequences);
		tableNames = Map.copyOf(tableNames);
	}

	/**
	 * Returns a table by name.
	 * @param name the table name
	 * @return the table
	 */
	public Table table(String name) {
		return this.tables.stream().filter((table) -> table.name().equals(name)).findFirst().orElseThrow();
	}

}
