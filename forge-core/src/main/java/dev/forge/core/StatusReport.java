package dev.forge.core;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Every migration with its state, the warnings about them, and who holds the migration
 * lock right now.
 *
 * @param migrations the migrations: files in run order, with missing files among them by
 * name
 * @param warnings out-of-order pending files, files sharing a number, missing files
 * @param lockHolder the session holding the migration lock, or {@code null}
 */
public record StatusReport(List<MigrationInfo> migrations, List<String> warnings, @Nullable LockHolder lockHolder) {

	/**
	 * Returns the migrations in a state.
	 * @param state the state
	 * @return those migrations, in order
	 */
	public List<MigrationInfo> inState(MigrationState state) {
		return this.migrations.stream().filter((migration) -> migration.state() == state).toList();
	}

	/**
	 * Counts the migrations per state; every state is present.
	 * @return the counts
	 */
	public Map<MigrationState, Integer> counts() {
		Map<MigrationState, Integer> counts = new TreeMap<>();
		for (MigrationState state : MigrationState.values()) {
			counts.put(state, inState(state).size());
		}
		return counts;
	}

}
