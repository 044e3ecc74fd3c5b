package dev.forge.boot.command;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Leaves out, during a {@code migrate} command, Spring Boot's auto-configurations that
 * the command does not need: of Spring Boot's own, only the DataSource, the context
 * basics and service connections stay; of FORGE's, only {@code ForgeAutoConfiguration}.
 * Other libraries' auto-configurations stay, since one of them may provide the
 * DataSource. Filtering here, before their conditions are evaluated, saves loading and
 * evaluating the web, JPA, Actuator and metrics auto-configurations, which lazy
 * initialization alone does not; and unlike {@code spring.autoconfigure.exclude} it adds
 * to the application's own exclusions instead of replacing them. Ordered first,
 * so that Spring Boot's own filters (class and bean conditions) skip what it leaves out.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class MigrateCommandAutoConfigurationFilter
		implements AutoConfigurationImportFilter, EnvironmentAware, BeanClassLoaderAware {

	private static final String SPRING_BOOT = "org.springframework.boot.";

	private static final String FORGE = "dev.forge.boot.";

	/** Packages of Spring Boot's auto-configurations that a DataSource may need. */
	private static final Set<String> SPRING_BOOT_PACKAGES = Set.of("org.springframework.boot.autoconfigure.context",
			"org.springframework.boot.autoconfigure.ssl", "org.springframework.boot.jdbc.autoconfigure");

	/** Spring Boot's service connections, which may provide the DataSource's details. */
	private static final List<String> SPRING_BOOT_PREFIXES = List.of("org.springframework.boot.testcontainers.",
			"org.springframework.boot.docker.compose.");

	private static final Set<String> FORGE_AUTO_CONFIGURATIONS = Set.of(
			"dev.forge.boot.autoconfigure.ForgeAutoConfiguration", MigrateCommandAutoConfiguration.class.getName());

	private @Nullable Environment environment;

	private @Nullable ClassLoader classLoader;

	private @Nullable Set<String> autoConfigurations;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses,
			AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		boolean migrateCommand = this.environment != null
				&& MigrateCommandEnvironmentPostProcessor.isMigrateCommand(this.environment);
		for (int i = 0; i < matches.length; i++) {
			String candidate = autoConfigurationClasses[i];
			matches[i] = !migrateCommand || candidate == null || !isAutoConfiguration(candidate) || isNeeded(candidate);
		}
		return matches;
	}

	/**
	 * Spring Boot also asks this filter about the classes that auto-configurations import
	 * and nest (their {@code @Configuration} classes, registrars): those must stay.
	 */
	private boolean isAutoConfiguration(String className) {
		Set<String> candidates = this.autoConfigurations;
		if (candidates == null) {
			candidates = new HashSet<>(ImportCandidates.load(AutoConfiguration.class, this.classLoader).getCandidates());
			this.autoConfigurations = candidates;
		}
		return candidates.contains(className);
	}

	static boolean isNeeded(String autoConfiguration) {
		if (autoConfiguration.startsWith(FORGE)) {
			return FORGE_AUTO_CONFIGURATIONS.contains(autoConfiguration);
		}
		if (autoConfiguration.startsWith(SPRING_BOOT)) {
			return SPRING_BOOT_PACKAGES.contains(ClassUtils.getPackageName(autoConfiguration))
					|| SPRING_BOOT_PREFIXES.stream().anyMatch(autoConfiguration::startsWith);
		}
		return true;
	}

}
