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

/**
 * Runs the SQL typed into the dashboard's console, in one transaction under a
 * {@code statement_timeout}, and returns each result: the rows of a query (at most
 * {@value #MAX_ROWS}), or the number of rows a statement changed.
 */
final class SqlConsole {

	/** Longest time one statement may run. */
	static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(10);

	static final int MAX_ROWS = 1000;

	private static final int MAX_SQL_LENGTH = 100_000;

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
		long start = System.nanoTime();
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET LOCAL statement_timeout = '" + STATEMENT_TIMEOUT.toMillis() + "ms'");
				statement.setMaxRows(MAX_ROWS + 1);
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
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("results", results);
				body.put("durationMillis", (System.nanoTime() - start) / 1_000_000);
				body.put("timeoutMillis", STATEMENT_TIMEOUT.toMillis());
				return body;
			}
			catch (SQLException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
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
