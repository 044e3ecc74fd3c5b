package dev.forge.boot.actuate.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.ForgeOperations.CurrentStatus;
import dev.forge.boot.ForgeOperations.LastRun;
import dev.forge.core.ContractCheck;
import dev.forge.core.MigrationInfo;
import dev.forge.core.MigrationState;
import dev.forge.core.StatusReport;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthIndicator} for FORGE Migrations: {@code DOWN} with the error after a failed
 * migration run in this application, or while a no-transaction migration is left
 * {@code FAILED} part-way; otherwise {@code UP} with the number of applied and pending
 * migrations, and the deferred files that wait with the live nodes that block them. Reads the {@linkplain ForgeOperations#currentStatus() cached status} and
 * {@linkplain ForgeOperations#currentContractChecks() deferred files}, so a
 * probe does not read the migration files.
 *
 * @author FORGE
 * @since 0.1.0
 */
public class ForgeHealthIndicator extends AbstractHealthIndicator {

	private final ForgeOperations operations;

	/**
	 * Creates an indicator.
	 * @param operations the operations whose runs and status it watches
	 */
	public ForgeHealthIndicator(ForgeOperations operations) {
		super("FORGE migration status check failed");
		this.operations = operations;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		LastRun lastRun = this.operations.getLastRun();
		if (lastRun != null && lastRun.failure() != null) {
			builder.down()
				.withDetail("error", String.valueOf(lastRun.failure().getMessage()))
				.withDetail("failedAt", lastRun.finishedAt().toString());
			return;
		}
		CurrentStatus current = this.operations.currentStatus();
		StatusReport status = current.report();
		if (status == null) {
			builder.down()
				.withDetail("error", String.valueOf((current.failure() != null) ? current.failure().getMessage() : null))
				.withDetail("readAt", current.readAt().toString());
			return;
		}
		List<MigrationInfo> failed = status.inState(MigrationState.FAILED);
		builder.withDetail("applied", status.inState(MigrationState.APPLIED).size())
			.withDetail("pending", status.inState(MigrationState.PENDING).size());
		if (!status.warnings().isEmpty()) {
			builder.withDetail("warnings", status.warnings());
		}
		List<Map<String, Object>> waiting = waitingDeferred();
		if (!waiting.isEmpty()) {
			builder.withDetail("deferredWaiting", waiting);
		}
		if (!failed.isEmpty()) {
			builder.down()
				.withDetail("error", "Migration " + failed.get(0).name()
						+ " failed part-way; fix it and apply again, it resumes at the failed statement");
			return;
		}
		builder.up();
	}

	/**
	 * The deferred files that wait, with the nodes that block them: details only, since a
	 * deferred file waits for the old code to be gone as a matter of course.
	 */
	private List<Map<String, Object>> waitingDeferred() {
		List<Map<String, Object>> waiting = new ArrayList<>();
		for (ContractCheck check : this.operations.currentContractChecks().checks()) {
			Map<String, Object> migration = new LinkedHashMap<>();
			migration.put("migration", check.migration());
			migration.put("removes", check.removes());
			migration.put("blockedBy", check.blockedBy().stream().map(ContractCheck.Blocker::describe).toList());
			if (check.backfillWait() != null) {
				migration.put("backfillWait", check.backfillWait());
			}
			migration.put("safeToContract", check.safe());
			waiting.add(migration);
		}
		return waiting;
	}

}
