package dev.forge.core.internal.model.jpa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.forge.core.internal.model.ModelDefinitionException;
import dev.forge.core.internal.schema.Identifiers;
import dev.forge.core.schema.Check;
import dev.forge.core.schema.Column;
import dev.forge.core.schema.ForeignKey;
import dev.forge.core.schema.Index;
import dev.forge.core.schema.PrimaryKey;
import dev.forge.core.schema.Table;
import dev.forge.core.schema.Unique;
import org.jspecify.annotations.Nullable;

/**
 * Collects the parts of one table while its entity and the entities that point at it are
 * read. Remembers which class and field mapped each column, for error messages.
 */
final class TableBuilder {

	private final String name;

	private final Class<?> owner;

	private final Map<String, Column> columns = new LinkedHashMap<>();

	private final Map<String, String> mappedBy = new LinkedHashMap<>();

	private final List<String> keyColumns = new ArrayList<>();

	private final List<Unique> uniques = new ArrayList<>();

	private final List<Index> indexes = new ArrayList<>();

	private final List<ForeignKey> foreignKeys = new ArrayList<>();

	private final List<Check> checks = new ArrayList<>();

	private @Nullable String renamedFrom;

	TableBuilder(String name, Class<?> owner) {
		this.name = name;
		this.owner = owner;
	}

	String name() {
		return this.name;
	}

	Class<?> owner() {
		return this.owner;
	}

	/**
	 * Adds a column.
	 * @param column the column
	 * @param mappedClass the class that maps it, for messages
	 * @param field the field that maps it, for messages
	 */
	void addColumn(Column column, Class<?> mappedClass, String field) {
		String previous = this.mappedBy.putIfAbsent(column.name(), mappedClass.getName() + "." + field);
		if (previous != null) {
			throw new ModelDefinitionException(mappedClass, field,
					"column '" + column.name() + "' of table '" + this.name + "' is already mapped by " + previous
							+ "; give one of them another @Column(name = ...) or @JoinColumn(name = ...)");
		}
		this.columns.put(column.name(), column);
	}

	boolean hasColumn(String column) {
		return this.columns.containsKey(column);
	}

	Column column(String column) {
		return this.columns.get(column);
	}

	List<String> columnNames() {
		return List.copyOf(this.columns.keySet());
	}

	void primaryKey(List<String> columns) {
		this.keyColumns.addAll(columns);
	}

	void unique(@Nullable String constraintName, List<String> columns) {
		boolean known = this.uniques.stream().anyMatch((unique) -> unique.columns().equals(columns));
		if (!known) {
			this.uniques.add(new Unique((constraintName != null) ? constraintName
					: Identifiers.name(this.name, columns, "key"), columns));
		}
	}

	void index(@Nullable String indexName, List<String> columns) {
		this.indexes.add(new Index((indexName != null) ? indexName : Identifiers.name(this.name, columns, "idx"),
				columns, false));
	}

	void foreignKey(List<String> columns, String referencedTable, List<String> referencedColumns) {
		this.foreignKeys.add(new ForeignKey(Identifiers.name(this.name, columns, "fkey"), columns, referencedTable,
				referencedColumns));
	}

	void check(String column, String expression) {
		this.checks.add(new Check(Identifiers.name(this.name, List.of(column), "check"), expression, true));
	}

	void renamedFrom(@Nullable String previousName) {
		this.renamedFrom = previousName;
	}

	Table build() {
		PrimaryKey primaryKey = this.keyColumns.isEmpty() ? null
				: new PrimaryKey(Identifiers.name(this.name, List.of(), "pkey"), this.keyColumns);
		return new Table(this.name, List.copyOf(this.columns.values()), primaryKey, this.uniques, this.indexes,
				this.foreignKeys, this.checks, this.renamedFrom);
	}

}
