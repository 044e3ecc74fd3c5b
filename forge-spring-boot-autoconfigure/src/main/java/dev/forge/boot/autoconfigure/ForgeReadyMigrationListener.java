package dev.forge.boot.autoconfigure;

import dev.forge.boot.ForgeOperations;

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

	private final ForgeOperations operations;

	/**
	 * Creates a listener.
	 * @param operations the operations that apply them
	 */
	public ForgeReadyMigrationListener(ForgeOperations operations) {
		this.operations = operations;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		AvailabilityChangeEvent.publish(event.getApplicationContext(), ReadinessState.REFUSING_TRAFFIC);
		this.operations.apply();
	}

}
