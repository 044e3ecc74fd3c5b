package dev.forge.boot.actuate.metrics;

import java.util.List;

import dev.forge.boot.ForgeMigrationListener;
import dev.forge.boot.ForgeMigrationListener.Run;
import dev.forge.boot.ForgeOperations;
import dev.forge.boot.ForgeOperations.CurrentContractChecks;
import dev.forge.boot.ForgeOperations.CurrentStatus;
import dev.forge.core.ApplyResult;
import dev.forge.core.ForgeException;
import dev.forge.core.MigrationExecution;
import dev.forge.core.MigrationState;
import dev.forge.core.RollbackResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer metrics of FORGE Migrations: a {@code forge.migration.duration} timer of the
 * migrations applied and rolled back, from every surface, and a
 * {@code forge.migrations.pending} gauge read from the
 * {@linkplain ForgeOperations#currentStatus() cached status}, and a
 * {@code forge.migrations.deferred.waiting} gauge of the deferred files that wait, read from
 * the {@linkplain ForgeOperations#currentContractChecks() cached checks}, which a deploy
 * can watch to know when the contract phase is done. The timer's tags take a few
 * values each ({@code operation}: apply or rollback; {@code transactional}: true or
 * false), never a migration's name, so the number of series stays bounded however many
 * migrations an application has.
 *
 * @author FORGE
 * @since 0.1.0
 */
public class ForgeMetrics implements ForgeMigrationListener {

	/** Name of the timer of applied and rolled back migrations. */
	public static final String DURATION = "forge.migration.duration";

	/** Name of the gauge of pending migrations. */
	public static final String PENDING = "forge.migrations.pending";

	/** Name of the gauge of deferred migrations that wait. */
	public static final String DEFERRED_WAITING = "forge.migrations.deferred.waiting";

	private final MeterRegistry registry;

	/**
	 * Creates the metrics and registers the gauge.
	 * @param registry the registry
	 * @param operations where the pending migrations are counted
	 */
	public ForgeMetrics(MeterRegistry registry, ForgeOperations operations) {
		this.registry = registry;
		Gauge.builder(PENDING, operations, ForgeMetrics::pending)
			.description("Number of migration files not yet applied")
			.register(registry);
		Gauge.builder(DEFERRED_WAITING, operations, ForgeMetrics::deferredWaiting)
			.description("Number of deferred migrations (phase 2 of a two-phase change) not yet applied")
			.register(registry);
	}

	@Override
	public void applied(ApplyResult result) {
		record("apply", result.applied());
	}

	@Override
	public void rolledBack(RollbackResult result) {
		record("rollback", result.rolledBack());
	}

	@Override
	public void failed(Run run, RuntimeException failure) {
		if (failure instanceof ForgeException forgeFailure) {
			record((run == Run.APPLY) ? "apply" : "rollback", forgeFailure.completed());
		}
	}

	private void record(String operation, List<MigrationExecution> executions) {
		for (MigrationExecution execution : executions) {
			Timer.builder(DURATION)
				.description("Time taken to apply or roll back a migration")
				.tag("operation", operation)
				.tag("transactional", String.valueOf(execution.transactional()))
				.register(this.registry)
				.record(execution.duration());
		}
	}

	private static double deferredWaiting(ForgeOperations operations) {
		CurrentContractChecks current = operations.currentContractChecks();
		return (current.failure() == null) ? current.checks().size() : Double.NaN;
	}

	private static double pending(ForgeOperations operations) {
		CurrentStatus current = operations.currentStatus();
		return (current.report() != null) ? current.report().inState(MigrationState.PENDING).size() : Double.NaN;
	}

}
