package dev.forge.core;

/**
 * What {@code apply} does with a deferred file (phase 2 of a two-phase change) whose breaking
 * changes are not accepted with {@code -- forge:allow-breaking}.
 */
public enum DeferredPolicy {

	/** It waits for {@code -- forge:allow-breaking}; plan and status say whether it is safe. */
	MANUAL,

	/**
	 * It applies by itself, under the cluster lock, once no live node uses what it removes and
	 * the backfills it waits for are {@code DONE}. Its transaction checks the live nodes again
	 * holding the fleet lock, which registrations take shared, so no node registers between
	 * the check and the commit; the history's note says why it was safe. A deferred file that
	 * runs without a transaction is never applied automatically: it waits for
	 * {@code -- forge:allow-breaking}.
	 */
	AUTO

}
