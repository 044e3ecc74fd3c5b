package dev.forge.core.internal.generate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.forge.core.GeneratedMigration;
import dev.forge.core.internal.script.SqlSplitter;
import dev.forge.core.internal.script.SqlStatement;

/**
 * Runs generated migrations over JDBC without the runner, split by FORGE's own lexer (so
 * that dollar-quoted function bodies stay whole).
 */
public final class ScriptApplier {

	private ScriptApplier() {
	}

	public static void up(Connection connection, GeneratedMigration script) throws SQLException {
		run(connection, script.up(), script.transactional());
	}

	public static void down(Connection connection, GeneratedMigration script) throws SQLException {
		run(connection, script.down(), script.transactional());
	}

	public static void upAll(Connection connection, List<GeneratedMigration> scripts) throws SQLException {
		for (GeneratedMigration script : scripts) {
			up(connection, script);
		}
	}

	public static void downAll(Connection connection, List<GeneratedMigration> scripts) throws SQLException {
		for (int i = scripts.size() - 1; i >= 0; i--) {
			down(connection, scripts.get(i));
		}
	}

	static List<String> statements(String section) {
		return SqlSplitter.split(section)
			.stream()
			.filter((statement) -> !statement.isEmpty())
			.map(SqlStatement::sql)
			.toList();
	}

	private static void run(Connection connection, String section, boolean transactional) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(!transactional);
		try (Statement statement = connection.createStatement()) {
			for (String sql : statements(section)) {
				try {
					statement.execute(sql);
				}
				catch (SQLException ex) {
					throw new SQLException(ex.getMessage() + "\nin: " + sql + "\nof:\n" + section, ex);
				}
			}
			if (transactional) {
				connection.commit();
			}
		}
		catch (SQLException ex) {
			if (transactional) {
				connection.rollback();
			}
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

}
