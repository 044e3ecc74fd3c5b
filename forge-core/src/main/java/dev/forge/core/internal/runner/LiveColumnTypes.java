package dev.forge.core.internal.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.forge.core.internal.safety.ColumnTypes;
import dev.forge.core.internal.schema.Identifiers;
import org.jspecify.annotations.Nullable;

/**
 * Column types read from the database on demand, resolving unqualified table names through
 * the session's search path as the migration's statements will.
 */
final class LiveColumnTypes implements ColumnTypes {

	private static final String QUERY = "SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
			+ " WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped";

	private final Connection connection;

	private final Map<String, Optional<String>> cache = new HashMap<>();

	LiveColumnTypes(Connection connection) {
		this.connection = connection;
	}

	@Override
	public Optional<String> typeOf(@Nullable String schema, String table, String column) {
		String relation = ((schema != null) ? Identifiers.quote(schema) + "." : "") + Identifiers.quote(table);
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

}
