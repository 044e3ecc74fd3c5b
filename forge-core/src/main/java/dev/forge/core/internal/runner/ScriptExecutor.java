package dev.forge.core.internal.runner;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.forge.core.ForgeConfiguration;
import dev.forge.core.ForgeException;
import dev.forge.core.LockTimeoutException;
import dev.forge.core.MigrationExecution;
import dev.forge.core.MigrationFailedException;
import dev.forge.core.internal.history.AppliedMigration;
import dev.forge.core.internal.history.SchemaHistory;
import dev.forge.core.internal.migration.LockTimeouts;
import dev.forge.core.internal.migration.MigrationScript;
import dev.forge.core.internal.script.SqlStatement;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sections of migration files on a connection that is in autocommit mode and
 * whose session {@code lock_timeout} is already set to the configured value.
 * <p>
 * A transactional section runs in one transaction together with its history change, so
 * that either both happen or neither does. A no-transaction section runs statement by
 * statement and records its progress after each one, so that a failed or killed run
 * resumes at the statement that did not finish.
 */
final class ScriptExecutor {

	private static final Logger logger = LoggerFactory.getLogger(ScriptExecutor.class);

	private final ForgeConfiguration configuration;

	private final SchemaHistory history;

	ScriptExecutor(ForgeConfiguration configuration, SchemaHistory history) {
		this.configuration = configuration;
		this.history = history;
	}

	MigrationExecution applyUp(Connection connection, MigrationScript script, @Nullable AppliedMigration failedRun)
			throws SQLException {
		if (script.upRunsWithoutTransaction()) {
			int from = (failedRun != null && failedRun.statementsDone() != null) ? failedRun.statementsDone() : 0;
			return runWithoutTransaction(connection, script, from);
		}
		return runInTransaction(connection, script, "Up", script.up(), (elapsed) -> this.history
			.recordSuccess(connection, script.name().value(), script.checksum(), elapsed.toMillis()));
	}

	MigrationExecution applyDown(Connection connection, MigrationScript script) throws SQLException {
		if (script.downRunsWithoutTransaction()) {
			long start = System.nanoTime();
			for (SqlStatement statement : script.down()) {
				executeAlone(connection, script, "Down", statement, () -> "The statements of the Down section"
						+ " before this one took effect; " + script.name() + " is still recorded as applied.");
			}
			this.history.delete(connection, script.name().value());
			return new MigrationExecution(script.name().value(), script.down().size(), elapsed(start), false);
		}
		return runInTransaction(connection, script, "Down", script.down(),
				(elapsed) -> this.history.delete(connection, script.name().value()));
	}

	private MigrationExecution runInTransaction(Connection connection, MigrationScript script, String section,
			List<SqlStatement> statements, HistoryChange historyChange) throws SQLException {
		int attempts = this.configuration.lockRetries() + 1;
		for (int attempt = 1;; attempt++) {
			long start = System.nanoTime();
			SqlStatement current = null;
			connection.setAutoCommit(false);
			try (Statement jdbc = connection.createStatement()) {
				String lockTimeout = script.directives().lockTimeout();
				if (lockTimeout != null) {
					jdbc.execute("SET LOCAL lock_timeout = '" + lockTimeout + "'");
				}
				for (SqlStatement statement : statements) {
					current = statement;
					jdbc.execute(statement.sql());
				}
				current = null;
				Duration elapsed = elapsed(start);
				historyChange.apply(elapsed);
				connection.commit();
				return new MigrationExecution(script.name().value(), statements.size(), elapsed, true);
			}
			catch (SQLException ex) {
				rollbackQuietly(connection);
				if (current == null) {
					throw ex;
				}
				if (FailureReport.isLockTimeout(ex) && attempt < attempts) {
					pauseBeforeRetry(script, attempt, attempts);
					continue;
				}
				throw failure(connection, script, section, current, ex, attempt,
						"Its transaction was rolled back and nothing was recorded"
								+ (section.equals("Up") ? "; later migrations did not run." : "."));
			}
			finally {
				connection.setAutoCommit(true);
			}
		}
	}

	private MigrationExecution runWithoutTransaction(Connection connection, MigrationScript script, int from)
			throws SQLException {
		List<SqlStatement> statements = script.up();
		String name = script.name().value();
		if (from > 0 && from < statements.size()) {
			logger.info("Resuming {} at statement {} of {} (line {}): the statements before it took effect in an"
					+ " earlier run", name, from + 1, statements.size(), statements.get(from).line());
		}
		long start = System.nanoTime();
		for (int i = from; i < statements.size(); i++) {
			SqlStatement statement = statements.get(i);
			int done = i;
			executeAlone(connection, script, "Up", statement, () -> recordFailedProgress(connection, script, done,
					start));
			if (i + 1 < statements.size()) {
				this.history.recordProgress(connection, name, script.checksum(), elapsed(start).toMillis(), i + 1);
			}
		}
		Duration elapsed = elapsed(start);
		this.history.recordSuccess(connection, name, script.checksum(), elapsed.toMillis());
		return new MigrationExecution(name, statements.size() - from, elapsed, false);
	}

	private String recordFailedProgress(Connection connection, MigrationScript script, int done, long start) {
		try {
			this.history.recordProgress(connection, script.name().value(), script.checksum(),
					elapsed(start).toMillis(), done);
		}
		catch (SQLException ex) {
			logger.warn("Could not record the progress of {}: {}", script.name(), ex.getMessage());
		}
		return ((done == 0) ? "No statement of it took effect"
				: "Its first " + done + " statement" + ((done == 1) ? "" : "s") + " took effect")
				+ "; it is marked FAILED and the next apply resumes at this statement. Later migrations did not run.";
	}

	/** Runs one statement in autocommit mode, with lock retries and index clean-up. */
	private void executeAlone(Connection connection, MigrationScript script, String section, SqlStatement statement,
			Outcome onFailure) throws SQLException {
		boolean concurrentIndex = InvalidIndexes.isCreateIndexConcurrently(statement);
		String indexName = concurrentIndex ? InvalidIndexes.indexName(statement) : null;
		int attempts = this.configuration.lockRetries() + 1;
		for (int attempt = 1;; attempt++) {
			Set<Long> invalidBefore = Set.of();
			if (concurrentIndex) {
				if (indexName != null) {
					InvalidIndexes.dropIfInvalid(connection, indexName);
				}
				invalidBefore = InvalidIndexes.snapshot(connection);
			}
			try (Statement jdbc = connection.createStatement()) {
				// CONCURRENTLY waits for every older transaction; a short lock_timeout would
				// cancel it whenever one exists, and the wait blocks no other session
				String lockTimeout = concurrentIndex ? script.directives().lockTimeout() : null;
				if (concurrentIndex) {
					jdbc.execute("SET lock_timeout = '" + ((lockTimeout != null) ? lockTimeout : "0") + "'");
				}
				try {
					jdbc.execute(statement.sql());
				}
				finally {
					if (concurrentIndex) {
						jdbc.execute("SET lock_timeout = '" + LockTimeouts.format(this.configuration.lockTimeout())
								+ "'");
					}
				}
				return;
			}
			catch (SQLException ex) {
				if (concurrentIndex) {
					InvalidIndexes.dropNew(connection, invalidBefore);
				}
				if (FailureReport.isLockTimeout(ex) && attempt < attempts) {
					pauseBeforeRetry(script, attempt, attempts);
					continue;
				}
				throw failure(connection, script, section, statement, ex, attempt, onFailure.describe());
			}
		}
	}

	private MigrationFailedException failure(Connection connection, MigrationScript script, String section,
			SqlStatement statement, SQLException ex, int attempts, String consequence) {
		String name = script.name().value();
		int line = FailureReport.line(statement, ex);
		if (FailureReport.isLockTimeout(ex)) {
			String waitedFor = LockBlockers.describe(connection, statement);
			String timeout = (script.directives().lockTimeout() != null) ? script.directives().lockTimeout()
					: LockTimeouts.format(this.configuration.lockTimeout());
			return new LockTimeoutException("Migration " + name + " gave up after lock_timeout " + timeout
					+ " waiting for " + waitedFor + " (" + script.location() + ", line " + line + ", "
					+ attempts + " attempt" + ((attempts == 1) ? "" : "s") + ").\n" + FailureReport.quote(statement)
					+ "\n" + consequence
					+ " Try again when the table is free, or raise 'forge.migrations.lock-timeout' or"
					+ " 'forge.migrations.lock-retries'.", name, line, ex.getSQLState(), ex);
		}
		return new MigrationFailedException(FailureReport.describe(script, section, statement, ex) + "\n"
				+ consequence, name, line, ex.getSQLState(), ex);
	}

	private void pauseBeforeRetry(MigrationScript script, int attempt, int attempts) {
		long pause = this.configuration.lockRetryBackoff().toMillis() << Math.min(attempt - 1, 10);
		logger.warn("{} timed out waiting for a lock (attempt {} of {}); retrying in {} ms", script.name(), attempt,
				attempts, pause);
		try {
			Thread.sleep(pause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ForgeException("Interrupted while waiting to retry " + script.name());
		}
	}

	private static void rollbackQuietly(Connection connection) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			logger.debug("Rollback failed", ex);
		}
	}

	private static Duration elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	@FunctionalInterface
	private interface HistoryChange {

		void apply(Duration elapsed) throws SQLException;

	}

	@FunctionalInterface
	private interface Outcome {

		String describe();

	}

}
