package dev.forge.boot.autoconfigure;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Applies pending migrations once the application is ready
 * ({@code forge.migrations.apply-on=ready}, the default). Readiness is held at
 * {@link ReadinessState#REFUSING_TRAFFIC} meanwhile: Spring Boot announces
 * {@link ReadinessState#ACCEPTING_TRAFFIC} only after this listener returns, and a failed
 * run stops the application.
 *
 * @author FORGE
 * @since 0.1.0
 */
public class ForgeReadyMigrationListener implements ApplicationListener<ApplicationReadyEvent> {

	private final ForgeMigrator migrator;

	/**
	 * Creates a listener.
	 * @param migrator the migrator to run
	 */
	public ForgeReadyMigrationListener(ForgeMigrator migrator) {
		this.migrator = migrator;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		AvailabilityChangeEvent.publish(event.getApplicationContext(), ReadinessState.REFUSING_TRAFFIC);
		this.migrator.apply();
	}

}
