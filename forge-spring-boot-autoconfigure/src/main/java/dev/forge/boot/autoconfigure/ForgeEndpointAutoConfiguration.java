package dev.forge.boot.autoconfigure;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.actuate.endpoint.ForgeDriftEndpoint;
import dev.forge.boot.actuate.endpoint.ForgeJobsEndpoint;
import dev.forge.boot.actuate.endpoint.ForgeMigrationsEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code forge-migrations}, {@code forge-drift} and
 * {@code forge-jobs} endpoints.
 *
 * @author FORGE
 * @since 0.1.0
 */
@AutoConfiguration(after = ForgeAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(ForgeOperations.class)
public final class ForgeEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	ForgeMigrationsEndpoint forgeMigrationsEndpoint(ForgeOperations operations) {
		return new ForgeMigrationsEndpoint(operations);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	ForgeDriftEndpoint forgeDriftEndpoint(ForgeOperations operations) {
		return new ForgeDriftEndpoint(operations);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	ForgeJobsEndpoint forgeJobsEndpoint(ForgeOperations operations) {
		return new ForgeJobsEndpoint(operations);
	}

}
