package dev.forge.boot.dashboard;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.ClassUtils;

/**
 * Runs the SQL typed into the dashboard's console, in one transaction under a
 * {@code statement_timeout}, and returns each result: the rows of a query (at most
 * {@value #MAX_ROWS}), or the number of rows a statement changed.
 * <p>
 * The console borrows a connection from the application's {@link DataSource}, so what it
 * runs must not stay behind on that connection:
 * <ul>
 * <li>transaction control ({@code BEGIN}, {@code COMMIT}, {@code ROLLBACK}, ...), session
 * settings ({@code SET} without {@code LOCAL}, {@code SET ROLE}, {@code RESET},
 * {@code DISCARD}, {@code LISTEN}) and any change of {@code statement_timeout} are refused
 * before anything runs ({@link ConsoleScript}); a {@code COMMIT} the text does not show (in
 * a {@code DO} block, built by {@code EXECUTE}, in a procedure) fails, since everything runs
 * in one transaction block that is committed only when all of it succeeded;</li>
 * <li>the time limit is also kept by the driver, which cancels the call once it has run
 * for the limit, whatever the SQL did to the server's {@code statement_timeout};</li>
 * <li>afterwards the connection is reset with {@code DISCARD ALL} (session settings,
 * role, temporary tables, advisory locks, prepared statements, listeners), whatever ran,
 * and, from a Hikari pool, evicted, so that the application never uses the console's
 * session again.</li>
 * </ul>
 */
final class SqlConsole {

	/** Longest time one call may run. */
	static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(10);

	static final int MAX_ROWS = 1000;

	private static final int MAX_SQL_LENGTH = 100_000;

	private static final Log logger = LogFactory.getLog(SqlConsole.class);

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			SqlConsole.class.getClassLoader());

	private final DataSource dataSource;

	SqlConsole(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	Map<String, Object> run(String sql) {
		if (sql.isBlank()) {
			throw new DashboardApi.DashboardException(400, "Type some SQL to run.");
		}
		if (sql.length() > MAX_SQL_LENGTH) {
			throw new DashboardApi.DashboardException(400, "The SQL is longer than " + MAX_SQL_LENGTH
					+ " characters.");
		}
		String refusal = ConsoleScript.refusal(sql);
		if (refusal != null) {
			throw new DashboardApi.DashboardException(400, refusal + " Nothing was run.");
		}
		long start = System.nanoTime();
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			try {
				List<Map<String, Object>> results = runInTransaction(connection, sql);
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("results", results);
				body.put("durationMillis", (System.nanoTime() - start) / 1_000_000);
				body.put("timeoutMillis", STATEMENT_TIMEOUT.toMillis());
				return body;
			}
			finally {
				reset(connection, autoCommit);
				if (HIKARI_PRESENT) {
					Hikari.evict(this.dataSource, connection);
				}
			}
		}
		catch (SQLException ex) {
			String message = ex.getMessage();
			if ("57014".equals(ex.getSQLState())) {
				message = "Cancelled after the statement timeout of " + STATEMENT_TIMEOUT.toSeconds() + " s: " + message;
			}
			throw new DashboardApi.DashboardException(400, message + " (nothing was committed)");
		}
	}

	private static List<Map<String, Object>> runInTransaction(Connection connection, String sql) throws SQLException {
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET LOCAL statement_timeout = '" + STATEMENT_TIMEOUT.toMillis() + "ms'");
			statement.setMaxRows(MAX_ROWS + 1);
			// the driver's own limit: a typed SET statement_timeout = 0 cannot lift it
			statement.setQueryTimeout((int) STATEMENT_TIMEOUT.toSeconds());
			List<Map<String, Object>> results = new ArrayList<>();
			boolean isQuery = statement.execute(sql);
			while (true) {
				if (isQuery) {
					try (ResultSet rows = statement.getResultSet()) {
						results.add(rows(rows));
					}
				}
				else {
					int count = statement.getUpdateCount();
					if (count == -1) {
						break;
					}
					Map<String, Object> result = new LinkedHashMap<>();
					result.put("updateCount", count);
					results.add(result);
				}
				isQuery = statement.getMoreResults();
			}
			connection.commit();
			return results;
		}
		catch (SQLException ex) {
			connection.rollback();
			throw ex;
		}
	}

	/**
	 * Gives the connection back as the application had it: whatever the console's SQL
	 * changed in the session is discarded.
	 */
	private static void reset(Connection connection, boolean autoCommit) throws SQLException {
		try {
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
			connection.setAutoCommit(true);
			try (Statement statement = connection.createStatement()) {
				statement.execute("DISCARD ALL");
			}
			connection.setAutoCommit(autoCommit);
		}
		catch (SQLException ex) {
			logger.warn("Could not reset the SQL console's connection; closing it so that it is not used again", ex);
			connection.abort(Runnable::run);
			throw ex;
		}
	}

	/** Hikari, which may be absent: loaded only when it is on the class path. */
	private static final class Hikari {

		static void evict(DataSource dataSource, Connection connection) throws SQLException {
			if (dataSource.isWrapperFor(HikariDataSource.class)) {
				dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
			}
		}

	}

	private static Map<String, Object> rows(ResultSet rows) throws SQLException {
		ResultSetMetaData meta = rows.getMetaData();
		List<String> columns = new ArrayList<>();
		for (int i = 1; i <= meta.getColumnCount(); i++) {
			columns.add(meta.getColumnLabel(i));
		}
		List<List<String>> data = new ArrayList<>();
		boolean truncated = false;
		while (rows.next()) {
			if (data.size() == MAX_ROWS) {
				truncated = true;
				break;
			}
			List<String> row = new ArrayList<>();
			for (int i = 1; i <= columns.size(); i++) {
				row.add(rows.getString(i));
			}
			data.add(row);
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("columns", columns);
		result.put("rows", data);
		result.put("truncated", truncated);
		return result;
	}

}
