package dev.forge.boot.command;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * Prepares a run of the {@code migrate} command line: when the first argument that is
 * not an option is {@code migrate}, no web server is started and migrations are not
 * applied on start-up (the command decides), and the banner and start-up logging are
 * quietened unless configured otherwise.
 *
 * @author FORGE
 * @since 0.1.0
 */
public final class MigrateCommandEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source that holds the settings this processor forces. */
	public static final String PROPERTY_SOURCE_NAME = "forgeMigrateCommand";

	/** Name of the property source that holds the defaults this processor adds. */
	public static final String DEFAULTS_PROPERTY_SOURCE_NAME = "forgeMigrateCommandDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!isMigrateCommand(environment)) {
			return;
		}
		Map<String, Object> forced = new LinkedHashMap<>();
		forced.put("spring.main.web-application-type", "none");
		forced.put("forge.migrations.apply-on", "none");
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, forced));
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("spring.main.log-startup-info", "false");
		defaults.put("logging.level.root", "warn");
		environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_PROPERTY_SOURCE_NAME, defaults));
	}

	private static boolean isMigrateCommand(ConfigurableEnvironment environment) {
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
