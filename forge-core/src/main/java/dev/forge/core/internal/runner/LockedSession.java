package dev.forge.core.internal.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import dev.forge.core.internal.history.AppliedMigration;
import dev.forge.core.internal.history.SchemaHistory;
import dev.forge.core.internal.lock.ClusterLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session of a run that changes the database: named after the node, its
 * {@code lock_timeout} set, the cluster lock held and the history read after the lock was
 * taken.
 * <p>
 * Opening it sends the settings, the attempt at the lock and, when the history table is
 * known to exist, the read of the history in one round trip. They run in that order, each
 * statement with a snapshot of its own, so the history read sees every migration that a
 * node which held the lock before committed. Closing it releases the lock and gives the
 * settings back in one more round trip. When the lock is held elsewhere it is polled
 * ({@link ClusterLock#acquire}) and the history read once it is taken.
 */
final class LockedSession implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LockedSession.class);

	private final Connection connection;

	private final SessionSettings settings;

	private final ClusterLock lock;

	private final SchemaHistory history;

	private @Nullable List<AppliedMigration> rows;

	private LockedSession(Connection connection, SessionSettings settings, ClusterLock lock, SchemaHistory history,
			@Nullable List<AppliedMigration> rows) {
		this.connection = connection;
		this.settings = settings;
		this.lock = lock;
		this.history = history;
		this.rows = rows;
	}

	/**
	 * Sets the session up, takes the lock, waiting at most {@code wait}, and creates the
	 * history table unless it is known to exist.
	 * @param connection a connection in autocommit mode
	 * @param settings the session settings; the node's name among them is set before the
	 * lock is taken, so that status never shows a holder without its name
	 * @param history the history table, which keys the lock
	 * @param wait how long to wait for another holder
	 * @param historyExists whether the history table is known to exist, so that it is read
	 * with the lock
	 */
	static LockedSession open(Connection connection, SessionSettings settings, SchemaHistory history, Duration wait,
			boolean historyExists) throws SQLException {
		String table = history.qualifiedName();
		boolean locked;
		List<AppliedMigration> rows = null;
		try (PreparedStatement statement = connection.prepareStatement(settings.setStatement() + ";\n"
				+ ClusterLock.tryLockStatement(table) + (historyExists ? ";\n" + history.selectAllStatement() : ""))) {
			settings.bindSet(statement, 1);
			statement.execute();
			settings.readPrevious(statement.getResultSet());
			statement.getMoreResults();
			ResultSet lockResult = statement.getResultSet();
			lockResult.next();
			locked = lockResult.getBoolean(1);
			if (locked && historyExists) {
				statement.getMoreResults();
				rows = history.rows(statement.getResultSet());
			}
		}
		catch (SQLException ex) {
			// the statements failed together and the settings with them, but an advisory lock
			// ignores transactions: release it in case it was taken
			ClusterLock.taken(connection, table).close();
			throw ex;
		}
		try {
			ClusterLock lock = locked ? ClusterLock.taken(connection, table)
					: ClusterLock.acquire(connection, table, wait);
			try {
				if (!historyExists) {
					history.createIfMissing(connection);
				}
				return new LockedSession(connection, settings, lock, history, rows);
			}
			catch (SQLException | RuntimeException ex) {
				lock.close();
				throw ex;
			}
		}
		catch (SQLException | RuntimeException ex) {
			settings.restore(connection);
			throw ex;
		}
	}

	Connection connection() {
		return this.connection;
	}

	/**
	 * Returns the history as read under the lock, oldest first.
	 * @return the rows
	 * @throws SQLException on database errors
	 */
	List<AppliedMigration> history() throws SQLException {
		if (this.rows == null) {
			this.rows = this.history.loadExisting(this.connection);
		}
		return this.rows;
	}

	/** Releases the lock and gives the settings back; a failure is logged, never thrown. */
	@Override
	public void close() {
		try {
			if (this.connection.isClosed()) {
				return;
			}
			try (PreparedStatement statement = this.connection
				.prepareStatement(this.lock.releaseStatement() + ";\n" + this.settings.restoreStatement())) {
				this.settings.bindRestore(statement, 1);
				statement.execute();
			}
		}
		catch (SQLException ex) {
			// never hide the error that may be on its way out; both die with the session
			logger.warn("Could not release the migration lock and restore the session settings: {}",
					ex.getMessage());
		}
	}

}
