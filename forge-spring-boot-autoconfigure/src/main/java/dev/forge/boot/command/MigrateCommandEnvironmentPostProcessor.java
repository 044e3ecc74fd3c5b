package dev.forge.boot.command;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * Prepares a run of the {@code migrate} command line: when the first argument that is
 * not an option is {@code migrate}, no web server is started and migrations are not
 * applied on start-up (the command decides). Unless configured otherwise, beans are
 * initialized lazily, so that the command creates only what it uses (the DataSource and
 * FORGE's beans: no JPA {@code EntityManagerFactory} that would validate the schema the
 * command is about to fix, no scheduled beans), Hibernate's schema management is off
 * (so that a JPA application with {@code ddl-auto=validate} runs every command against a
 * schema that does not match its entities yet), and the banner and start-up logging are
 * quietened. In this mode, the application's runners are not run and only the
 * auto-configurations FORGE needs are applied.
 *
 * @author FORGE
 * @since 0.1.0
 */
final class MigrateCommandEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source that holds the settings this processor forces. */
	public static final String PROPERTY_SOURCE_NAME = "forgeMigrateCommand";

	/** Name of the property source that holds the defaults this processor adds. */
	public static final String DEFAULTS_PROPERTY_SOURCE_NAME = "forgeMigrateCommandDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!isRequested(environment)) {
			return;
		}
		Map<String, Object> forced = new LinkedHashMap<>();
		forced.put("spring.main.web-application-type", "none");
		forced.put("forge.migrations.apply-on", "none");
		// the command runs to fix a schema that may not match the entities yet: should
		// an EntityManagerFactory start after all (one the application defines eagerly),
		// Hibernate must neither validate nor change the schema
		forced.put("spring.jpa.hibernate.ddl-auto", "none");
		forced.put("spring.jpa.properties.hibernate.hbm2ddl.auto", "none");
		forced.put("spring.jpa.properties.jakarta.persistence.schema-generation.database.action", "none");
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, forced));
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.main.lazy-initialization", "true");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("spring.main.log-startup-info", "false");
		defaults.put("logging.level.root", "warn");
		environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_PROPERTY_SOURCE_NAME, defaults));
	}

	/**
	 * Whether this processor prepared the environment for a {@code migrate} command.
	 * @param environment the application's environment
	 * @return whether the application runs a {@code migrate} command
	 */
	static boolean isMigrateCommand(Environment environment) {
		return environment instanceof ConfigurableEnvironment configurable
				&& configurable.getPropertySources().contains(PROPERTY_SOURCE_NAME);
	}

	private static boolean isRequested(ConfigurableEnvironment environment) {
		PropertySource<?> source = environment.getPropertySources()
			.get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
		if (source == null) {
			return false;
		}
		Object nonOptionArgs = source.getProperty(CommandLinePropertySource.DEFAULT_NON_OPTION_ARGS_PROPERTY_NAME);
		if (nonOptionArgs == null) {
			return false;
		}
		String[] args = StringUtils.commaDelimitedListToStringArray(nonOptionArgs.toString());
		return args.length > 0 && MigrateCommand.MIGRATE.equals(args[0]);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
