package dev.forge.core.schema;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A table with its columns, keys, indexes and constraints.
 *
 * @param name the table name
 * @param columns the columns, in order
 * @param primaryKey the primary key, or {@code null}
 * @param uniques the unique constraints
 * @param indexes the indexes that back no constraint
 * @param foreignKeys the foreign keys
 * @param checks the check constraints
 * @param renamedFrom the name the table had before, when a model says so; {@code null} for
 * tables read from the database
 * @author FORGE
 * @since 0.1.0
 */
public record Table(String name, List<Column> columns, @Nullable PrimaryKey primaryKey, List<Unique> uniques,
		List<Index> indexes, List<ForeignKey> foreignKeys, List<Check> checks, @Nullable String renamedFrom) {

	public Table {
		columns = List.copyOf(columns);
		uniques = List.copyOf(uniques);
		indexes = List.copyOf(indexes);
		foreignKeys = List.copyOf(foreignKeys);
		checks = List.copyOf(checks);
	}

	/**
	 * Returns the column with the given name.
	 * @param columnName the column name
	 * @return the column, if any
	 */
	public Optional<Column> column(String columnName) {
		return this.columns.stream().filter((column) -> column.name().equals(columnName)).findFirst();
	}

	/**
	 * Returns a copy with other columns.
	 * @param newColumns the columns
	 * @return the table
	 */
	public Table withColumns(List<Column> newColumns) {
		return new Table(this.name, newColumns, this.primaryKey, this.uniques, this.indexes, this.foreignKeys,
				this.checks, this.renamedFrom);
	}

	/**
	 * Returns a copy with other foreign keys.
	 * @param newForeignKeys the foreign keys
	 * @return the table
	 */
	public Table withForeignKeys(List<ForeignKey> newForeignKeys) {
		return new Table(this.name, this.columns, this.primaryKey, this.uniques, this.indexes, newForeignKeys,
				this.checks, this.renamedFrom);
	}

	/**
	 * Returns a copy with other indexes.
	 * @param newIndexes the indexes
	 * @return the table
	 */
	public Table withIndexes(List<Index> newIndexes) {
		return new Table(this.name, this.columns, this.primaryKey, this.uniques, newIndexes, this.foreignKeys,
				this.checks, this.renamedFrom);
	}

	/**
	 * Returns a copy without rename hints on the table or its columns.
	 * @return the table
	 */
	public Table withoutRenameHints() {
		return new Table(this.name, this.columns.stream().map(Column::withoutRenameHint).toList(), this.primaryKey,
				this.uniques, this.indexes, this.foreignKeys, this.checks, null);
	}

}
