package dev.forge.boot.autoconfigure;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.autoconfigure.ForgeProperties.ApplyOn;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that runs backfill jobs on this node unless
 * {@code forge.jobs.enabled=false}. Jobs run whatever {@code forge.migrations.apply-on}
 * says: with {@code none}, migrations are applied elsewhere (a deploy step running
 * {@code migrate apply}) and every node still works on the jobs they register. A
 * {@code migrate} command leaves this configuration out.
 *
 * @author FORGE
 * @since 0.1.0
 */
@AutoConfiguration(after = ForgeAutoConfiguration.class)
@ConditionalOnBean(ForgeOperations.class)
@ConditionalOnBooleanProperty(name = "forge.jobs.enabled", matchIfMissing = true)
public final class ForgeJobsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ForgeJobRunner forgeJobRunner(ForgeOperations operations, ForgeProperties properties) {
		return new ForgeJobRunner(operations, properties.getJobs().getPollInterval(),
				properties.getMigrations().getApplyOn() == ApplyOn.READY);
	}

}
