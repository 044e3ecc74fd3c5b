package dev.forge.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.forge.boot.ForgeMigrationListener;
import dev.forge.boot.ForgeOperations;
import dev.forge.core.ApplyResult;
import dev.forge.core.ContractCheck;
import dev.forge.core.FleetMembership;
import dev.forge.core.MigrationExecution;
import dev.forge.core.NodeRegistration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * This application's node in the fleet ({@code forge.fleet.enabled}). Once the migrations
 * of the start-up have been applied, it joins the fleet with what its models use, so that
 * deferred files know it still uses the old schema; the engine heartbeats for it. It leaves
 * on a clean stop, after the web server stopped taking requests and before the DataSource
 * closes; a killed node expires after {@code forge.fleet.node-timeout}.
 * <p>
 * With {@code forge.migrations.deferred=auto} it also checks the deferred files at every
 * heartbeat interval, on a thread of its own, and applies when one is safe: the engine
 * checks again under the cluster lock, so two nodes that both see it safe apply it once.
 */
class ForgeFleetNode implements SmartLifecycle, ForgeMigrationListener {

	/**
	 * Stops after the web server (which stops at {@code DEFAULT_PHASE - 2048}): until it
	 * stopped, this node serves requests with the models it registered.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Log logger = LogFactory.getLog(ForgeFleetNode.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private final ForgeOperations operations;

	private final Supplier<NodeRegistration> registration;

	private final Duration heartbeat;

	private final boolean autoContract;

	private final Object monitor = new Object();

	/** Guarded by {@link #monitor}: held until the start-up apply has run. */
	private boolean awaitingStartupApply;

	/** Guarded by {@link #monitor}. */
	private @Nullable ScheduledExecutorService executor;

	/** Guarded by {@link #monitor}. */
	private @Nullable FleetMembership membership;

	/**
	 * Creates a node.
	 * @param operations the operations that join the fleet and apply
	 * @param registration what the node registers, read when it joins
	 * @param heartbeat how often the node heartbeats and, in auto mode, checks the deferred
	 * files
	 * @param autoContract whether deferred files apply once they are safe
	 * ({@code forge.migrations.deferred=auto})
	 * @param awaitStartupApply whether migrations are applied once the application is ready,
	 * so that joining waits for that apply
	 */
	ForgeFleetNode(ForgeOperations operations, Supplier<NodeRegistration> registration, Duration heartbeat,
			boolean autoContract, boolean awaitStartupApply) {
		this.operations = operations;
		this.registration = registration;
		this.heartbeat = heartbeat;
		this.autoContract = autoContract;
		this.awaitingStartupApply = awaitStartupApply;
	}

	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.executor != null) {
				return;
			}
			this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "forge-fleet");
				thread.setDaemon(true);
				return thread;
			});
			if (!this.awaitingStartupApply) {
				this.executor.execute(this::join);
			}
		}
	}

	@Override
	public void applied(ApplyResult result) {
		synchronized (this.monitor) {
			if (this.awaitingStartupApply && this.executor != null) {
				this.awaitingStartupApply = false;
				this.executor.execute(this::join);
			}
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService stopping;
		synchronized (this.monitor) {
			stopping = this.executor;
			this.executor = null;
		}
		if (stopping == null) {
			return;
		}
		// no further check starts; an apply in flight finishes under the cluster lock, and
		// the node leaves after it
		stopping.shutdown();
		try {
			if (!stopping.awaitTermination(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				stopping.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		leave();
	}

	@Override
	public boolean isRunning() {
		synchronized (this.monitor) {
			return this.executor != null;
		}
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Returns this node's membership.
	 * @return the membership, or {@code null} before it joined and after it left
	 */
	@Nullable FleetMembership getMembership() {
		synchronized (this.monitor) {
			return this.membership;
		}
	}

	private void join() {
		NodeRegistration node;
		FleetMembership joined;
		try {
			node = this.registration.get();
			joined = this.operations.join(node, this.heartbeat);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not register this node in the fleet, so deferred files cannot see what its models"
					+ " use (forge.fleet.enabled=false turns the fleet off): " + ex.getMessage(), ex);
			return;
		}
		synchronized (this.monitor) {
			if (this.executor == null) {
				joined.close();
				return;
			}
			this.membership = joined;
			if (this.autoContract) {
				this.executor.scheduleWithFixedDelay(this::contractIfSafe, 0, this.heartbeat.toMillis(),
						TimeUnit.MILLISECONDS);
			}
		}
		logger.info("Joined the fleet as node " + joined.nodeId() + " (" + node.application()
				+ ((node.version() != null) ? " " + node.version() : "") + "), using " + node.uses().size()
				+ " tables and columns");
	}

	private void leave() {
		FleetMembership leaving;
		synchronized (this.monitor) {
			leaving = this.membership;
			this.membership = null;
		}
		if (leaving == null) {
			return;
		}
		try {
			leaving.close();
			logger.info("Left the fleet: node " + leaving.nodeId() + " no longer blocks deferred files");
		}
		catch (RuntimeException ex) {
			logger.warn("Could not remove node " + leaving.nodeId() + " from the fleet; it expires after"
					+ " forge.fleet.node-timeout: " + ex.getMessage());
		}
	}

	/** Applies when a deferred file is safe; the engine re-checks under the cluster lock. */
	private void contractIfSafe() {
		List<ContractCheck> safe;
		try {
			safe = this.operations.contractChecks().stream().filter(ContractCheck::safe).toList();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not check the deferred files against the fleet, checking again in "
					+ this.heartbeat.toSeconds() + " s: " + ex.getMessage());
			return;
		}
		if (safe.isEmpty()) {
			return;
		}
		for (ContractCheck check : safe) {
			logger.info("Deferred file " + check.migration() + " is safe to contract: no live node uses "
					+ String.join(", ", check.removes()) + " and no backfill holds it back; applying it"
					+ " (forge.migrations.deferred=auto)");
		}
		try {
			ApplyResult result = this.operations.apply();
			for (MigrationExecution execution : result.applied()) {
				logger.info("Applied " + execution.name() + " automatically (forge.migrations.deferred=auto)");
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not apply the deferred files that are safe to contract, trying again in "
					+ this.heartbeat.toSeconds() + " s: " + ex.getMessage());
		}
	}

}
