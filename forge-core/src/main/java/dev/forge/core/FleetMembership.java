package dev.forge.core;

/**
 * This node's place in the fleet: heartbeats on a connection of its own until closed; closing
 * removes the node.
 */
public interface FleetMembership extends AutoCloseable {

	/**
	 * Returns this node's id.
	 * @return the id
	 */
	String nodeId();

	/**
	 * Stops the heartbeats and removes this node from the nodes table.
	 */
	@Override
	void close();

}
