package dev.forge.core.internal.fleet;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import dev.forge.core.FleetMembership;
import dev.forge.core.FleetNode;
import dev.forge.core.ForgeException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's membership: a daemon thread that heartbeats on one connection of its own, held
 * for the membership in autocommit mode, so that the node never leaves a transaction open
 * and locks nothing but its own row for the moment of its {@code UPDATE}. A row deleted as
 * expired (the node stalled longer than the timeout) is registered again; a lost connection
 * is opened again at the next beat, logged once until it works again.
 */
public final class NodeHeartbeat implements FleetMembership {

	private static final Logger logger = LoggerFactory.getLogger(NodeHeartbeat.class);

	private final DataSource dataSource;

	private final NodeTable table;

	private final FleetNode node;

	private final Duration interval;

	private final Duration timeout;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition stopped = this.lock.newCondition();

	private final Thread thread;

	private @Nullable Connection connection;

	private boolean stopping;

	private boolean failing;

	private NodeHeartbeat(DataSource dataSource, NodeTable table, FleetNode node, Duration interval,
			Duration timeout, Connection connection) {
		this.dataSource = dataSource;
		this.table = table;
		this.node = node;
		this.interval = interval;
		this.timeout = timeout;
		this.connection = connection;
		this.thread = new Thread(this::run, "forge-fleet-heartbeat");
		this.thread.setDaemon(true);
	}

	/**
	 * Registers a node and starts its heartbeats.
	 * @param dataSource where the connection comes from
	 * @param table the nodes table
	 * @param node the node to register
	 * @param interval how often it heartbeats
	 * @param timeout the node timeout, after which other nodes consider it gone
	 * @return the membership
	 */
	public static NodeHeartbeat join(DataSource dataSource, NodeTable table, FleetNode node, Duration interval,
			Duration timeout) {
		if (interval.isZero() || interval.isNegative()) {
			throw new ForgeException("The heartbeat interval must be positive, not " + interval
					+ ": set 'forge.fleet.heartbeat'.");
		}
		Connection connection = null;
		try {
			connection = open(dataSource);
			table.register(connection, node, timeout);
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new ForgeException("Could not register node " + node.id() + " in " + table.qualifiedName() + ": "
					+ ex.getMessage(), ex);
		}
		NodeHeartbeat heartbeat = new NodeHeartbeat(dataSource, table, node, interval, timeout, connection);
		heartbeat.thread.start();
		logger.info("Node {} ({}) joined the fleet in {}, heartbeat every {} ms", node.id(), node.describe(),
				table.qualifiedName(), interval.toMillis());
		return heartbeat;
	}

	/**
	 * Opens the heartbeat connection in autocommit mode. It gets no session setting, not even
	 * a name: behind a pooler in transaction mode the next client would get it.
	 */
	private static Connection open(DataSource dataSource) throws SQLException {
		Connection connection = dataSource.getConnection();
		try {
			connection.setAutoCommit(true);
			return connection;
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw ex;
		}
	}

	@Override
	public String nodeId() {
		return this.node.id();
	}

	private void run() {
		while (awaitNextBeat()) {
			beat();
		}
	}

	private boolean awaitNextBeat() {
		this.lock.lock();
		try {
			long nanos = this.interval.toNanos();
			while (!this.stopping && nanos > 0) {
				nanos = this.stopped.awaitNanos(nanos);
			}
			return !this.stopping;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void beat() {
		try {
			Connection current = this.connection;
			if (current == null) {
				current = open(this.dataSource);
				this.connection = current;
			}
			if (!this.table.heartbeat(current, this.node.id())) {
				logger.warn("Node {} had expired (no heartbeat for {} ms) and was removed from {}: registering it"
						+ " again", this.node.id(), this.timeout.toMillis(), this.table.qualifiedName());
				this.table.register(current, this.node, this.timeout);
			}
			if (this.failing) {
				logger.info("Node {} heartbeats again", this.node.id());
				this.failing = false;
			}
		}
		catch (SQLException | RuntimeException ex) {
			if (!this.failing) {
				logger.warn("Node {} could not heartbeat ({}); retrying every {} ms on a new connection",
						this.node.id(), ex.getMessage(), this.interval.toMillis());
				this.failing = true;
			}
			closeQuietly(this.connection);
			this.connection = null;
		}
	}

	@Override
	public void close() {
		this.lock.lock();
		try {
			if (this.stopping) {
				return;
			}
			this.stopping = true;
			this.stopped.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		try {
			this.thread.join(TimeUnit.SECONDS.toMillis(30));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			Connection current = (this.connection != null) ? this.connection : open(this.dataSource);
			this.connection = current;
			this.table.remove(current, this.node.id());
			logger.info("Node {} left the fleet", this.node.id());
		}
		catch (SQLException ex) {
			logger.warn("Node {} could not remove itself from {} ({}); it expires after {} ms", this.node.id(),
					this.table.qualifiedName(), ex.getMessage(), this.timeout.toMillis());
		}
		finally {
			closeQuietly(this.connection);
			this.connection = null;
		}
	}

	private static void closeQuietly(@Nullable Connection connection) {
		if (connection == null) {
			return;
		}
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// a connection that is gone has nothing left to close
		}
	}

}
