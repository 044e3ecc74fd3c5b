package dev.forge.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.forge.core.internal.fleet.NodeHeartbeat;
import dev.forge.core.internal.fleet.NodeTable;
import dev.forge.core.internal.runner.MigrationRunner;

/**
 * The nodes that run this application and what their models use, kept in the nodes table
 * next to the history table ({@code forge_nodes} for {@code forge_migrations}), and the checks
 * of deferred files against them.
 */
public final class Fleet {

	private final ForgeConfiguration configuration;

	private final MigrationRunner runner;

	private final NodeTable table;

	Fleet(ForgeConfiguration configuration, MigrationRunner runner) {
		this.configuration = configuration;
		this.runner = runner;
		this.table = new NodeTable(configuration.schema(), configuration.table());
	}

	/**
	 * Registers this node and heartbeats for it on a connection of its own, without holding
	 * a transaction open, until the membership is closed.
	 * @param registration what the node registers
	 * @param heartbeat how often it heartbeats
	 * @return the membership
	 */
	public FleetMembership join(NodeRegistration registration, Duration heartbeat) {
		String host = host();
		long pid = ProcessHandle.current().pid();
		String id = host + "-" + pid + "-" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
		Instant now = Instant.now();
		FleetNode node = new FleetNode(id, host, pid, registration.application(), registration.version(), now, now,
				registration.uses());
		return NodeHeartbeat.join(this.configuration.dataSource(), this.table, node, heartbeat,
				this.configuration.nodeTimeout());
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

	/**
	 * Returns the live nodes: those whose last heartbeat is newer than the node timeout.
	 * @return the nodes, oldest first
	 */
	public List<FleetNode> liveNodes() {
		try (Connection connection = this.configuration.dataSource().getConnection()) {
			connection.setAutoCommit(true);
			return this.table.live(connection, this.configuration.nodeTimeout());
		}
		catch (SQLException ex) {
			throw new ForgeException("Could not read the nodes in " + this.table.qualifiedName() + ": "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * Checks every pending deferred file against the live nodes.
	 * @return one check per pending deferred file that removes tables or columns, in run order
	 */
	public List<ContractCheck> contractChecks() {
		return this.runner.contractChecks();
	}

}
