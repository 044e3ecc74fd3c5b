package dev.forge.core.internal.fleet;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

import dev.forge.core.FleetNode;
import dev.forge.core.internal.schema.Identifiers;
import dev.forge.core.internal.schema.Relations;

/**
 * The nodes table, next to the history table and named after it: {@code forge_nodes} for
 * {@code forge_migrations} (a history table named {@code x_migrations} gets {@code x_nodes},
 * any other name {@code <name>_nodes}). One row per running node; its heartbeat is written
 * with the database's clock, so that nodes with skewed clocks agree on who is live.
 * <p>
 * A node registers in a transaction that holds the fleet lock shared, and the automatic
 * contract phase checks the live nodes in its own transaction after taking the lock
 * exclusively: no node can register between that check and the commit of the drop.
 */
public final class NodeTable {

	/** First key of the two-key advisory fleet lock: "FLET". */
	private static final int CLASS_ID = 0x464C4554;

	private static final String UNDEFINED_TABLE = "42P01";

	private static final String COLUMNS = "id, host, pid, application, version, started_at, heartbeat_at, uses";

	private final String table;

	private final String qualified;

	/**
	 * Creates the nodes table of a history table.
	 * @param schema the history table's schema
	 * @param historyTable the history table's name
	 */
	public NodeTable(String schema, String historyTable) {
		this.table = tableName(historyTable);
		this.qualified = Identifiers.quote(schema) + "." + Identifiers.quote(this.table);
	}

	/**
	 * Returns the name of the nodes table of a history table.
	 * @param historyTable the history table's name
	 * @return the nodes table's name
	 */
	public static String tableName(String historyTable) {
		return historyTable.endsWith("_migrations")
				? historyTable.substring(0, historyTable.length() - "_migrations".length()) + "_nodes"
				: historyTable + "_nodes";
	}

	/**
	 * Returns the table's name, schema-qualified and quoted where needed.
	 * @return the qualified name
	 */
	public String qualifiedName() {
		return this.qualified;
	}

	/**
	 * Returns the statement that takes the fleet lock exclusively until the end of the
	 * transaction: registrations wait for that transaction.
	 * @return the statement
	 */
	public String lockExclusiveStatement() {
		return "SELECT pg_advisory_xact_lock(" + CLASS_ID + ", " + lockKey() + ")";
	}

	private String lockShared() {
		return "SELECT pg_advisory_xact_lock_shared(" + CLASS_ID + ", " + lockKey() + ")";
	}

	private int lockKey() {
		return this.qualified.hashCode();
	}

	/**
	 * Registers a node, creating the table unless it exists, in one transaction holding the
	 * fleet lock shared; rows that expired long ago go with it.
	 * @param connection a connection in autocommit mode, left in autocommit mode
	 * @param node the node, its times ignored: the database's clock sets them
	 * @param expiry how long after its last heartbeat a row may be deleted
	 * @throws SQLException on database errors
	 */
	public void register(Connection connection, FleetNode node, Duration expiry) throws SQLException {
		connection.setAutoCommit(false);
		try {
			try (Statement statement = connection.createStatement()) {
				statement.execute(lockShared());
				if (!exists(connection)) {
					// the exclusive key of creation keeps two first nodes from racing to create it
					statement.execute("SELECT pg_advisory_xact_lock(" + CLASS_ID + ", " + (lockKey() ^ 1) + ")");
					statement.execute("CREATE TABLE IF NOT EXISTS " + this.qualified + " (\n"
							+ "    id text PRIMARY KEY,\n"
							+ "    host text NOT NULL,\n"
							+ "    pid bigint NOT NULL,\n"
							+ "    application text NOT NULL,\n"
							+ "    version text,\n"
							+ "    started_at timestamptz NOT NULL DEFAULT clock_timestamp(),\n"
							+ "    heartbeat_at timestamptz NOT NULL DEFAULT clock_timestamp(),\n"
							+ "    uses text[] NOT NULL\n"
							+ ")");
					statement.execute("COMMENT ON TABLE " + this.qualified + " IS 'Running nodes, kept by FORGE'");
				}
			}
			try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + this.qualified
					+ " WHERE heartbeat_at < clock_timestamp() - make_interval(secs => ?)")) {
				delete.setDouble(1, expiry.toMillis() / 1000.0);
				delete.executeUpdate();
			}
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + this.qualified
					+ " (id, host, pid, application, version, uses) VALUES (?, ?, ?, ?, ?, ?)"
					+ " ON CONFLICT (id) DO UPDATE SET heartbeat_at = clock_timestamp(), uses = EXCLUDED.uses")) {
				insert.setString(1, node.id());
				insert.setString(2, node.host());
				insert.setLong(3, node.pid());
				insert.setString(4, node.application());
				insert.setString(5, node.version());
				insert.setArray(6, connection.createArrayOf("text", node.uses().stream().sorted().toArray()));
				insert.executeUpdate();
			}
			connection.commit();
		}
		catch (SQLException | RuntimeException ex) {
			rollbackQuietly(connection);
			throw ex;
		}
		finally {
			if (!connection.isClosed()) {
				connection.setAutoCommit(true);
			}
		}
	}

	/**
	 * Writes a node's heartbeat: one short statement in autocommit mode, which locks only the
	 * node's row while it runs.
	 * @param connection a connection in autocommit mode
	 * @param id the node's id
	 * @return whether the node's row was there; an expired row may have been deleted
	 * @throws SQLException on database errors
	 */
	public boolean heartbeat(Connection connection, String id) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("UPDATE " + this.qualified + " SET heartbeat_at = clock_timestamp() WHERE id = ?")) {
			statement.setString(1, id);
			return statement.executeUpdate() > 0;
		}
	}

	/**
	 * Removes a node.
	 * @param connection a connection in autocommit mode
	 * @param id the node's id
	 * @throws SQLException on database errors
	 */
	public void remove(Connection connection, String id) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("DELETE FROM " + this.qualified + " WHERE id = ?")) {
			statement.setString(1, id);
			statement.executeUpdate();
		}
	}

	/**
	 * Reads the live nodes: those whose heartbeat is newer than the timeout, by the
	 * database's clock.
	 * @param connection the connection, in autocommit mode or in a transaction
	 * @param timeout the node timeout
	 * @return the nodes, oldest first, empty if the table does not exist
	 * @throws SQLException on database errors
	 */
	public List<FleetNode> live(Connection connection, Duration timeout) throws SQLException {
		if (!connection.getAutoCommit() && !exists(connection)) {
			// a failed statement would end the caller's transaction
			return List.of();
		}
		try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM "
				+ this.qualified + " WHERE heartbeat_at > clock_timestamp() - make_interval(secs => ?)"
				+ " ORDER BY started_at, id")) {
			statement.setDouble(1, timeout.toMillis() / 1000.0);
			try (ResultSet result = statement.executeQuery()) {
				List<FleetNode> nodes = new ArrayList<>();
				while (result.next()) {
					nodes.add(node(result));
				}
				return nodes;
			}
		}
		catch (SQLException ex) {
			if (UNDEFINED_TABLE.equals(ex.getSQLState())) {
				return List.of();
			}
			throw ex;
		}
	}

	private static FleetNode node(ResultSet result) throws SQLException {
		Array uses = result.getArray(8);
		return new FleetNode(result.getString(1), result.getString(2), result.getLong(3), result.getString(4),
				result.getString(5), result.getObject(6, OffsetDateTime.class).toInstant(),
				result.getObject(7, OffsetDateTime.class).toInstant(),
				Collections.unmodifiableSortedSet(new TreeSet<>(Arrays.asList((String[]) uses.getArray()))));
	}

	private boolean exists(Connection connection) throws SQLException {
		return Relations.exists(connection, this.qualified);
	}

	private static void rollbackQuietly(Connection connection) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			// the error on its way out says more
		}
	}

}
