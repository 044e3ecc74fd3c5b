package dev.forge.core.internal.safety;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.forge.core.internal.script.SqlStatement;
import org.jspecify.annotations.Nullable;

/**
 * The current types of existing columns, so that a type change can be judged: from
 * {@code varchar(100)} to {@code text} changes only the catalog, from {@code integer} to
 * {@code bigint} rewrites the table. Usually read from the live database; a change whose old
 * type is not known is taken as a rewrite.
 */
@FunctionalInterface
public interface ColumnTypes {

	/**
	 * Returns a column's type as PostgreSQL's {@code format_type} spells it, e.g.
	 * {@code character varying(100)}.
	 * @param schema the table's schema, or {@code null} when the statement does not name one
	 * @param table the table's name
	 * @param column the column's name
	 * @return the type, if known
	 */
	Optional<String> typeOf(@Nullable String schema, String table, String column);

	/**
	 * Returns a source that knows no column.
	 * @return the empty source
	 */
	static ColumnTypes unknown() {
		return (schema, table, column) -> Optional.empty();
	}

	/**
	 * Returns a source backed by a map from {@code table.column} or
	 * {@code schema.table.column} (lower case unless quoted) to the column's type.
	 * @param types the types
	 * @return the source
	 */
	static ColumnTypes of(Map<String, String> types) {
		Map<String, String> copy = Map.copyOf(types);
		return (schema, table, column) -> {
			String qualified = (schema != null) ? copy.get(schema + "." + table + "." + column) : null;
			return Optional.ofNullable((qualified != null) ? qualified : copy.get(table + "." + column));
		};
	}

	/**
	 * Returns the types as they are after some statements ran: columns created or changed by
	 * their {@code CREATE TABLE}, {@code ADD COLUMN} and {@code ALTER COLUMN ... TYPE} take
	 * their new type, every other column is looked up here. Used to judge a pending migration
	 * against the earlier pending ones.
	 * @param statements the statements, in order
	 * @return the types after the statements
	 */
	default ColumnTypes after(List<SqlStatement> statements) {
		Map<String, String> learned = new HashMap<>();
		for (SqlStatement statement : statements) {
			// only CREATE TABLE and ALTER TABLE define columns: the others need not be read again
			String sql = statement.sql();
			if (sql.regionMatches(true, 0, "CREATE", 0, 6) || sql.regionMatches(true, 0, "ALTER", 0, 5)) {
				ColumnTypeLearner.learn(statement.significantTokens(), learned);
			}
		}
		if (learned.isEmpty()) {
			return this;
		}
		return new OverlaidColumnTypes(of(learned), this);
	}

	/**
	 * Returns the number of rows PostgreSQL estimates a table holds
	 * ({@code pg_class.reltuples}), to say how long a scan or rewrite holds its lock.
	 * @param schema the table's schema, or {@code null} when the statement does not name one
	 * @param table the table's name
	 * @return the estimate, empty when not known (no table, or never analysed or vacuumed)
	 */
	default OptionalLong estimatedRows(@Nullable String schema, String table) {
		return OptionalLong.empty();
	}

	/**
	 * Returns the number of rows the planner expects an {@code UPDATE} or {@code DELETE} to
	 * touch, from {@code EXPLAIN} without running it.
	 * @param sql the statement
	 * @return the estimate, empty when not known
	 */
	default OptionalLong plannedRows(String sql) {
		return OptionalLong.empty();
	}

	/**
	 * Returns the kind of a table's constraint as {@code pg_constraint.contype} spells it:
	 * {@code p} primary key, {@code u} unique, {@code f} foreign key, {@code c} check,
	 * {@code x} exclusion.
	 * @param schema the table's schema, or {@code null} when the statement does not name one
	 * @param table the table's name
	 * @param constraint the constraint's name
	 * @return the kind, if known
	 */
	default Optional<Character> constraintType(@Nullable String schema, String table, String constraint) {
		return Optional.empty();
	}

}
