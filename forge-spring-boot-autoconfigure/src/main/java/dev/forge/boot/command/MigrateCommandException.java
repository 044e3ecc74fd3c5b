package dev.forge.boot.command;

import org.springframework.boot.ExitCodeGenerator;

/**
 * A {@code migrate} command that ended with a non-zero exit code. Thrown out of the
 * application's run so that Spring Boot closes the context and exits the JVM with the
 * code; the command line has already printed what went wrong, so it has no stack trace
 * and {@link MigrateCommandExceptionReporter} keeps Spring Boot from reporting it again.
 */
class MigrateCommandException extends RuntimeException implements ExitCodeGenerator {

	private final int exitCode;

	MigrateCommandException(String command, int exitCode) {
		super(command + " exited with code " + exitCode, null, false, false);
		this.exitCode = exitCode;
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
