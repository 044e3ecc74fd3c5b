package dev.forge.core;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

import dev.forge.core.internal.runner.ModelUses;
import org.jspecify.annotations.Nullable;

/**
 * What a node registers about itself when it joins the fleet.
 *
 * @param application the application's name
 * @param version the application's version, or {@code null}
 * @param uses the tables ({@code users}) and columns ({@code users.legacy_email}) its models use
 */
public record NodeRegistration(String application, @Nullable String version, Set<String> uses) {

	/**
	 * Checks and copies the registration.
	 * @param application the application's name
	 * @param version the version
	 * @param uses the tables and columns
	 */
	public NodeRegistration {
		// sorted, so that every surface lists them in the same order
		uses = Collections.unmodifiableSortedSet(new TreeSet<>(uses));
	}

	/**
	 * Registers the tables and columns that model classes map to.
	 * @param application the application's name
	 * @param version the version, or {@code null}
	 * @param models the {@code @ForgeModel} classes
	 * @return the registration
	 */
	public static NodeRegistration ofModels(String application, @Nullable String version,
			Collection<Class<?>> models) {
		return new NodeRegistration(application, version, ModelUses.of(models));
	}

}
