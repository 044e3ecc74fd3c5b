package dev.forge.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Whether a pending deferred file (phase 2 of a two-phase change) may remove what it removes:
 * which live nodes' models still use any of it.
 *
 * @param migration the deferred file's migration name
 * @param removes the tables ({@code users}) and columns ({@code users.legacy_email}) it drops or
 * renames
 * @param blockedBy the live nodes whose models use any of it, with what they use
 * @param backfillWait why it waits for a backfill job, or {@code null}
 */
public record ContractCheck(String migration, List<String> removes, List<Blocker> blockedBy,
		@Nullable String backfillWait) {

	/**
	 * Copies the lists.
	 * @param migration the migration
	 * @param removes what it removes
	 * @param blockedBy the nodes that block it
	 * @param backfillWait why it waits for a backfill, or {@code null}
	 */
	public ContractCheck {
		removes = List.copyOf(removes);
		blockedBy = List.copyOf(blockedBy);
	}

	/**
	 * Returns whether no live node uses what the file removes and no backfill holds it back.
	 * @return whether the contract phase is safe now
	 */
	public boolean safe() {
		return this.blockedBy.isEmpty() && this.backfillWait == null;
	}

	/**
	 * A live node that still uses what a deferred file removes.
	 *
	 * @param node the node
	 * @param uses what of the removed tables and columns its models use
	 */
	public record Blocker(FleetNode node, List<String> uses) {

		/**
		 * Returns e.g. {@code web-2 (1.4.2) on host-a pid 41, which uses users.legacy_email}.
		 * @return the description
		 */
		public String describe() {
			return this.node.describe() + ", which uses " + String.join(", ", this.uses);
		}

	}

}
