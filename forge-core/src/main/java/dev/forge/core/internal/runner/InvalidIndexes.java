package dev.forge.core.internal.runner;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.forge.core.internal.script.SqlStatement;
import dev.forge.core.internal.script.Token;
import dev.forge.core.internal.script.TokenType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after {@code CREATE INDEX CONCURRENTLY}: when it fails (or its process dies) it
 * leaves an INVALID index behind that costs writes and blocks a retry with "already exists".
 * <p>
 * Only the index that the statement built is dropped: an INVALID index of the statement's
 * table that was not there before it ran (or, before a retry, that has the statement's
 * name; after a retry without a name, that has the new index's definition), and never one
 * that another session is building at that moment (an index being built concurrently is
 * INVALID until it is done, and shows in {@code pg_stat_progress_create_index}).
 */
final class InvalidIndexes {

	private static final Logger logger = LoggerFactory.getLogger(InvalidIndexes.class);

	private static final String NOT_BUILT_ELSEWHERE = " AND NOT i.indisvalid AND NOT EXISTS (SELECT 1 FROM"
			+ " pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid AND p.pid <> pg_backend_pid())";

	private InvalidIndexes() {
	}

	static boolean isCreateIndexConcurrently(SqlStatement statement) {
		List<Token> tokens = statement.significantTokens();
		int index = (tokens.size() > 1 && tokens.get(1).is("UNIQUE")) ? 2 : 1;
		return tokens.size() > index + 1 && tokens.get(0).is("CREATE") && tokens.get(index).is("INDEX")
				&& tokens.get(index + 1).is("CONCURRENTLY");
	}

	/**
	 * Returns the name a {@code CREATE INDEX CONCURRENTLY} statement gives its index, as
	 * stored in {@code pg_class.relname}.
	 * @return the name, or {@code null} when PostgreSQL picks it
	 */
	static @Nullable String indexName(SqlStatement statement) {
		List<Token> tokens = statement.significantTokens();
		int i = indexOf(tokens, "CONCURRENTLY", 0) + 1;
		if (i + 2 < tokens.size() && tokens.get(i).is("IF") && tokens.get(i + 1).is("NOT")
				&& tokens.get(i + 2).is("EXISTS")) {
			i += 3;
		}
		if (i >= tokens.size() || tokens.get(i).is("ON") || !isName(tokens.get(i))) {
			return null;
		}
		return relname(tokens.get(i));
	}

	/**
	 * Returns the table of a {@code CREATE INDEX CONCURRENTLY} statement as written, for
	 * {@code to_regclass}.
	 * @return the table, or {@code null} if the statement cannot be read
	 */
	static @Nullable String tableName(SqlStatement statement) {
		List<Token> tokens = statement.significantTokens();
		int on = indexOf(tokens, "ON", indexOf(tokens, "CONCURRENTLY", 0));
		if (on < 0) {
			return null;
		}
		int i = on + 1;
		if (i < tokens.size() && tokens.get(i).is("ONLY")) {
			i++;
		}
		StringBuilder name = new StringBuilder();
		while (i < tokens.size() && isName(tokens.get(i))) {
			name.append(tokens.get(i).text());
			if (i + 2 < tokens.size() && tokens.get(i + 1).text().equals(".")) {
				name.append('.');
				i += 2;
			}
			else {
				break;
			}
		}
		return name.isEmpty() ? null : name.toString();
	}

	/**
	 * Reads the indexes of the statement's table before it runs.
	 * @return what {@link #dropLeftBy} compares with
	 */
	static Before before(Connection connection, SqlStatement statement) throws SQLException {
		String table = tableName(statement);
		List<Long> indexes = new ArrayList<>();
		Long tableOid = null;
		boolean anyInvalid = false;
		if (table != null) {
			try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?)::oid::bigint,"
					+ " array_agg(indexrelid::bigint), coalesce(bool_or(NOT indisvalid), false) FROM pg_index"
					+ " WHERE indrelid = to_regclass(?)")) {
				query.setString(1, table);
				query.setString(2, table);
				try (ResultSet rows = query.executeQuery()) {
					rows.next();
					tableOid = (Long) rows.getObject(1);
					Array oids = rows.getArray(2);
					if (oids != null) {
						for (Object oid : (Object[]) oids.getArray()) {
							indexes.add((Long) oid);
						}
					}
					anyInvalid = rows.getBoolean(3);
				}
			}
		}
		return new Before(tableOid, indexes, indexName(statement), anyInvalid);
	}

	/**
	 * After a {@code CREATE INDEX CONCURRENTLY} without a name succeeded, drops the INVALID
	 * indexes of its table that a killed earlier run of it left: PostgreSQL gave the new
	 * index another name, so they are found by their definition, which must equal the new
	 * index's but for the name, and only when no other session is building them.
	 */
	static void dropEarlierAttempts(Connection connection, Before before) {
		if (before.table() == null || before.indexName() != null || !before.anyInvalid()) {
			return;
		}
		try (PreparedStatement query = connection.prepareStatement("WITH defs AS (SELECT i.indexrelid, i.indisvalid,"
				+ " replace(pg_get_indexdef(i.indexrelid), ' INDEX ' || quote_ident(c.relname) || ' ON ', ' INDEX ON ')"
				+ " AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = ?)"
				+ " SELECT i.indexrelid::regclass::text FROM pg_index i JOIN defs old ON old.indexrelid = i.indexrelid"
				+ " WHERE i.indexrelid = ANY (?::oid[]) AND EXISTS (SELECT 1 FROM defs new WHERE new.indisvalid"
				+ " AND new.def = old.def AND new.indexrelid <> ALL (?::oid[]))" + NOT_BUILT_ELSEWHERE)) {
			Array oids = connection.createArrayOf("bigint", before.indexes().toArray());
			query.setLong(1, before.table());
			query.setArray(2, oids);
			query.setArray(3, oids);
			for (String index : names(query)) {
				drop(connection, index);
			}
		}
		catch (SQLException ex) {
			logger.warn("Could not drop the INVALID index left by an earlier CREATE INDEX CONCURRENTLY: {}",
					ex.getMessage());
		}
	}

	/**
	 * Drops the INVALID index that the failed statement left on its table: one that was not
	 * there before it ran, has the statement's name if it gives one, and that no other
	 * session is building.
	 */
	static void dropLeftBy(Connection connection, Before before) {
		if (before.table() == null) {
			return;
		}
		try (PreparedStatement query = connection.prepareStatement("SELECT i.indexrelid::regclass::text FROM pg_index i"
				+ " JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = ? AND i.indexrelid <> ALL (?::oid[])"
				+ " AND (c.relname = ? OR ?::text IS NULL)" + NOT_BUILT_ELSEWHERE)) {
			query.setLong(1, before.table());
			query.setArray(2, connection.createArrayOf("bigint", before.indexes().toArray()));
			query.setString(3, before.indexName());
			query.setString(4, before.indexName());
			for (String index : names(query)) {
				drop(connection, index);
			}
		}
		catch (SQLException ex) {
			logger.warn("Could not drop the INVALID index left by a failed CREATE INDEX CONCURRENTLY: {}",
					ex.getMessage());
		}
	}

	/**
	 * Drops the statement's index, named by it, if it exists on the statement's table, is
	 * INVALID and no other session is building it, before the statement runs again.
	 */
	static void dropIfInvalid(Connection connection, SqlStatement statement) throws SQLException {
		String name = indexName(statement);
		String table = tableName(statement);
		if (name == null || table == null) {
			return;
		}
		try (PreparedStatement query = connection.prepareStatement("SELECT i.indexrelid::regclass::text FROM pg_index i"
				+ " JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass(?) AND c.relname = ?"
				+ NOT_BUILT_ELSEWHERE)) {
			query.setString(1, table);
			query.setString(2, name);
			for (String index : names(query)) {
				drop(connection, index);
			}
		}
	}

	private static List<String> names(PreparedStatement query) throws SQLException {
		List<String> names = new ArrayList<>();
		try (ResultSet rows = query.executeQuery()) {
			while (rows.next()) {
				names.add(rows.getString(1));
			}
		}
		return names;
	}

	private static void drop(Connection connection, String qualifiedName) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + qualifiedName);
		}
		logger.info("Dropped INVALID index {} left by a failed CREATE INDEX CONCURRENTLY", qualifiedName);
	}

	private static int indexOf(List<Token> tokens, String word, int from) {
		for (int i = Math.max(from, 0); i < tokens.size(); i++) {
			if (tokens.get(i).is(word)) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isName(Token token) {
		return token.type() == TokenType.WORD || token.type() == TokenType.QUOTED_IDENTIFIER;
	}

	private static String relname(Token token) {
		String text = token.text();
		if (token.type() == TokenType.QUOTED_IDENTIFIER) {
			return text.substring(1, text.length() - 1).replace("\"\"", "\"");
		}
		return text.toLowerCase(Locale.ROOT);
	}

	/**
	 * The indexes of a {@code CREATE INDEX CONCURRENTLY} statement's table before it ran.
	 * @param table the table's OID, or {@code null} if it does not exist (then no index is
	 * left behind)
	 * @param indexes the OIDs of its indexes
	 * @param indexName the name the statement gives, or {@code null}
	 * @param anyInvalid whether one of the indexes was INVALID
	 */
	record Before(@Nullable Long table, List<Long> indexes, @Nullable String indexName, boolean anyInvalid) {

	}

}
