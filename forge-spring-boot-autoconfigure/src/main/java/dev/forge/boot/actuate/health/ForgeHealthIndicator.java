package dev.forge.boot.actuate.health;

import java.util.List;

import dev.forge.boot.autoconfigure.ForgeMigrator;
import dev.forge.boot.autoconfigure.ForgeMigrator.LastRun;
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
 * migrations.
 *
 * @author FORGE
 * @since 0.1.0
 */
public class ForgeHealthIndicator extends AbstractHealthIndicator {

	private final ForgeMigrator migrator;

	/**
	 * Creates an indicator.
	 * @param migrator the migrator whose runs and engine it watches
	 */
	public ForgeHealthIndicator(ForgeMigrator migrator) {
		super("FORGE migration status check failed");
		this.migrator = migrator;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		LastRun lastRun = this.migrator.getLastRun();
		if (lastRun != null && lastRun.failure() != null) {
			builder.down()
				.withDetail("error", String.valueOf(lastRun.failure().getMessage()))
				.withDetail("failedAt", lastRun.finishedAt().toString());
			return;
		}
		StatusReport status = this.migrator.getForge().status();
		List<MigrationInfo> failed = status.inState(MigrationState.FAILED);
		builder.withDetail("applied", status.inState(MigrationState.APPLIED).size())
			.withDetail("pending", status.inState(MigrationState.PENDING).size());
		if (!status.warnings().isEmpty()) {
			builder.withDetail("warnings", status.warnings());
		}
		if (!failed.isEmpty()) {
			builder.down()
				.withDetail("error", "Migration " + failed.get(0).name()
						+ " failed part-way; fix it and apply again, it resumes at the failed statement");
			return;
		}
		builder.up();
	}

}
