package dev.forge.core.internal.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.forge.core.internal.script.SqlStatement;
import dev.forge.core.internal.script.Token;
import dev.forge.core.internal.script.TokenType;

/**
 * Finds the tables a statement works on and the sessions holding locks on them, to say in
 * a lock-timeout message what the migration waited for.
 */
final class LockBlockers {

	private static final Set<String> BEFORE_TABLE = Set.of("TABLE", "ON", "INTO", "UPDATE", "FROM", "JOIN",
			"REFERENCES", "TRUNCATE", "LOCK");

	private static final Set<String> SKIPPED = Set.of("IF", "NOT", "EXISTS", "ONLY", "TABLE", "CONCURRENTLY");

	private LockBlockers() {
	}

	/**
	 * Returns the relations a statement names after {@code TABLE}, {@code ON}, {@code INTO},
	 * and the like, as written.
	 */
	static List<String> tables(SqlStatement statement) {
		List<Token> tokens = statement.significantTokens();
		Set<String> tables = new LinkedHashSet<>();
		for (int i = 0; i < tokens.size(); i++) {
			if (tokens.get(i).type() != TokenType.WORD
					|| !BEFORE_TABLE.contains(tokens.get(i).text().toUpperCase(java.util.Locale.ROOT))) {
				continue;
			}
			int j = i + 1;
			while (j < tokens.size() && tokens.get(j).type() == TokenType.WORD
					&& SKIPPED.contains(tokens.get(j).text().toUpperCase(java.util.Locale.ROOT))) {
				j++;
			}
			StringBuilder name = new StringBuilder();
			while (j < tokens.size() && isNamePart(tokens.get(j))) {
				name.append(tokens.get(j).text());
				if (j + 1 < tokens.size() && tokens.get(j + 1).text().equals(".")) {
					name.append('.');
					j += 2;
				}
				else {
					break;
				}
			}
			if (!name.isEmpty()) {
				tables.add(name.toString());
			}
		}
		return List.copyOf(tables);
	}

	/**
	 * Describes who holds locks on the statement's tables, e.g. {@code table projects is
	 * locked by pid 42 (psql, idle in transaction, AccessExclusiveLock)}.
	 */
	static String describe(Connection connection, SqlStatement statement) {
		List<String> tables = tables(statement);
		if (tables.isEmpty()) {
			return "a lock";
		}
		List<String> holders = new ArrayList<>();
		for (String table : tables) {
			try {
				holders.addAll(holders(connection, table));
			}
			catch (SQLException ex) {
				// the description is a courtesy; the timeout itself is what gets reported
			}
		}
		String waitedFor = "a lock on table " + String.join(", ", tables);
		return holders.isEmpty() ? waitedFor : waitedFor + ", held by " + String.join("; ", holders);
	}

	private static List<String> holders(Connection connection, String table) throws SQLException {
		List<String> holders = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement("SELECT l.pid, l.mode,"
				+ " coalesce(nullif(a.application_name, ''), a.usename), a.state,"
				+ " extract(epoch FROM clock_timestamp() - a.xact_start)::bigint"
				+ " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
				+ " WHERE l.granted AND l.pid <> pg_backend_pid() AND l.relation = to_regclass(?)")) {
			query.setString(1, table);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					holders.add("pid " + rows.getInt(1) + " (" + rows.getString(3) + ", " + rows.getString(4)
							+ ", " + rows.getString(2) + ", transaction open for " + rows.getLong(5) + "s)");
				}
			}
		}
		return holders;
	}

	private static boolean isNamePart(Token token) {
		return token.type() == TokenType.WORD || token.type() == TokenType.QUOTED_IDENTIFIER;
	}

}
