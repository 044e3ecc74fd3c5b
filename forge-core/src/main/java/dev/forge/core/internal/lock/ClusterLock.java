package dev.forge.core.internal.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import dev.forge.core.ClusterLockTimeoutException;
import dev.forge.core.LockHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide migration lock, so that only one node migrates at a time: a
 * transaction-level PostgreSQL advisory lock, held by a transaction that stays open on a
 * connection of its own while the node migrates.
 * <p>
 * A transaction keeps its server connection behind a pooler in transaction mode (PgBouncer),
 * where a session-level lock would stay on a server connection that the next client gets.
 * It dies with the holder's connection, so a killed node leaves no stale lock behind. The
 * transaction keeps no snapshot between statements and writes nothing, so neither
 * {@code CREATE INDEX CONCURRENTLY} nor {@code VACUUM} waits for it ({@link #HOLD}). It is tried with
 * {@code pg_try_advisory_xact_lock} and polled with backoff, each try in a transaction of
 * its own that ends when the lock is not free. While held, the transaction's
 * {@code application_name} names the node, which {@link #holder} reports.
 */
public final class ClusterLock implements AutoCloseable {

	/**
	 * The statement that readies a transaction that took the lock for holding it: it keeps
	 * {@code idle_in_transaction_session_timeout} from ending it and, being a statement that
	 * takes no snapshot, replaces the portal of the query before it, whose snapshot would
	 * otherwise hold back the transaction's xmin, and with it every
	 * {@code CREATE INDEX CONCURRENTLY}, until the lock is released.
	 */
	public static final String HOLD = "SET LOCAL idle_in_transaction_session_timeout = 0";

	private static final Logger logger = LoggerFactory.getLogger(ClusterLock.class);

	/** First key of the two-key advisory lock: "FORG". */
	private static final int CLASS_ID = 0x464F5247;

	private static final Duration MAX_POLL = Duration.ofSeconds(1);

	private final Connection connection;

	private ClusterLock(Connection connection) {
		this.connection = connection;
	}

	/**
	 * Takes the lock for a history table, waiting at most {@code wait}.
	 * @param connection a connection of the lock's own, in autocommit mode; the lock holds
	 * it in a transaction until it is closed
	 * @param historyTable the qualified history table, which keys the lock
	 * @param node the node's name, shown as the holder's {@code application_name}
	 * @param wait how long to wait for another holder
	 * @return the held lock; close it to release
	 * @throws ClusterLockTimeoutException if another session held it throughout
	 * @throws SQLException on database errors
	 */
	public static ClusterLock acquire(Connection connection, String historyTable, String node, Duration wait)
			throws SQLException {
		long deadline = System.nanoTime() + wait.toNanos();
		long pause = 50;
		boolean reported = false;
		connection.setAutoCommit(false);
		try {
			while (!tryLock(connection, historyTable, node)) {
				if (!reported) {
					logger.info("Waiting up to {}s for the migration lock on {}, held by {}", wait.toSeconds(),
							historyTable, holderName(connection, historyTable));
					reported = true;
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new ClusterLockTimeoutException("Could not acquire the migration lock on [" + historyTable
							+ "] within " + wait.toSeconds() + "s: it is held by " + holderName(connection, historyTable)
							+ ". Another node is migrating; increase 'forge.migrations.cluster-lock-wait' or check"
							+ " that node.");
				}
				// a transaction that waits would keep a pooler's server connection from the holder
				connection.rollback();
				sleep(Math.min(pause, Duration.ofNanos(left).toMillis() + 1));
				pause = Math.min(pause * 2, MAX_POLL.toMillis());
			}
			return new ClusterLock(connection);
		}
		catch (SQLException | RuntimeException ex) {
			end(connection, false);
			throw ex;
		}
	}

	/**
	 * Returns the statement that tries the lock of a history table once in the current
	 * transaction, for sending together with other statements in one round trip: its one
	 * row holds, in its second column, whether the lock was taken; {@link #HOLD} must follow
	 * it. Its parameter is the node's name.
	 * @param historyTable the qualified history table, which keys the lock
	 * @return the statement, with one parameter
	 */
	public static String tryLockStatement(String historyTable) {
		return "SELECT set_config('application_name', ?, true), pg_try_advisory_xact_lock(" + CLASS_ID + ", ("
				+ historyTable.hashCode() + ")::integer)";
	}

	/**
	 * Returns the lock that the open transaction of a connection took with
	 * {@link #tryLockStatement}.
	 * @param connection the connection, not in autocommit mode
	 * @return the held lock; close it to release
	 */
	public static ClusterLock taken(Connection connection) {
		return new ClusterLock(connection);
	}

	/**
	 * Ends a try that did not take the lock, so that the connection holds no transaction
	 * while it waits.
	 * @param connection the connection of the try
	 */
	public static void notTaken(Connection connection) {
		end(connection, false);
	}

	/**
	 * Returns the session that holds the lock of a history table, if any.
	 * @param connection any connection to the database
	 * @param historyTable the qualified history table
	 * @return the holder
	 * @throws SQLException on database errors
	 */
	public static Optional<LockHolder> holder(Connection connection, String historyTable) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT a.pid, a.application_name,"
				+ " host(a.client_addr), a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
				+ " WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 2"
				+ " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
			statement.setLong(1, Integer.toUnsignedLong(CLASS_ID));
			statement.setLong(2, Integer.toUnsignedLong(historyTable.hashCode()));
			try (ResultSet result = statement.executeQuery()) {
				if (!result.next()) {
					return Optional.empty();
				}
				java.sql.Timestamp since = result.getTimestamp(4);
				String application = result.getString(2);
				return Optional.of(new LockHolder(result.getInt(1), (application != null) ? application : "",
						result.getString(3), (since != null) ? since.toInstant() : null));
			}
		}
	}

	/** Releases the lock by ending its transaction. */
	@Override
	public void close() {
		end(this.connection, true);
	}

	private static void end(Connection connection, boolean commit) {
		try {
			if (connection.isClosed()) {
				return;
			}
			if (commit) {
				connection.commit();
			}
			else {
				connection.rollback();
			}
			connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			// never hide the error that may be on its way out; the lock dies with the connection
			logger.warn("Could not release the migration lock: {}", ex.getMessage());
		}
	}

	private static boolean tryLock(Connection connection, String historyTable, String node) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(tryLockStatement(historyTable))) {
			statement.setString(1, node);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				if (!result.getBoolean(2)) {
					return false;
				}
			}
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute(HOLD);
		}
		return true;
	}

	private static String holderName(Connection connection, String historyTable) throws SQLException {
		return holder(connection, historyTable).map(LockHolder::toString).orElse("another node");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClusterLockTimeoutException("Interrupted while waiting for the migration lock");
		}
	}

}
