package dev.forge.boot.autoconfigure;

import dev.forge.boot.ForgeOperations;
import dev.forge.core.DeferredPolicy;
import dev.forge.core.NodeRegistration;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that registers this application as a node of the fleet unless
 * {@code forge.fleet.enabled=false}: its name ({@code spring.application.name}), its
 * version (build info, when a {@link BuildProperties} bean exists) and the tables and
 * columns its models use. With {@code forge.migrations.deferred=auto} the node also applies
 * deferred files once no live node uses what they remove. A {@code migrate} command leaves
 * this configuration out: a short-lived run is not a node.
 *
 * @author FORGE
 * @since 0.1.0
 */
@AutoConfiguration(after = ForgeAutoConfiguration.class)
@ConditionalOnBean(ForgeOperations.class)
@ConditionalOnBooleanProperty(name = "forge.fleet.enabled", matchIfMissing = true)
public final class ForgeFleetAutoConfiguration {

	/** The application name of a node without {@code spring.application.name}. */
	static final String DEFAULT_APPLICATION = "application";

	@Bean
	@ConditionalOnMissingBean
	ForgeFleetNode forgeFleetNode(ForgeOperations operations, ForgeProperties properties, ForgeModels models,
			Environment environment, ObjectProvider<BuildProperties> buildProperties,
			ObjectProvider<ForgeReadyMigrationListener> readyMigrations) {
		// apply-on=ready applies during refresh in a JPA application: only a ready-time
		// apply is waited for
		return new ForgeFleetNode(operations,
				() -> NodeRegistration.ofModels(environment.getProperty("spring.application.name", DEFAULT_APPLICATION),
						version(buildProperties.getIfAvailable()), models.getClasses()),
				properties.getFleet().getHeartbeat(),
				properties.getMigrations().getDeferred() == DeferredPolicy.AUTO,
				readyMigrations.getIfAvailable() != null);
	}

	private static @Nullable String version(@Nullable BuildProperties buildProperties) {
		return (buildProperties != null) ? buildProperties.getVersion() : null;
	}

}
