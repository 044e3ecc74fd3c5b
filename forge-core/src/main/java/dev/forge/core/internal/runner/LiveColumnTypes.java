package dev.forge.core.internal.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.forge.core.internal.safety.ColumnTypes;
import dev.forge.core.internal.schema.Identifiers;
import org.jspecify.annotations.Nullable;

/**
 * Column types, and the other facts the analysis asks for, read from the database on demand
 * (each once), resolving unqualified table names through the session's search path as the
 * migration's statements will.
 */
final class LiveColumnTypes implements ColumnTypes {

	private static final String QUERY = "SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
			+ " WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped";

	private static final String ROWS_QUERY = "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)"
			+ " AND reltuples >= 0";

	private static final String CONSTRAINT_QUERY = "SELECT contype FROM pg_constraint WHERE conrelid = to_regclass(?)"
			+ " AND conname = ?";

	/** The row estimate of a plan line, e.g. {@code ->  Seq Scan on t  (cost=0.00..35.50 rows=2550 width=6)}. */
	private static final Pattern PLAN_ROWS = Pattern.compile("^( *)->.*\\brows=(\\d+)");

	private final Connection connection;

	private final Map<String, Optional<String>> cache = new HashMap<>();

	private final Map<String, OptionalLong> rows = new HashMap<>();

	private final Map<String, OptionalLong> plannedRows = new HashMap<>();

	private final Map<String, Optional<Character>> constraintTypes = new HashMap<>();

	LiveColumnTypes(Connection connection) {
		this.connection = connection;
	}

	@Override
	public Optional<String> typeOf(@Nullable String schema, String table, String column) {
		String relation = relation(schema, table);
		return this.cache.computeIfAbsent(relation + "." + column, (key) -> query(relation, column));
	}

	private Optional<String> query(String relation, String column) {
		try (PreparedStatement statement = this.connection.prepareStatement(QUERY)) {
			statement.setString(1, relation);
			statement.setString(2, column);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? Optional.ofNullable(result.getString(1)) : Optional.empty();
			}
		}
		catch (SQLException ex) {
			return Optional.empty();
		}
	}

	@Override
	public OptionalLong estimatedRows(@Nullable String schema, String table) {
		return this.rows.computeIfAbsent(relation(schema, table), (relation) -> {
			try (PreparedStatement statement = this.connection.prepareStatement(ROWS_QUERY)) {
				statement.setString(1, relation);
				try (ResultSet result = statement.executeQuery()) {
					return result.next() ? OptionalLong.of(result.getLong(1)) : OptionalLong.empty();
				}
			}
			catch (SQLException ex) {
				return OptionalLong.empty();
			}
		});
	}

	/**
	 * Asks the planner with {@code EXPLAIN}, which runs nothing, in a transaction of its own
	 * that is rolled back, with short timeouts: planning takes the statement's table locks,
	 * and a plan must not wait behind a long transaction. Only on a connection in autocommit
	 * mode, so that no transaction of the caller is touched.
	 */
	@Override
	public OptionalLong plannedRows(String sql) {
		return this.plannedRows.computeIfAbsent(sql, (key) -> {
			try {
				if (!this.connection.getAutoCommit()) {
					return OptionalLong.empty();
				}
				this.connection.setAutoCommit(false);
				try (Statement statement = this.connection.createStatement()) {
					statement.execute("SELECT set_config('lock_timeout', '1s', true),"
							+ " set_config('statement_timeout', '5s', true)");
					try (ResultSet result = statement.executeQuery("EXPLAIN " + sql)) {
						return outerRows(result);
					}
				}
				finally {
					this.connection.rollback();
					this.connection.setAutoCommit(true);
				}
			}
			catch (SQLException ex) {
				return OptionalLong.empty();
			}
		});
	}

	/** The rows of the plan's outer node: the least indented {@code ->} line. */
	private static OptionalLong outerRows(ResultSet plan) throws SQLException {
		int indent = Integer.MAX_VALUE;
		OptionalLong rows = OptionalLong.empty();
		while (plan.next()) {
			Matcher line = PLAN_ROWS.matcher(plan.getString(1));
			if (line.find() && line.group(1).length() < indent) {
				indent = line.group(1).length();
				rows = OptionalLong.of(Long.parseLong(line.group(2)));
			}
		}
		return rows;
	}

	@Override
	public Optional<Character> constraintType(@Nullable String schema, String table, String constraint) {
		String relation = relation(schema, table);
		return this.constraintTypes.computeIfAbsent(relation + "." + constraint, (key) -> {
			try (PreparedStatement statement = this.connection.prepareStatement(CONSTRAINT_QUERY)) {
				statement.setString(1, relation);
				statement.setString(2, constraint);
				try (ResultSet result = statement.executeQuery()) {
					return result.next() ? Optional.of(result.getString(1).charAt(0)) : Optional.empty();
				}
			}
			catch (SQLException ex) {
				return Optional.empty();
			}
		});
	}

	private static String relation(@Nullable String schema, String table) {
		return ((schema != null) ? Identifiers.quote(schema) + "." : "") + Identifiers.quote(table);
	}

}
