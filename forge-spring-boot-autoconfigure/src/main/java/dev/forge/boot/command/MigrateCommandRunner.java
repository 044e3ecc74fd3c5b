package dev.forge.boot.command;

import java.util.function.IntConsumer;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;

/**
 * Runs the {@code migrate} command when the application was started with one, before
 * any other runner, then closes the application and exits with the command's exit code.
 * Does nothing otherwise.
 *
 * @author FORGE
 * @since 0.1.0
 */
public class MigrateCommandRunner implements ApplicationRunner, Ordered {

	private final ApplicationContext context;

	private final MigrateCommandLine commandLine;

	private final IntConsumer exit;

	/**
	 * Creates a runner that ends the JVM with {@link System#exit(int)}.
	 * @param context the application context, closed before exiting
	 * @param commandLine the command line
	 */
	public MigrateCommandRunner(ApplicationContext context, MigrateCommandLine commandLine) {
		this(context, commandLine, System::exit);
	}

	/**
	 * Creates a runner.
	 * @param context the application context, closed before exiting
	 * @param commandLine the command line
	 * @param exit what to do with the exit code once the context is closed
	 */
	public MigrateCommandRunner(ApplicationContext context, MigrateCommandLine commandLine, IntConsumer exit) {
		this.context = context;
		this.commandLine = commandLine;
		this.exit = exit;
	}

	@Override
	public void run(ApplicationArguments args) {
		String[] sourceArgs = args.getSourceArgs();
		if (!MigrateCommand.isRequested(sourceArgs)) {
			return;
		}
		int code = this.commandLine.run(sourceArgs);
		this.exit.accept(SpringApplication.exit(this.context, () -> code));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
