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
import dev.forge.core.internal.script.TransactionControl;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sections of migration files on a connection in autocommit mode, each
 * transaction with the {@link StatementSettings} of the run.
 * <p>
 * A transactional section runs in one transaction together with its history change, so
 * that either both happen or neither does. A no-transaction section runs statement by
 * statement, each in a transaction of its own together with the record of its progress, so
 * that a failed or killed run resumes at the statement that did not finish. A statement that
 * cannot run in a transaction block ({@code CREATE INDEX CONCURRENTLY}, {@code VACUUM}, …),
 * and every statement inside a transaction block the file opens itself, runs alone in
 * autocommit mode, with the settings set for the session around it.
 */
final class ScriptExecutor {

	private static final Logger logger = LoggerFactory.getLogger(ScriptExecutor.class);

	/** SQLSTATE active_sql_transaction: "… cannot run inside a transaction block". */
	private static final String CANNOT_RUN_IN_TRANSACTION = "25001";

	private final ForgeConfiguration configuration;

	private final SchemaHistory history;

	private final Backfills backfills;

	ScriptExecutor(ForgeConfiguration configuration, SchemaHistory history, Backfills backfills) {
		this.configuration = configuration;
		this.history = history;
		this.backfills = backfills;
	}

	MigrationExecution applyUp(Connection connection, StatementSettings settings, MigrationScript script,
			@Nullable AppliedMigration failedRun) throws SQLException {
		return applyUp(connection, settings, script, failedRun, null);
	}

	/**
	 * Applies an Up section; a transactional one with a guard runs only if the guard's check
	 * inside its transaction passes, and records the guard's note.
	 * @throws ContractGuard.Blocked when the guard's check fails; nothing was applied
	 */
	MigrationExecution applyUp(Connection connection, StatementSettings settings, MigrationScript script,
			@Nullable AppliedMigration failedRun, @Nullable ContractGuard guard) throws SQLException {
		if (guard != null && !script.upRunsWithoutTransaction() && script.directives().backfill() == null) {
			return runInTransaction(connection, settings, script, "Up", script.up(), guard,
					(elapsed) -> this.history.recordSuccess(connection, script.name().value(), script.checksum(),
							elapsed.toMillis(), guard.note()));
		}
		if (script.directives().backfill() != null) {
			// the UPDATE runs later, in batches: the file's transaction records it and registers its job
			return runInTransaction(connection, settings, script, "Up", List.of(), (elapsed) -> {
				registerBackfill(connection, script);
				this.history.recordSuccess(connection, script.name().value(), script.checksum(), elapsed.toMillis());
			});
		}
		if (script.upRunsWithoutTransaction()) {
			int from = (failedRun != null && failedRun.statementsDone() != null) ? failedRun.statementsDone() : 0;
			return runWithoutTransaction(connection, settings, script, from);
		}
		return runInTransaction(connection, settings, script, "Up", script.up(), (elapsed) -> this.history
			.recordSuccess(connection, script.name().value(), script.checksum(), elapsed.toMillis()));
	}

	MigrationExecution applyDown(Connection connection, StatementSettings settings, MigrationScript script)
			throws SQLException {
		if (script.downRunsWithoutTransaction()) {
			long start = System.nanoTime();
			try (StatementByStatement section = new StatementByStatement(connection, settings, script)) {
				List<SqlStatement> down = script.down();
				for (int i = 0; i < down.size(); i++) {
					section.execute("Down", i, down.get(i), null, (resumeAt) -> "The statements of the Down section"
							+ " before this one took effect; " + script.name() + " is still recorded as applied.");
				}
			}
			this.history.delete(connection, script.name().value());
			return new MigrationExecution(script.name().value(), script.down().size(), elapsed(start), false);
		}
		return runInTransaction(connection, settings, script, "Down", script.down(), (elapsed) -> {
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

	private MigrationExecution runInTransaction(Connection connection, StatementSettings settings,
			MigrationScript script, String section, List<SqlStatement> statements, HistoryChange historyChange)
			throws SQLException {
		return runInTransaction(connection, settings, script, section, statements, null, historyChange);
	}

	private MigrationExecution runInTransaction(Connection connection, StatementSettings settings,
			MigrationScript script, String section, List<SqlStatement> statements, @Nullable ContractGuard guard,
			HistoryChange historyChange) throws SQLException {
		StatementSettings fileSettings = forFile(settings, script);
		int attempts = this.configuration.lockRetries() + 1;
		for (int attempt = 1;; attempt++) {
			long start = System.nanoTime();
			SqlStatement current = null;
			connection.setAutoCommit(false);
			try (Statement jdbc = connection.createStatement()) {
				String sessionLockTimeout = fileSettings.setLocal(connection);
				if (guard != null && !guard.check(connection)) {
					connection.rollback();
					throw new ContractGuard.Blocked(guard.whyBlocked());
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
					StatementSettings.restore(connection, "lock_timeout", sessionLockTimeout);
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

	/** The run's settings with the file's own lock and statement timeouts, when it sets them. */
	private static StatementSettings forFile(StatementSettings settings, MigrationScript script) {
		String fileTimeout = script.directives().lockTimeout();
		StatementSettings file = (fileTimeout != null) ? settings.with("lock_timeout", fileTimeout) : settings;
		String statementTimeout = script.directives().statementTimeout();
		return (statementTimeout != null) ? file.with("statement_timeout", statementTimeout) : file;
	}

	private MigrationExecution runWithoutTransaction(Connection connection, StatementSettings settings,
			MigrationScript script, int from) throws SQLException {
		List<SqlStatement> statements = script.up();
		String name = script.name().value();
		if (from > 0 && from < statements.size()) {
			logger.info("Resuming {} at statement {} of {} (line {}): the statements before it took effect in an"
					+ " earlier run", name, from + 1, statements.size(), statements.get(from).line());
		}
		long start = System.nanoTime();
		try (StatementByStatement section = new StatementByStatement(connection, settings, script)) {
			for (int i = from; i < statements.size(); i++) {
				int done = i + 1;
				HistoryChange progress = (done < statements.size())
						? (elapsed) -> this.history.recordProgress(connection, name, script.checksum(),
								elapsed(start).toMillis(), done)
						: (elapsed) -> this.history.recordSuccess(connection, name, script.checksum(),
								elapsed(start).toMillis());
				section.execute("Up", i, statements.get(i), progress,
						(resumeAt) -> recordFailedProgress(connection, script, resumeAt, start));
			}
		}
		return new MigrationExecution(name, statements.size() - from, elapsed(start), false);
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

	/**
	 * Whether a statement may change the session's {@code lock_timeout}: a {@code SET} or
	 * {@code RESET} of it (or of everything), or a call that names it.
	 */
	private static boolean changesLockTimeout(SqlStatement statement) {
		// a statement that names neither the setting nor RESET or DISCARD needs no reading
		String sql = statement.sql();
		if (!containsIgnoreCase(sql, "lock_timeout") && !containsIgnoreCase(sql, "RESET")
				&& !containsIgnoreCase(sql, "DISCARD")) {
			return false;
		}
		List<Token> tokens = statement.significantTokens();
		if (tokens.isEmpty()) {
			return false;
		}
		if ((tokens.get(0).is("RESET") || tokens.get(0).is("DISCARD")) && tokens.size() > 1 && tokens.get(1).is("ALL")) {
			return true;
		}
		return tokens.stream().anyMatch((token) -> token.text().toLowerCase(Locale.ROOT).contains("lock_timeout"));
	}

	private static boolean containsIgnoreCase(String text, String part) {
		char first = Character.toLowerCase(part.charAt(0));
		for (int i = 0; i + part.length() <= text.length(); i++) {
			if (Character.toLowerCase(text.charAt(i)) == first && text.regionMatches(true, i, part, 0, part.length())) {
				return true;
			}
		}
		return false;
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
		if (FailureReport.isStatementTimeout(ex)) {
			String timeout = (script.directives().statementTimeout() != null) ? script.directives().statementTimeout()
					: LockTimeouts.format(this.configuration.statementTimeout());
			return new MigrationFailedException("Migration " + name + " was cancelled after statement_timeout "
					+ timeout + " (" + script.location() + ", line " + line + ").\n" + FailureReport.quote(statement)
					+ "\n" + consequence + " Make the statement shorter (e.g. a backfill in batches for an UPDATE),"
					+ " or raise 'forge.migrations.statement-timeout' or the file's '-- forge:statement-timeout'.",
					name, line, ex.getSQLState(), ex);
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
 	 * A section that runs statement by statement: each statement in a transaction of its own
	 * with the section's settings and its history change, or alone when it cannot run in a
	 * transaction block or the file has opened one. Alone, a statement that waits for older
	 * transactions ({@code CREATE|DROP INDEX CONCURRENTLY}, {@code REINDEX CONCURRENTLY})
	 * runs without the configured {@code lock_timeout}, since its wait blocks no other
	 * session, unless the file sets its own.
	 */
	private final class StatementByStatement implements AutoCloseable {

		private final Connection connection;

		private final StatementSettings settings;

		private final MigrationScript script;

		private boolean inFileTransaction;

		/** Where the file's open transaction block starts: a failure inside it resumes there. */
		private int blockStart;

		private @Nullable String sessionLockTimeout;

		private boolean lockTimeoutChanged;

		StatementByStatement(Connection connection, StatementSettings settings, MigrationScript script) {
			this.connection = connection;
			this.settings = forFile(settings, script);
			this.script = script;
		}

		/**
		 * Runs a statement with lock retries, and its history change when there is one.
		 * @param section the section's name, for messages
		 * @param index the statement's index in its section
		 * @param statement the statement
		 * @param historyChange what to record once it took effect, or {@code null}
		 * @param onFailure what the failure means for the migration, given the index of the
		 * statement the next run resumes at
		 */
		void execute(String section, int index, SqlStatement statement, @Nullable HistoryChange historyChange,
				Outcome onFailure) throws SQLException {
			TransactionControl control = statement.transactionControl();
			boolean alone = this.inFileTransaction || control != TransactionControl.NONE
					|| mustRunAlone(statement);
			int attempts = ScriptExecutor.this.configuration.lockRetries() + 1;
			for (int attempt = 1;; attempt++) {
				try {
					if (!alone) {
						try {
							inTransaction(statement, historyChange);
							return;
						}
						catch (SQLException ex) {
							if (!CANNOT_RUN_IN_TRANSACTION.equals(ex.getSQLState())) {
								throw ex;
							}
							alone = true;
						}
					}
					alone(statement);
					if (control != TransactionControl.NONE) {
						this.inFileTransaction = control == TransactionControl.OPENS;
						this.blockStart = index;
					}
					if (historyChange != null && !this.inFileTransaction) {
						historyChange.apply(Duration.ZERO);
					}
					return;
				}
				catch (SQLException ex) {
					if (this.inFileTransaction) {
						// the file's block is aborted and its earlier statements with it: end it, so
						// that the connection goes back usable, and resume at its start
						endFileTransaction();
						throw failure(this.connection, this.script, section, statement, ex, attempt,
								onFailure.describe(this.blockStart));
					}
					if (FailureReport.isLockTimeout(ex) && attempt < attempts) {
						pauseBeforeRetry(this.script, attempt, attempts);
						continue;
					}
					throw failure(this.connection, this.script, section, statement, ex, attempt,
							onFailure.describe(index));
				}
			}
		}

		private void endFileTransaction() {
			this.inFileTransaction = false;
			try (Statement jdbc = this.connection.createStatement()) {
				jdbc.execute("ROLLBACK");
			}
			catch (SQLException ex) {
				logger.warn("Could not end the failed transaction block of {}: {}", this.script.name(), ex.getMessage());
			}
		}

		private void inTransaction(SqlStatement statement, @Nullable HistoryChange historyChange)
				throws SQLException {
			this.connection.setAutoCommit(false);
			try (Statement jdbc = this.connection.createStatement()) {
				String before = this.settings.setLocal(this.connection);
				if (this.sessionLockTimeout == null) {
					this.sessionLockTimeout = before;
				}
				jdbc.execute(statement.sql());
				this.lockTimeoutChanged |= changesLockTimeout(statement);
				if (historyChange != null) {
					historyChange.apply(Duration.ZERO);
				}
				this.connection.commit();
			}
			catch (SQLException ex) {
				rollbackQuietly(this.connection);
				throw ex;
			}
			finally {
				if (!this.connection.isClosed()) {
					this.connection.setAutoCommit(true);
				}
			}
		}

		private void alone(SqlStatement statement) throws SQLException {
			TransactionControl control = statement.transactionControl();
			if (this.inFileTransaction || control != TransactionControl.NONE) {
				// the file's own transaction block gets the settings for itself alone, as a
				// session value set inside it would be lost with it when it rolls back
				try (Statement jdbc = this.connection.createStatement()) {
					jdbc.execute(statement.sql());
					this.lockTimeoutChanged |= changesLockTimeout(statement);
				}
				if (control == TransactionControl.OPENS) {
					String before = this.settings.setLocal(this.connection);
					if (this.sessionLockTimeout == null) {
						this.sessionLockTimeout = before;
					}
				}
				return;
			}
			boolean concurrentIndex = InvalidIndexes.isCreateIndexConcurrently(statement);
			InvalidIndexes.Before before = null;
			if (concurrentIndex) {
				InvalidIndexes.dropIfInvalid(this.connection, statement);
				before = InvalidIndexes.before(this.connection, statement);
			}
			StatementSettings settings = this.settings;
			if (statement.waitsForOlderTransactions() && this.script.directives().lockTimeout() == null) {
				settings = settings.with("lock_timeout", "0");
			}
			if (statement.waitsForOlderTransactions() && this.script.directives().statementTimeout() == null) {
				// it blocks no other session, and cancelled it would leave an invalid index behind
				settings = settings.with("statement_timeout", "0");
			}
			StatementSettings.Previous previous = settings.setForSession(this.connection);
			if (this.sessionLockTimeout == null) {
				this.sessionLockTimeout = previous.lockTimeout();
			}
			try (Statement jdbc = this.connection.createStatement()) {
				jdbc.execute(statement.sql());
				this.lockTimeoutChanged |= changesLockTimeout(statement);
			}
			catch (SQLException ex) {
				if (before != null) {
					InvalidIndexes.dropLeftBy(this.connection, before);
				}
				throw ex;
			}
			finally {
				previous.restore(this.connection);
			}
			if (before != null) {
				InvalidIndexes.dropEarlierAttempts(this.connection, before);
			}
		}

		/**
		 * Gives the session's own {@code lock_timeout} back when a statement changed it; a
		 * failure is logged, never thrown over the outcome.
		 */
		@Override
		public void close() {
			if (!this.lockTimeoutChanged || this.sessionLockTimeout == null) {
				return;
			}
			try {
				StatementSettings.restore(this.connection, "lock_timeout", this.sessionLockTimeout);
			}
			catch (SQLException ex) {
				logger.warn("Could not set lock_timeout back to {}: {}", this.sessionLockTimeout, ex.getMessage());
			}
		}

	}

	/**
	 * Whether a statement cannot run in a transaction block. Others that cannot are found
	 * when PostgreSQL refuses them there, before they do anything.
	 */
	private static boolean mustRunAlone(SqlStatement statement) {
		if (statement.waitsForOlderTransactions()) {
			return true;
		}
		List<Token> tokens = statement.significantTokens();
		return !tokens.isEmpty() && (tokens.get(0).is("VACUUM")
				|| (tokens.size() > 1 && tokens.get(0).is("ALTER") && tokens.get(1).is("SYSTEM")));
	}

	@FunctionalInterface
	private interface HistoryChange {

		void apply(Duration elapsed) throws SQLException;

	}

	@FunctionalInterface
	private interface Outcome {

		String describe(int resumeAt);

	}

}
