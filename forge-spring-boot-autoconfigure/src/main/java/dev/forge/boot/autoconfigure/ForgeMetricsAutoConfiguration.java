package dev.forge.boot.autoconfigure;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.actuate.metrics.ForgeBackfillMetrics;
import dev.forge.boot.actuate.metrics.ForgeMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the Micrometer metrics of FORGE Migrations and of its backfill
 * jobs.
 *
 * @author FORGE
 * @since 0.1.0
 */
@AutoConfiguration(after = ForgeAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, ForgeOperations.class })
public final class ForgeMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ForgeMetrics forgeMetrics(MeterRegistry registry, ForgeOperations operations) {
		return new ForgeMetrics(registry, operations);
	}

	/**
	 * The engine takes its backfill listeners when it is created: this bean needs only the
	 * registry, so that creating it does not need the engine.
	 */
	@Bean
	@ConditionalOnMissingBean
	ForgeBackfillMetrics forgeBackfillMetrics(MeterRegistry registry) {
		return new ForgeBackfillMetrics(registry);
	}

}
