package dev.forge.core;

import java.time.Duration;
import java.util.List;

/**
 * The nodes that run this application and what their models use, kept in the nodes table
 * next to the history table ({@code forge_nodes} for {@code forge_migrations}), and the checks
 * of deferred files against them.
 */
public final class Fleet {

	Fleet(ForgeConfiguration configuration) {
	}

	/**
	 * Registers this node and heartbeats for it on a connection of its own, without holding
	 * a transaction open, until the membership is closed.
	 * @param registration what the node registers
	 * @param heartbeat how often it heartbeats
	 * @return the membership
	 */
	public FleetMembership join(NodeRegistration registration, Duration heartbeat) {
		throw new UnsupportedOperationException("not implemented yet");
	}

	/**
	 * Returns the live nodes: those whose last heartbeat is newer than the node timeout.
	 * @return the nodes, oldest first
	 */
	public List<FleetNode> liveNodes() {
		throw new UnsupportedOperationException("not implemented yet");
	}

	/**
	 * Checks every pending deferred file against the live nodes.
	 * @return one check per pending deferred file, in run order
	 */
	public List<ContractCheck> contractChecks() {
		throw new UnsupportedOperationException("not implemented yet");
	}

}
