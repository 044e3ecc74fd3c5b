package dev.forge.boot.actuate.metrics;

import dev.forge.boot.autoconfigure.ForgeMigrationListener;
import dev.forge.core.ApplyResult;
import dev.forge.core.Forge;
import dev.forge.core.MigrationExecution;
import dev.forge.core.MigrationState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer metrics of FORGE Migrations: a {@code forge.migration.duration} timer per
 * applied migration (tag {@code migration}), and a {@code forge.migrations.pending}
 * gauge that reads the history table when it is sampled.
 *
 * @author FORGE
 * @since 0.1.0
 */
public class ForgeMetrics implements ForgeMigrationListener {

	/** Name of the timer of applied migrations. */
	public static final String DURATION = "forge.migration.duration";

	/** Name of the gauge of pending migrations. */
	public static final String PENDING = "forge.migrations.pending";

	private final MeterRegistry registry;

	private final Forge forge;

	/**
	 * Creates the metrics and registers the gauge.
	 * @param registry the registry
	 * @param forge the engine
	 */
	public ForgeMetrics(MeterRegistry registry, Forge forge) {
		this.registry = registry;
		this.forge = forge;
		Gauge.builder(PENDING, this, ForgeMetrics::pending)
			.description("Number of migration files not yet applied")
			.register(registry);
	}

	@Override
	public void applied(ApplyResult result) {
		for (MigrationExecution execution : result.applied()) {
			Timer.builder(DURATION)
				.description("Time taken to apply a migration")
				.tag("migration", execution.name())
				.register(this.registry)
				.record(execution.duration());
		}
	}

	private double pending() {
		try {
			return this.forge.status().inState(MigrationState.PENDING).size();
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

}
