package dev.forge.boot.command;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Runs the {@code migrate} command when the application was started with one, before
 * any other runner. Does nothing otherwise.
 * <p>
 * A command that succeeds closes the application, and the JVM ends with exit code 0 once
 * the application's main method returns. A command that fails (1) or was given bad
 * arguments (2) throws an exception that is an {@link ExitCodeGenerator}:
 * {@code SpringApplication} closes the application and ends the JVM with that code,
 * without a stack trace, since the command line has printed the failure.
 *
 * @author FORGE
 * @since 0.1.0
 */
class MigrateCommandRunner implements ApplicationRunner, Ordered {

	private final ApplicationContext context;

	private final MigrateCommandLine commandLine;

	/**
	 * Creates a runner.
	 * @param context the application context, closed once a command has succeeded
	 * @param commandLine the command line
	 */
	public MigrateCommandRunner(ApplicationContext context, MigrateCommandLine commandLine) {
		this.context = context;
		this.commandLine = commandLine;
	}

	@Override
	public void run(ApplicationArguments args) {
		String[] sourceArgs = args.getSourceArgs();
		if (!MigrateCommand.isRequested(sourceArgs)) {
			return;
		}
		int code = this.commandLine.run(sourceArgs);
		if (code != MigrateCommandLine.SUCCESS) {
			throw new MigrateCommandException("The migrate command", code);
		}
		// the command was the application's whole job: release the connections (and an
		// embedded database) now rather than in the JVM's shutdown hook
		if (this.context instanceof ConfigurableApplicationContext configurable) {
			configurable.close();
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
