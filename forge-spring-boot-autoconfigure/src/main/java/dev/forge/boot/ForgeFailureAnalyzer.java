package dev.forge.boot;

import java.util.stream.Collectors;

import dev.forge.core.BreakingChangeException;
import dev.forge.core.ChecksumMismatchException;
import dev.forge.core.ClusterLockTimeoutException;
import dev.forge.core.ForgeException;
import dev.forge.core.LockTimeoutException;
import dev.forge.core.MigrationExecution;
import dev.forge.core.MigrationFailedException;
import dev.forge.core.MigrationFileException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a failed or refused migration into Spring Boot's start-up failure report: FORGE's
 * message (which names the file, the line and PostgreSQL's error) and the next step,
 * instead of a stack trace.
 *
 * @author FORGE
 */
class ForgeFailureAnalyzer extends AbstractFailureAnalyzer<ForgeException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ForgeException cause) {
		return new FailureAnalysis(completed(cause) + "FORGE could not migrate the database:\n\n    "
				+ indent(cause.getMessage()), action(cause), cause);
	}

	private static String action(ForgeException cause) {
		if (cause instanceof LockTimeoutException) {
			return "Another session held a lock the migration needed. Apply again when that session has finished "
					+ "(the migration's changes were rolled back), or raise 'forge.migrations.lock-timeout' or "
					+ "'forge.migrations.lock-retries'.";
		}
		if (cause instanceof MigrationFailedException failed) {
			return "Fix the statement at line " + failed.line() + " of " + failed.migration()
					+ ", then start the application again.";
		}
		if (cause instanceof ChecksumMismatchException) {
			return "Restore the applied file's original content, or accept the change with "
					+ "'java -jar <app>.jar migrate repair'.";
		}
		if (cause instanceof ClusterLockTimeoutException) {
			return "Another node is applying migrations. Start again once it has finished, or raise "
					+ "'forge.migrations.cluster-lock-wait'.";
		}
		if (cause instanceof MigrationFileException) {
			return "Fix the migration file named above; files are named NNNN_slug.sql and hold '-- Up' and "
					+ "'-- Down' sections.";
		}
		if (cause instanceof BreakingChangeException) {
			return "Deploy code that no longer uses what the migration changes to every node, then add"
					+ " '-- forge:allow-breaking' to the file (or set 'forge.migrations.on-breaking' to warn or allow).";
		}
		return "See 'java -jar <app>.jar migrate status' for where each migration stands, "
				+ "and the forge.migrations.* properties.";
	}

	/** What the run applied before it failed stays applied: the report says so first. */
	private static String completed(ForgeException cause) {
		if (cause.completed().isEmpty()) {
			return "";
		}
		return "FORGE applied " + cause.completed().size() + " migration"
				+ ((cause.completed().size() == 1) ? "" : "s") + " before the failure (they stay applied): "
				+ cause.completed().stream().map(MigrationExecution::name).collect(Collectors.joining(", ")) + ".\n\n";
	}

	private static String indent(String message) {
		return message.replace("\n", "\n    ");
	}

}
