package dev.forge.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * One empty PostgreSQL database, owned by one test class and dropped after it.
 */
public final class TestDatabase implements AutoCloseable {

	private final String name;

	private final String jdbcUrl;

	private final TestPostgres server;

	private final PGSimpleDataSource dataSource;

	TestDatabase(String name, String jdbcUrl, TestPostgres server) {
		this.name = name;
		this.jdbcUrl = jdbcUrl;
		this.server = server;
		this.dataSource = new PGSimpleDataSource();
		this.dataSource.setURL(jdbcUrl);
		if (!jdbcUrl.contains("user=")) {
			this.dataSource.setUser("postgres");
		}
	}

	public String name() {
		return this.name;
	}

	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	/**
	 * Returns a data source that opens a new physical connection each time (no pool), so
	 * every caller gets its own session.
	 * @return the data source
	 */
	public DataSource dataSource() {
		return this.dataSource;
	}

	public Connection connect() throws SQLException {
		return this.dataSource.getConnection();
	}

	/**
	 * Runs SQL in autocommit mode.
	 * @param sql one or more statements
	 */
	public void execute(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run [" + sql + "]: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Runs a query and returns its rows, each as column label to value, in order.
	 * @param sql the query
	 * @return the rows
	 */
	public List<Map<String, Object>> query(String sql) {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			List<Map<String, Object>> result = new ArrayList<>();
			int columns = rows.getMetaData().getColumnCount();
			while (rows.next()) {
				Map<String, Object> row = new LinkedHashMap<>();
				for (int i = 1; i <= columns; i++) {
					row.put(rows.getMetaData().getColumnLabel(i), rows.getObject(i));
				}
				result.add(row);
			}
			return result;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run [" + sql + "]: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Runs a query and returns the first column of every row.
	 * @param sql the query
	 * @return the values
	 */
	public List<Object> column(String sql) {
		return query(sql).stream().map((row) -> row.values().iterator().next()).toList();
	}

	/**
	 * Runs a query that returns a single value.
	 * @param sql the query
	 * @return the value of the first column of the first row, or {@code null}
	 */
	public Object value(String sql) {
		List<Object> values = column(sql);
		return values.isEmpty() ? null : values.get(0);
	}

	/**
	 * Empties the database between tests of one class: drops every user schema and
	 * recreates {@code public}.
	 */
	public void reset() {
		for (Object schema : column("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
				+ " AND nspname <> 'information_schema'")) {
			execute("DROP SCHEMA \"" + schema + "\" CASCADE");
		}
		execute("CREATE SCHEMA public");
	}

	public boolean tableExists(String table) {
		return value("SELECT to_regclass('" + table.replace("'", "''") + "') IS NOT NULL").equals(Boolean.TRUE);
	}

	public List<String> columnNames(String table) {
		return column("SELECT column_name FROM information_schema.columns WHERE table_name = '"
				+ table.replace("'", "''") + "' ORDER BY ordinal_position").stream().map(String::valueOf).toList();
	}

	public int serverVersionNum() {
		return Integer.parseInt(String.valueOf(value("SHOW server_version_num")));
	}

	@Override
	public void close() {
		this.server.dropDatabase(this.name);
	}

	@Override
	public String toString() {
		return this.name + " on " + this.server;
	}

}
