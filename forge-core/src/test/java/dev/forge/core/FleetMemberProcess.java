package dev.forge.core;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A separate JVM that runs as one node of the fleet, for {@link FleetNodesIT}. Arguments: the
 * JDBC URL, the node's application name, the heartbeat and the node timeout in milliseconds,
 * and the columns its code uses ({@code users.legacy_1,users.email}). It joins the fleet and
 * checks at every heartbeat that each column still exists, as running code would notice:
 * {@code JOINED <id>} once registered with its columns there, {@code LATE <column>} when a
 * column was already gone when its registration committed (it registered after the contract,
 * so it never ran with the column), and {@code VIOLATION <column>} when a column it saw
 * vanished while it was live. A line {@code STOP} on its input makes it leave the fleet
 * cleanly ({@code LEFT}); the test kills it with SIGKILL otherwise.
 */
public final class FleetMemberProcess {

	private FleetMemberProcess() {
	}

	public static void main(String[] args) throws Exception {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(args[0]);
		if (!args[0].contains("user=")) {
			dataSource.setUser("postgres");
		}
		Duration heartbeat = Duration.ofMillis(Long.parseLong(args[2]));
		List<String> columns = List.of(args[4].split(","));
		Forge forge = Forge.configure()
			.dataSource(dataSource)
			.nodeTimeout(Duration.ofMillis(Long.parseLong(args[3])))
			.nodeName(args[1])
			.load();
		Thread stdin = new Thread(() -> awaitStop(), "stop-reader");
		stdin.setDaemon(true);
		try (Connection connection = dataSource.getConnection();
				FleetMembership membership = forge.fleet()
					.join(new NodeRegistration(args[1], "1.0", uses(columns)), heartbeat)) {
			String missing = missing(connection, columns);
			if (missing != null) {
				print("LATE " + missing);
				return;
			}
			print("JOINED " + membership.nodeId());
			stdin.start();
			boolean violated = false;
			while (stdin.isAlive()) {
				stdin.join(heartbeat.toMillis());
				missing = missing(connection, columns);
				if (missing != null && !violated) {
					print("VIOLATION " + missing);
					violated = true;
				}
			}
		}
		print("LEFT");
	}

	private static Set<String> uses(List<String> columns) {
		Set<String> uses = new java.util.TreeSet<>(columns);
		columns.forEach((column) -> uses.add(column.substring(0, column.indexOf('.'))));
		return uses;
	}

	private static void awaitStop() {
		try {
			BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			String line;
			while ((line = input.readLine()) != null && !line.equals("STOP")) {
				// waits for STOP
			}
		}
		catch (java.io.IOException ex) {
			// the test ended
		}
	}

	private static String missing(Connection connection, List<String> columns) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT EXISTS (SELECT FROM pg_attribute"
				+ " WHERE attrelid = to_regclass(?) AND attname = ? AND NOT attisdropped)")) {
			for (String column : columns) {
				statement.setString(1, column.substring(0, column.indexOf('.')));
				statement.setString(2, column.substring(column.indexOf('.') + 1));
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					if (!result.getBoolean(1)) {
						return column;
					}
				}
			}
		}
		return null;
	}

	private static void print(String line) {
		System.out.println(line);
		System.out.flush();
	}

}
