package dev.forge.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code apply} would run: the pending migrations in order, each with its statements
 * and the findings of the safety analysis. Nothing is executed to make it.
 *
 * @param migrations the pending migrations, in the order they would run
 * @param serverVersionNum the server's {@code server_version_num} the analysis was made for
 */
public record MigrationPlan(List<PlannedMigration> migrations, int serverVersionNum) {

	/**
	 * Creates a plan.
	 * @param migrations the pending migrations
	 * @param serverVersionNum the server's version
	 */
	public MigrationPlan {
		migrations = List.copyOf(migrations);
	}

	/**
	 * Returns whether there is nothing to apply.
	 * @return {@code true} without pending migrations
	 */
	public boolean isEmpty() {
		return this.migrations.isEmpty();
	}

	/**
	 * Finds a pending migration by name.
	 * @param name the migration's name
	 * @return the planned migration, if it is pending
	 */
	public Optional<PlannedMigration> find(String name) {
		return this.migrations.stream().filter((migration) -> migration.name().equals(name)).findFirst();
	}

	/**
	 * Returns the migrations that {@code apply} runs now: every one before the first that
	 * {@linkplain PlannedMigration#waits() waits}.
	 * @return the leading migrations that do not wait
	 */
	public List<PlannedMigration> runnable() {
		return this.migrations.subList(0, firstWaiting());
	}

	/**
	 * Returns the migrations that {@code apply} leaves pending: the first that
	 * {@linkplain PlannedMigration#waits() waits} and every one after it.
	 * @return the waiting migrations, empty when all of them run
	 */
	public List<PlannedMigration> waiting() {
		return this.migrations.subList(firstWaiting(), this.migrations.size());
	}

	/**
	 * Says why {@code apply} leaves a migration of this plan pending.
	 * @param migration a migration of this plan
	 * @return the reason, starting with "waits", or empty when the migration runs
	 */
	public Optional<String> whyWaiting(PlannedMigration migration) {
		List<PlannedMigration> waiting = waiting();
		if (!waiting.contains(migration)) {
			return Optional.empty();
		}
		PlannedMigration first = waiting.get(0);
		if (migration == first && first.backfillWait() != null) {
			return Optional.of(first.backfillWait());
		}
		if (migration != first) {
			return Optional.of("waits with " + first.name() + ".");
		}
		String waits = "waits: it is marked '-- forge:deferred' and its breaking changes are not accepted yet.";
		ContractCheck contract = first.contract();
		if (contract == null || contract.removes().isEmpty()) {
			return Optional.of(waits + " Add '-- forge:allow-breaking' to it once every node runs code that no longer"
					+ " uses the old schema.");
		}
		if (!contract.blockedBy().isEmpty()) {
			return Optional.of(waits + " It waits for " + String.join("; ",
					contract.blockedBy().stream().map(ContractCheck.Blocker::describe).toList()) + ".");
		}
		return Optional.of(waits + " It is safe to contract: no live node uses " + String.join(", ", contract.removes())
				+ "; add '-- forge:allow-breaking' or set forge.migrations.deferred=auto.");
	}

	/**
	 * Returns the checks of the pending deferred files against the live nodes.
	 * @return one check per deferred file that removes tables or columns, in run order
	 */
	public List<ContractCheck> contractChecks() {
		return this.migrations.stream()
			.map(PlannedMigration::contract)
			.filter(Objects::nonNull)
			.map(Objects::requireNonNull)
			.toList();
	}

	private int firstWaiting() {
		for (int i = 0; i < this.migrations.size(); i++) {
			if (this.migrations.get(i).waits()) {
				return i;
			}
		}
		return this.migrations.size();
	}

	/**
	 * Returns the migrations that {@link BreakingChangePolicy#FAIL} refuses.
	 * @return the migrations with breaking changes and without {@code -- forge:allow-breaking}
	 */
	public List<PlannedMigration> needingBreakingAcceptance() {
		return this.migrations.stream().filter(PlannedMigration::needsBreakingAcceptance).toList();
	}

}
