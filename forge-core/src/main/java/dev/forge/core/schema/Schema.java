package dev.forge.core.schema;

import java.util.List;
import java.util.Optional;

/**
 * The tables of one PostgreSQL schema (namespace).
 *
 * @param name the schema name, such as {@code public}
 * @param tables the tables, ordered by name when read from the database
 * @param sequences the sequences that no identity column owns, ordered by name when read from
 * the database
 * @author FORGE
 * @since 0.1.0
 */
public record Schema(String name, List<Table> tables, List<Sequence> sequences) {

	public Schema {
		tables = List.copyOf(tables);
		sequences = List.copyOf(sequences);
	}

	/**
	 * Creates a schema without sequences.
	 * @param name the schema name
	 * @param tables the tables
	 */
	public Schema(String name, List<Table> tables) {
		this(name, tables, List.of());
	}

	/**
	 * Returns the sequence with the given name.
	 * @param sequenceName the sequence name
	 * @return the sequence, if any
	 */
	public Optional<Sequence> sequence(String sequenceName) {
		return this.sequences.stream().filter((sequence) -> sequence.name().equals(sequenceName)).findFirst();
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
