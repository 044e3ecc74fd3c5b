package dev.forge.core.internal.runner;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.forge.core.ContractCheck;
import dev.forge.core.FleetNode;
import dev.forge.core.PlannedMigration;
import dev.forge.core.internal.fleet.Contracts;
import dev.forge.core.internal.fleet.NodeTable;
import org.jspecify.annotations.Nullable;

/**
 * The check of a deferred file that {@code forge.migrations.deferred=auto} applies, made
 * again inside the file's own transaction after taking the fleet lock exclusively: a node
 * that registers takes it shared, so none can register between this check and the commit.
 */
final class ContractGuard {

	static final String AUTO = "applied automatically (forge.migrations.deferred=auto): ";

	private final NodeTable table;

	private final Duration nodeTimeout;

	private final String defaultSchema;

	private final PlannedMigration migration;

	private @Nullable ContractCheck check;

	private @Nullable String note;

	ContractGuard(NodeTable table, Duration nodeTimeout, String defaultSchema, PlannedMigration migration) {
		this.table = table;
		this.nodeTimeout = nodeTimeout;
		this.defaultSchema = defaultSchema;
		this.migration = migration;
	}

	/**
	 * Takes the fleet lock until the end of the transaction and checks the live nodes.
	 * @param connection the migration's connection, in its transaction
	 * @return whether the file may still be applied
	 */
	boolean check(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(this.table.lockExclusiveStatement());
		}
		List<FleetNode> live = this.table.live(connection, this.nodeTimeout);
		ContractCheck check = Contracts.check(this.migration.name(), this.migration.findings(), this.defaultSchema,
				live, null);
		this.check = check;
		this.note = check.safe() ? AUTO + Contracts.whySafe(check, live.size()) : null;
		return check.safe();
	}

	/** Returns the history's note once {@link #check} passed. */
	String note() {
		return Objects.requireNonNull(this.note);
	}

	/** Says why the file was not applied after all. */
	String whyBlocked() {
		ContractCheck check = Objects.requireNonNull(this.check);
		return "Migration " + this.migration.name() + " (" + this.migration.location() + ") was not applied"
				+ " automatically: it waits for " + String.join("; ",
						check.blockedBy().stream().map(ContractCheck.Blocker::describe).toList())
				+ ", which registered while it was about to apply.";
	}

	/** Thrown, after the rollback, when the check inside the transaction fails. */
	static final class Blocked extends RuntimeException {

		Blocked(String message) {
			super(message, null, false, false);
		}

	}

}
