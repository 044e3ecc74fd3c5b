package dev.forge.boot.command;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.autoconfigure.ForgeAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code migrate} command line: a runner that does the command
 * when the application was started with {@code migrate} as its first argument, and nothing
 * otherwise.
 *
 * @author FORGE
 * @since 0.1.0
 */
@AutoConfiguration(after = ForgeAutoConfiguration.class)
@ConditionalOnBean(ForgeOperations.class)
public final class MigrateCommandAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MigrateCommandRunner forgeMigrateCommandRunner(ApplicationContext context, ForgeOperations operations) {
		return new MigrateCommandRunner(context, new MigrateCommandLine(operations, System.out, System.err,
				BackfillProgress.isTerminal()));
	}

}
