package dev.forge.core.internal.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.forge.core.internal.script.SqlStatement;
import dev.forge.core.internal.script.Token;
import dev.forge.core.internal.script.TokenType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after {@code CREATE INDEX CONCURRENTLY}: when it fails (or its process dies) it
 * leaves an INVALID index behind that costs writes and blocks a retry with "already exists".
 */
final class InvalidIndexes {

	private static final Logger logger = LoggerFactory.getLogger(InvalidIndexes.class);

	private InvalidIndexes() {
	}

	static boolean isCreateIndexConcurrently(SqlStatement statement) {
		List<Token> tokens = statement.significantTokens();
		int index = (tokens.size() > 1 && tokens.get(1).is("UNIQUE")) ? 2 : 1;
		return tokens.size() > index + 1 && tokens.get(0).is("CREATE") && tokens.get(index).is("INDEX")
				&& tokens.get(index + 1).is("CONCURRENTLY");
	}

	/** Returns the index name a {@code CREATE INDEX CONCURRENTLY} statement gives, if any. */
	static @Nullable String indexName(SqlStatement statement) {
		List<Token> tokens = statement.significantTokens();
		int i = 0;
		while (i < tokens.size() && !tokens.get(i).is("CONCURRENTLY")) {
			i++;
		}
		i++;
		if (i + 2 < tokens.size() && tokens.get(i).is("IF") && tokens.get(i + 1).is("NOT")
				&& tokens.get(i + 2).is("EXISTS")) {
			i += 3;
		}
		if (i >= tokens.size() || tokens.get(i).is("ON")) {
			return null;
		}
		StringBuilder name = new StringBuilder();
		while (i < tokens.size()
				&& (tokens.get(i).type() == TokenType.WORD || tokens.get(i).type() == TokenType.QUOTED_IDENTIFIER)) {
			name.append(tokens.get(i).text());
			if (i + 1 < tokens.size() && tokens.get(i + 1).text().equals(".")) {
				name.append('.');
				i += 2;
			}
			else {
				break;
			}
		}
		return name.isEmpty() ? null : name.toString();
	}

	/** The INVALID indexes of the database, by OID. */
	static Set<Long> snapshot(Connection connection) throws SQLException {
		Set<Long> invalid = new HashSet<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT indexrelid::bigint FROM pg_index WHERE NOT indisvalid")) {
			while (rows.next()) {
				invalid.add(rows.getLong(1));
			}
		}
		return invalid;
	}

	/** Drops INVALID indexes that were not in {@code before}. */
	static void dropNew(Connection connection, Set<Long> before) {
		try {
			for (Long oid : snapshot(connection)) {
				if (!before.contains(oid)) {
					drop(connection, regclass(connection, oid));
				}
			}
		}
		catch (SQLException ex) {
			logger.warn("Could not drop the INVALID index left by a failed CREATE INDEX CONCURRENTLY: {}",
					ex.getMessage());
		}
	}

	/** Drops the named index if it exists and is INVALID, before the statement runs again. */
	static void dropIfInvalid(Connection connection, String name) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement(
				"SELECT i.indexrelid::regclass::text FROM pg_index i WHERE i.indexrelid = to_regclass(?)"
						+ " AND NOT i.indisvalid")) {
			query.setString(1, name);
			try (ResultSet rows = query.executeQuery()) {
				if (rows.next()) {
					drop(connection, rows.getString(1));
				}
			}
		}
	}

	private static String regclass(Connection connection, long oid) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT ?::oid::regclass::text")) {
			query.setLong(1, oid);
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getString(1);
			}
		}
	}

	private static void drop(Connection connection, String qualifiedName) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + qualifiedName);
		}
		logger.info("Dropped INVALID index {} left by a failed CREATE INDEX CONCURRENTLY", qualifiedName);
	}

}
