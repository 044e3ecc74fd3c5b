package dev.forge.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The floor of {@link CommandLineBenchmark}: the least a {@code migrate status} process
 * can do. A plain {@code main} that connects with JDBC, reads FORGE's history table and
 * prints one line per row; run with nothing on its class path but this module's classes
 * and the PostgreSQL driver.
 */
public final class HistoryFloor {

	private HistoryFloor() {
	}

	/**
	 * Prints the history.
	 * @param args the JDBC URL (with its user)
	 */
	public static void main(String[] args) throws Exception {
		int rows = 0;
		try (Connection connection = DriverManager.getConnection(args[0]);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT * FROM forge_migrations ORDER BY name")) {
			int columns = result.getMetaData().getColumnCount();
			StringBuilder line = new StringBuilder();
			while (result.next()) {
				line.setLength(0);
				for (int i = 1; i <= columns; i++) {
					line.append((i > 1) ? " | " : "").append(result.getString(i));
				}
				System.out.println(line);
				rows++;
			}
		}
		System.out.println(rows + " migrations");
	}

}
