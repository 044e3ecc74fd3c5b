package dev.forge.boot.autoconfigure;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.actuate.health.ForgeHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code forge} health indicator.
 *
 * @author FORGE
 * @since 0.1.0
 */
@AutoConfiguration(after = ForgeAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(ForgeOperations.class)
@ConditionalOnEnabledHealthIndicator("forge")
public final class ForgeHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "forgeHealthIndicator")
	ForgeHealthIndicator forgeHealthIndicator(ForgeOperations operations) {
		return new ForgeHealthIndicator(operations);
	}

}
