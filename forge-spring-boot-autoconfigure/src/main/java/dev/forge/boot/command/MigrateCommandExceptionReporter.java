package dev.forge.boot.command;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports a {@link MigrateCommandException} as handled, without the "application failed
 * to start" report or a stack trace: the command line printed the failure itself. Ordered
 * first, so that failure analyzers never see it; real start-up failures still reach them.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class MigrateCommandExceptionReporter implements SpringBootExceptionReporter {

	@Override
	public boolean reportException(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MigrateCommandException) {
				return true;
			}
		}
		return false;
	}

}
