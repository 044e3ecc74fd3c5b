package dev.forge.core.internal.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.forge.core.internal.safety.ColumnTypes;
import dev.forge.core.internal.schema.Identifiers;
import org.jspecify.annotations.Nullable;

/**
 * Column types and the other catalog facts the analysis asks for, read from the database on
 * demand (one query per fact, each answer kept), resolving unqualified names through the
 * session's search path as the migration's statements will.
 */
final class LiveColumnTypes implements ColumnTypes {

	private static final String QUERY = "SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
			+ " WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped";

	private static final String NOT_NULL = "SELECT a.attnotnull FROM pg_attribute a WHERE a.attrelid = to_regclass(?)"
			+ " AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped";

	// 'i' < 's' < 'v': the most volatile overload is the one to fear
	private static final String VOLATILITY = "SELECT max(p.provolatile::text) FROM pg_proc p"
			+ " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.proname = ?"
			+ " AND (n.nspname = ? OR (? IS NULL AND n.nspname = ANY (current_schemas(true))))";

	private static final String BINARY_COERCIBLE = "SELECT to_regtype(?) = to_regtype(?) OR EXISTS (SELECT 1"
			+ " FROM pg_cast WHERE castsource = to_regtype(?) AND casttarget = to_regtype(?) AND castmethod = 'b')"
			+ " WHERE to_regtype(?) IS NOT NULL AND to_regtype(?) IS NOT NULL";

	private static final String COLUMNS = "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
			+ " JOIN pg_class c ON c.oid = a.attrelid WHERE a.attrelid = to_regclass(?) AND c.relkind IN ('r', 'p')"
			+ " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";

	private static final String NOT_NULL_CHECKS = "SELECT c.conname, a.attname, c.convalidated FROM pg_constraint c"
			+ " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
			+ " WHERE c.conrelid = to_regclass(?) AND c.contype = 'c' AND cardinality(c.conkey) = 1"
			+ " AND pg_get_expr(c.conbin, c.conrelid) = '(' || quote_ident(a.attname) || ' IS NOT NULL)'";

	private static final String ROWS_QUERY = "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)"
			+ " AND reltuples >= 0";

	private static final String CONSTRAINT_QUERY = "SELECT contype FROM pg_constraint WHERE conrelid = to_regclass(?)"
			+ " AND conname = ?";

	/** The row estimate of a plan line, e.g. {@code ->  Seq Scan on t  (cost=0.00..35.50 rows=2550 width=6)}. */
	private static final Pattern PLAN_ROWS = Pattern.compile("^( *)->.*\\brows=(\\d+)");

	private final Connection connection;

	private final Map<String, Optional<String>> cache = new HashMap<>();

	private final Map<String, Optional<Boolean>> notNulls = new HashMap<>();

	private final Map<String, Optional<Character>> volatilities = new HashMap<>();

	private final Map<String, Optional<Boolean>> casts = new HashMap<>();

	private final Map<String, Optional<Map<String, String>>> tables = new HashMap<>();

	private final Map<String, List<NotNullCheck>> checks = new HashMap<>();

	private final Map<String, OptionalLong> rows = new HashMap<>();

	private final Map<String, OptionalLong> plannedRows = new HashMap<>();

	private final Map<String, Optional<Character>> constraintTypes = new HashMap<>();

	LiveColumnTypes(Connection connection) {
		this.connection = connection;
	}

	@Override
	public Optional<Boolean> notNull(@Nullable String schema, String table, String column) {
		String relation = relation(schema, table);
		return this.notNulls.computeIfAbsent(relation + "." + column, (key) -> {
			List<List<String>> rows = query(NOT_NULL, relation, column);
			return rows.isEmpty() ? Optional.empty() : Optional.of("t".equals(rows.get(0).get(0)));
		});
	}

	@Override
	public Optional<Character> volatility(@Nullable String schema, String function) {
		return this.volatilities.computeIfAbsent(schema + "." + function, (key) -> {
			List<List<String>> rows = query(VOLATILITY, function, schema, schema);
			String value = rows.isEmpty() ? null : rows.get(0).get(0);
			return (value != null) ? Optional.of(value.charAt(0)) : Optional.empty();
		});
	}

	@Override
	public Optional<Boolean> binaryCoercible(String fromType, String toType) {
		return this.casts.computeIfAbsent(fromType + "\u2192" + toType, (key) -> {
			List<List<String>> rows = query(BINARY_COERCIBLE, fromType, toType, fromType, toType, fromType, toType);
			return rows.isEmpty() ? Optional.empty() : Optional.of("t".equals(rows.get(0).get(0)));
		});
	}

	@Override
	public Optional<Map<String, String>> columns(@Nullable String schema, String table) {
		return this.tables.computeIfAbsent(relation(schema, table), (relation) -> {
			Map<String, String> columns = new LinkedHashMap<>();
			for (List<String> row : query(COLUMNS, relation)) {
				columns.put(row.get(0), row.get(1));
			}
			return columns.isEmpty() ? Optional.empty() : Optional.of(columns);
		});
	}

	@Override
	public List<NotNullCheck> notNullChecks(@Nullable String schema, String table) {
		return this.checks.computeIfAbsent(relation(schema, table), (relation) -> query(NOT_NULL_CHECKS, relation)
			.stream()
			.map((row) -> new NotNullCheck(row.get(0), row.get(1), "t".equals(row.get(2))))
			.toList());
	}

	@Override
	public Optional<String> typeOf(@Nullable String schema, String table, String column) {
		String relation = relation(schema, table);
		return this.cache.computeIfAbsent(relation + "." + column, (key) -> {
			List<List<String>> rows = query(QUERY, relation, column);
			return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0).get(0));
		});
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

	/** Runs a catalog query; a fact the database cannot give is simply not known. */
	private List<List<String>> query(String sql, @Nullable String... parameters) {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			try (ResultSet result = statement.executeQuery()) {
				List<List<String>> rows = new ArrayList<>();
				int columns = result.getMetaData().getColumnCount();
				while (result.next()) {
					List<String> row = new ArrayList<>(columns);
					for (int i = 1; i <= columns; i++) {
						row.add(result.getString(i));
					}
					rows.add(row);
				}
				return rows;
			}
		}
		catch (SQLException ex) {
			return List.of();
		}
	}

}
