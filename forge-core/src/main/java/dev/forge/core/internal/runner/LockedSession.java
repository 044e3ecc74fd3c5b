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
import org.slf4j.LoggerFactory;

/**
 * The connections of a run that changes the database: one that holds the cluster lock in
 * a transaction, and one that migrates, with the history read after the lock was taken.
 * <p>
 * Opening it sends the attempt at the lock and, when the history table is known to exist,
 * the read of the history in one round trip, in that order, each statement with a
 * snapshot of its own, so the history read sees every migration that a node which held the
 * lock before committed. Closing it ends the lock's transaction. When the lock is held
 * elsewhere it is polled ({@link ClusterLock#acquire}) and the history read once it is
 * taken. Neither connection keeps a session setting of FORGE's: behind a pooler in
 * transaction mode the next client would get it.
 */
final class LockedSession implements AutoCloseable {

	private final Connection connection;

	private final Connection lockConnection;

	private final ClusterLock lock;

	private final SchemaHistory history;

	private @Nullable List<AppliedMigration> rows;

	private LockedSession(Connection connection, Connection lockConnection, ClusterLock lock, SchemaHistory history,
			@Nullable List<AppliedMigration> rows) {
		this.connection = connection;
		this.lockConnection = lockConnection;
		this.lock = lock;
		this.history = history;
		this.rows = rows;
	}

	/**
	 * Takes the lock, waiting at most {@code wait}, and creates the history table unless it
	 * is known to exist.
	 * @param connection the connection that migrates, in autocommit mode
	 * @param lockConnection a connection of the lock's own, in autocommit mode, closed with
	 * the session
	 * @param node the node's name, shown as the lock's holder
	 * @param history the history table, which keys the lock
	 * @param wait how long to wait for another holder
	 * @param historyExists whether the history table is known to exist, so that it is read
	 * with the lock
	 */
	static LockedSession open(Connection connection, Connection lockConnection, String node, SchemaHistory history,
			Duration wait, boolean historyExists) throws SQLException {
		try {
			String table = history.qualifiedName();
			boolean locked;
			List<AppliedMigration> rows = null;
			lockConnection.setAutoCommit(false);
			try (PreparedStatement statement = lockConnection.prepareStatement(ClusterLock.tryLockStatement(table)
					+ (historyExists ? ";\n" + history.selectAllStatement() : "") + ";\n" + ClusterLock.HOLD)) {
				statement.setString(1, node);
				statement.execute();
				ResultSet lockResult = statement.getResultSet();
				lockResult.next();
				locked = lockResult.getBoolean(2);
				if (locked && historyExists) {
					statement.getMoreResults();
					rows = history.rows(statement.getResultSet());
				}
			}
			ClusterLock lock;
			if (locked) {
				lock = ClusterLock.taken(lockConnection);
			}
			else {
				ClusterLock.notTaken(lockConnection);
				lock = ClusterLock.acquire(lockConnection, table, node, wait);
			}
			try {
				if (!historyExists) {
					history.createIfMissing(connection);
				}
				return new LockedSession(connection, lockConnection, lock, history, rows);
			}
			catch (SQLException | RuntimeException ex) {
				lock.close();
				throw ex;
			}
		}
		catch (SQLException | RuntimeException ex) {
			closeQuietly(lockConnection);
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

	/** Releases the lock and gives its connection back; a failure is logged, never thrown. */
	@Override
	public void close() {
		this.lock.close();
		closeQuietly(this.lockConnection);
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// never hide the error that may be on its way out
			LoggerFactory.getLogger(LockedSession.class).warn("Could not close the migration lock's connection: {}",
					ex.getMessage());
		}
	}

}
