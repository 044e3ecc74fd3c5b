package dev.forge.core.internal.runner;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.forge.core.ForgeConfiguration;
import dev.forge.core.ForgeException;
import dev.forge.core.LockTimeoutException;
import dev.forge.core.MigrationExecution;
import dev.forge.core.MigrationFailedException;
import dev.forge.core.internal.backfill.Backfills;
import dev.forge.core.internal.history.AppliedMigration;
import dev.forge.core.internal.history.SchemaHistory;
import dev.forge.core.internal.migration.LockTimeouts;
import dev.forge.core.internal.migration.MigrationScript;
import dev.forge.core.internal.script.SqlStatement;
import dev.forge.core.internal.script.Token;
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

	private final Backfills backfills;

	ScriptExecutor(ForgeConfiguration configuration, SchemaHistory history, Backfills backfills) {
		this.configuration = configuration;
		this.history = history;
		this.backfills = backfills;
	}

	MigrationExecution applyUp(Connection connection, MigrationScript script, @Nullable AppliedMigration failedRun)
			throws SQLException {
		if (script.directives().backfill() != null) {
			// the UPDATE runs later, in batches: the file's transaction records it and registers its job
			return runInTransaction(connection, script, "Up", List.of(), (elapsed) -> {
				registerBackfill(connection, script);
				this.history.recordSuccess(connection, script.name().value(), script.checksum(), elapsed.toMillis());
			});
		}
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
			try (StatementTimeouts timeouts = new StatementTimeouts(connection, script)) {
				for (SqlStatement statement : script.down()) {
					executeAlone(connection, script, "Down", statement, timeouts, () -> "The statements of the Down"
							+ " section before this one took effect; " + script.name() + " is still recorded as applied.");
				}
			}
			this.history.delete(connection, script.name().value());
			return new MigrationExecution(script.name().value(), script.down().size(), elapsed(start), false);
		}
		return runInTransaction(connection, script, "Down", script.down(), (elapsed) -> {
			this.history.delete(connection, script.name().value());
			if (script.directives().backfill() != null) {
				this.backfills.jobs().delete(connection, script.name().value());
			}
		});
	}

	private void registerBackfill(Connection connection, MigrationScript script) throws SQLException {
		try {
			this.backfills.register(connection, script);
		}
		catch (RuntimeException ex) {
			// leaving autocommit mode would commit the open transaction
			connection.rollback();
			throw ex;
		}
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
				boolean lockTimeoutChanged = false;
				for (SqlStatement statement : statements) {
					current = statement;
					jdbc.execute(statement.sql());
					lockTimeoutChanged |= changesLockTimeout(statement);
				}
				current = null;
				if (lockTimeoutChanged) {
					// a session-level SET commits with the transaction: keep it from the next file
					jdbc.execute("SET lock_timeout = '" + configuredLockTimeout() + "'");
				}
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
				if (!connection.isClosed()) {
					// a connection the server ended has no mode left to restore, and the error must not hide
					connection.setAutoCommit(true);
				}
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
		try (StatementTimeouts timeouts = new StatementTimeouts(connection, script)) {
			for (int i = from; i < statements.size(); i++) {
				SqlStatement statement = statements.get(i);
				int done = i;
				executeAlone(connection, script, "Up", statement, timeouts,
						() -> recordFailedProgress(connection, script, done, start));
				if (i + 1 < statements.size()) {
					this.history.recordProgress(connection, name, script.checksum(), elapsed(start).toMillis(), i + 1);
				}
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
			StatementTimeouts timeouts, Outcome onFailure) throws SQLException {
		boolean concurrentIndex = InvalidIndexes.isCreateIndexConcurrently(statement);
		int attempts = this.configuration.lockRetries() + 1;
		for (int attempt = 1;; attempt++) {
			InvalidIndexes.Before before = null;
			if (concurrentIndex) {
				InvalidIndexes.dropIfInvalid(connection, statement);
				before = InvalidIndexes.before(connection, statement);
			}
			try (Statement jdbc = connection.createStatement()) {
				timeouts.before(statement);
				try {
					jdbc.execute(statement.sql());
				}
				finally {
					timeouts.after(statement);
				}
				if (before != null) {
					InvalidIndexes.dropEarlierAttempts(connection, before);
				}
				return;
			}
			catch (SQLException ex) {
				if (before != null) {
					InvalidIndexes.dropLeftBy(connection, before);
				}
				if (FailureReport.isLockTimeout(ex) && attempt < attempts) {
					pauseBeforeRetry(script, attempt, attempts);
					continue;
				}
				throw failure(connection, script, section, statement, ex, attempt, onFailure.describe());
			}
		}
	}

	/**
	 * Whether a statement may change the session's {@code lock_timeout}: a {@code SET} or
	 * {@code RESET} of it (or of everything), or a call that names it.
	 */
	private static boolean changesLockTimeout(SqlStatement statement) {
		List<Token> tokens = statement.significantTokens();
		if (tokens.isEmpty()) {
			return false;
		}
		if ((tokens.get(0).is("RESET") || tokens.get(0).is("DISCARD")) && tokens.size() > 1 && tokens.get(1).is("ALL")) {
			return true;
		}
		return tokens.stream().anyMatch((token) -> token.text().toLowerCase(Locale.ROOT).contains("lock_timeout"));
	}

	private String configuredLockTimeout() {
		return LockTimeouts.format(this.configuration.lockTimeout());
	}

	private MigrationFailedException failure(Connection connection, MigrationScript script, String section,
			SqlStatement statement, SQLException ex, int attempts, String consequence) {
		String name = script.name().value();
		int line = FailureReport.line(statement, ex);
		if (FailureReport.isLockTimeout(ex)) {
			String waitedFor = LockBlockers.describe(connection, statement);
			String timeout = (script.directives().lockTimeout() != null) ? script.directives().lockTimeout()
					: configuredLockTimeout();
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

	/**
	 * The session's {@code lock_timeout} while a section runs statement by statement: the
	 * file's own timeout for every statement when it sets one; otherwise none for a
	 * statement that waits for older transactions ({@code CREATE|DROP INDEX CONCURRENTLY},
	 * {@code REINDEX CONCURRENTLY}), whose wait blocks no other session, and the configured
	 * one for the rest. The configured value is back when the section ends, however it ends.
	 */
	private final class StatementTimeouts implements AutoCloseable {

		private final Connection connection;

		private final @Nullable String fileTimeout;

		private final String configured;

		private @Nullable String current;

		StatementTimeouts(Connection connection, MigrationScript script) {
			this.connection = connection;
			this.fileTimeout = script.directives().lockTimeout();
			this.configured = configuredLockTimeout();
			this.current = this.configured;
		}

		void before(SqlStatement statement) throws SQLException {
			String wanted = (this.fileTimeout != null) ? this.fileTimeout
					: statement.waitsForOlderTransactions() ? "0" : this.configured;
			if (!wanted.equals(this.current)) {
				set(wanted);
			}
		}

		void after(SqlStatement statement) {
			if (changesLockTimeout(statement)) {
				this.current = null;
			}
		}

		private void set(String value) throws SQLException {
			this.current = null;
			try (Statement jdbc = this.connection.createStatement()) {
				jdbc.execute("SET lock_timeout = '" + value + "'");
			}
			this.current = value;
		}

		/** Gives the configured value back; a failure is logged, never thrown over the outcome. */
		@Override
		public void close() {
			if (this.configured.equals(this.current)) {
				return;
			}
			try {
				set(this.configured);
			}
			catch (SQLException ex) {
				logger.warn("Could not set lock_timeout back to {}: {}", this.configured, ex.getMessage());
			}
		}

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
