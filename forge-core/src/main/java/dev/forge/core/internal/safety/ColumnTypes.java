package dev.forge.core.internal.safety;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import dev.forge.core.internal.script.SqlStatement;
import org.jspecify.annotations.Nullable;

/**
 * The current types of existing columns, so that a type change can be judged: from
 * {@code varchar(100)} to {@code text} changes only the catalog, from {@code integer} to
 * {@code bigint} rewrites the table. Usually read from the live database; a change whose old
 * type is not known is taken as a rewrite.
 * <p>
 * The live database knows more that changes what PostgreSQL does, and the analysis asks
 * for it through the default methods, which know nothing: how volatile a function is,
 * which casts are binary-coercible, a table's columns and its {@code IS NOT NULL} checks.
 */
@FunctionalInterface
public interface ColumnTypes {

	/**
	 * Returns how volatile a function is, as {@code pg_proc.provolatile} says: {@code 'i'}
	 * (immutable), {@code 's'} (stable) or {@code 'v'} (volatile); the most volatile of its
	 * overloads on the search path.
	 * @param schema the function's schema, or {@code null} when the call does not name one
	 * @param function the function's name
	 * @return the volatility, if the function is known
	 */
	default Optional<Character> volatility(@Nullable String schema, String function) {
		return Optional.empty();
	}

	/**
	 * Returns whether {@code pg_cast} holds a binary-coercible cast (or the types are the
	 * same), so that PostgreSQL changes the type without touching a row.
	 * @param fromType the old type, e.g. {@code varchar}
	 * @param toType the new type, e.g. {@code text}
	 * @return whether the change is binary-coercible, if the types are known
	 */
	default Optional<Boolean> binaryCoercible(String fromType, String toType) {
		return Optional.empty();
	}

	/**
	 * Returns the columns of a table, in order, each with its type as {@link #typeOf}
	 * spells it.
	 * @param schema the table's schema, or {@code null} when the statement does not name one
	 * @param table the table's name
	 * @return the columns, if the table is known
	 */
	default Optional<Map<String, String>> columns(@Nullable String schema, String table) {
		return Optional.empty();
	}

	/**
	 * Returns whether a column is declared {@code NOT NULL} ({@code pg_attribute.attnotnull}).
	 * @param schema the table's schema, or {@code null} when the statement does not name one
	 * @param table the table's name
	 * @param column the column's name
	 * @return whether the column is {@code NOT NULL}, if the column is known
	 */
	default Optional<Boolean> notNull(@Nullable String schema, String table, String column) {
		return Optional.empty();
	}

	/**
	 * Returns the {@code CHECK (column IS NOT NULL)} constraints of a table, valid or not.
	 * A valid one lets PostgreSQL 12+ {@code SET NOT NULL} without scanning the table.
	 * @param schema the table's schema, or {@code null} when the statement does not name one
	 * @param table the table's name
	 * @return the constraints; empty when none or not known
	 */
	default List<NotNullCheck> notNullChecks(@Nullable String schema, String table) {
		return List.of();
	}

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
		return new ColumnTypes() {

			@Override
			public Optional<String> typeOf(@Nullable String schema, String table, String column) {
				String qualified = (schema != null) ? copy.get(schema + "." + table + "." + column) : null;
				return Optional.ofNullable((qualified != null) ? qualified : copy.get(table + "." + column));
			}

			@Override
			public Optional<Map<String, String>> columns(@Nullable String schema, String table) {
				Map<String, String> columns = new TreeMap<>();
				copy.forEach((key, type) -> {
					if (key.startsWith(table + ".") && key.indexOf('.', table.length() + 1) < 0) {
						columns.put(key.substring(table.length() + 1), type);
					}
				});
				return columns.isEmpty() ? Optional.empty() : Optional.of(columns);
			}

		};
	}

	/**
	 * Returns the types as they are after some statements ran: columns created or changed by
	 * their {@code CREATE TABLE}, {@code ADD COLUMN} and {@code ALTER COLUMN ... TYPE} take
	 * their new type, renamed columns and tables keep theirs, checks added, validated or
	 * dropped count, and everything else is looked up here. Used to judge a pending migration
	 * against the earlier pending ones, and each statement against the earlier ones of its
	 * file.
	 * @param statements the statements, in order
	 * @return the types after the statements
	 */
	default ColumnTypes after(List<SqlStatement> statements) {
		ColumnTypes types = this;
		for (SqlStatement statement : statements) {
			// only CREATE TABLE and ALTER TABLE define columns: the others need not be read again
			String sql = statement.sql();
			if (sql.regionMatches(true, 0, "CREATE", 0, 6) || sql.regionMatches(true, 0, "ALTER", 0, 5)) {
				types = LearnedColumnTypes.learn(statement.significantTokens(), types);
			}
		}
		return types;
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

	/**
	 * A {@code CHECK (column IS NOT NULL)} constraint.
	 *
	 * @param constraint the constraint's name
	 * @param column the column it checks
	 * @param valid whether every existing row is known to pass it
	 */
	record NotNullCheck(String constraint, String column, boolean valid) {
	}

}
