package dev.forge.boot.autoconfigure;

import dev.forge.core.ForgeConfiguration;

/**
 * Callback to customize FORGE's configuration before the {@link dev.forge.core.Forge}
 * bean is built. Customizers run in order, after the {@code forge.migrations.*}
 * properties have been applied, so they have the last word.
 *
 * @author FORGE
 * @since 0.1.0
 */
@FunctionalInterface
public interface ForgeConfigurationCustomizer {

	/**
	 * Customizes the configuration.
	 * @param configuration the builder to customize
	 */
	void customize(ForgeConfiguration.Builder configuration);

}
