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
 * The cluster-wide migration lock: a session-level PostgreSQL advisory lock, so that only
 * one node migrates at a time.
 * <p>
 * It is taken with {@code pg_try_advisory_lock} in autocommit mode and polled with backoff,
 * never waited for inside a transaction: a waiting node holds no snapshot that
 * {@code CREATE INDEX CONCURRENTLY} on the holder would have to wait for. Being
 * session-level, it dies with the holder's connection, so a killed node leaves no stale
 * lock behind. While held, the session's {@code application_name} names the node, which
 * {@link #holder} reports.
 */
public final class ClusterLock implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ClusterLock.class);

	/** First key of the two-key advisory lock: "FORG". */
	private static final int CLASS_ID = 0x464F5247;

	private static final Duration MAX_POLL = Duration.ofSeconds(1);

	private final Connection connection;

	private final int objectId;

	private ClusterLock(Connection connection, int objectId) {
		this.connection = connection;
		this.objectId = objectId;
	}

	/**
	 * Takes the lock for a history table, waiting at most {@code wait}.
	 * @param connection a connection in autocommit mode, kept open while the lock is held
	 * @param historyTable the qualified history table, which keys the lock
	 * @param wait how long to wait for another holder
	 * @return the held lock; close it to release
	 * @throws ClusterLockTimeoutException if another session held it throughout
	 * @throws SQLException on database errors
	 */
	public static ClusterLock acquire(Connection connection, String historyTable, Duration wait) throws SQLException {
		int objectId = historyTable.hashCode();
		long deadline = System.nanoTime() + wait.toNanos();
		long pause = 50;
		boolean reported = false;
		while (!tryLock(connection, objectId)) {
			if (!reported) {
				logger.info("Waiting up to {}s for the migration lock on {}, held by {}", wait.toSeconds(),
						historyTable, holder(connection, historyTable).map(LockHolder::toString).orElse("another node"));
				reported = true;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				String holder = holder(connection, historyTable).map(LockHolder::toString).orElse("another node");
				throw new ClusterLockTimeoutException("Could not acquire the migration lock on [" + historyTable
						+ "] within " + wait.toSeconds() + "s: it is held by " + holder + ". Another node is"
						+ " migrating; increase 'forge.migrations.cluster-lock-wait' or check that node.");
			}
			sleep(Math.min(pause, Duration.ofNanos(left).toMillis() + 1));
			pause = Math.min(pause * 2, MAX_POLL.toMillis());
		}
		return new ClusterLock(connection, objectId);
	}

	/**
	 * Returns the statement that tries the lock of a history table once, for sending
	 * together with other statements in one round trip: its one row holds whether the lock
	 * was taken, in which case {@link #taken} stands for it.
	 * @param historyTable the qualified history table, which keys the lock
	 * @return the statement, without parameters
	 */
	public static String tryLockStatement(String historyTable) {
		return call("pg_try_advisory_lock", historyTable.hashCode());
	}

	/**
	 * Returns the lock of a history table that this session took with
	 * {@link #tryLockStatement}.
	 * @param connection the session's connection
	 * @param historyTable the qualified history table
	 * @return the held lock; close it, or send {@link #releaseStatement()}, to release
	 */
	public static ClusterLock taken(Connection connection, String historyTable) {
		return new ClusterLock(connection, historyTable.hashCode());
	}

	/**
	 * Returns the statement that releases the lock, for sending together with other
	 * statements in one round trip instead of {@link #close()}.
	 * @return the statement, without parameters
	 */
	public String releaseStatement() {
		return call("pg_advisory_unlock", this.objectId);
	}

	/** The call of a two-key advisory lock function; the keys are numbers, written out. */
	private static String call(String function, int objectId) {
		// parenthesised so that Integer.MIN_VALUE, negated bigint, casts back to integer
		return "SELECT " + function + "(" + CLASS_ID + ", (" + objectId + ")::integer)";
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

	/** Releases the lock. */
	@Override
	public void close() {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(releaseStatement());
		}
		catch (SQLException ex) {
			// never hide the error that may be on its way out; the lock dies with the session
			logger.warn("Could not release the migration lock: {}", ex.getMessage());
		}
	}

	private static boolean tryLock(Connection connection, int objectId) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(call("pg_try_advisory_lock", objectId))) {
			result.next();
			return result.getBoolean(1);
		}
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
