package dev.forge.boot.command;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.forge.core.BackfillJob;
import dev.forge.core.BreakingChangePolicy;
import dev.forge.core.ContractCheck;
import dev.forge.core.DriftReport;
import dev.forge.core.Finding;
import dev.forge.core.FleetNode;
import dev.forge.core.GeneratedMigration;
import dev.forge.core.GenerationResult;
import dev.forge.core.MigrationPlan;
import dev.forge.core.PlannedMigration;
import dev.forge.core.PlannedStatement;
import dev.forge.core.schema.SchemaChange;
import dev.forge.core.schema.SchemaDiff;

/**
 * The outcomes of {@code plan}, {@code generate}, {@code drift}, {@code check},
 * {@code jobs} and {@code nodes} as text for a terminal, each with whether the command
 * succeeded.
 */
final class CommandReports {

	private static final int MAX_STATEMENT_LINES = 20;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.systemDefault());

	private CommandReports() {
	}

	/**
	 * The plan, each deferred file with what it removes and which live nodes block it. A
	 * deferred file that waits does not fail the plan: the plan reports, deploy tooling
	 * reads "safe to contract".
	 */
	/**
	 * What the statement costs under its lock where the database gave an estimate, e.g.
	 * {@code ACCESS EXCLUSIVE, rewrite of ~48M rows, minutes}: of its finding with the most
	 * rows.
	 */
	private static Optional<String> estimate(PlannedMigration migration, PlannedStatement statement) {
		return migration.findings()
			.stream()
			.filter((finding) -> finding.line() == statement.line() && finding.sql().equals(statement.sql())
					&& finding.estimate() != null)
			.max(Comparator.comparingLong((Finding finding) -> finding.estimate().rows()))
			.map(Finding::cost);
	}

	static Report plan(MigrationPlan plan, BreakingChangePolicy onBreaking) {
		if (plan.isEmpty()) {
			return new Report(true, "No pending migrations: apply has nothing to run.");
		}
		List<PlannedMigration> waiting = plan.waiting();
		boolean refused = onBreaking == BreakingChangePolicy.FAIL
				&& plan.runnable().stream().anyMatch(PlannedMigration::needsBreakingAcceptance);
		StringBuilder text = new StringBuilder();
		for (PlannedMigration migration : plan.migrations()) {
			text.append(migration.name())
				.append(migration.transactional() ? " (one transaction)" : " (statement by statement, no transaction)");
			plan.whyWaiting(migration).ifPresent((why) -> text.append(" — ").append(why));
			text.append('\n');
			if (migration.backfill() != null) {
				text.append("  ").append(migration.backfill().describe()).append('\n');
			}
			ContractCheck contract = migration.contract();
			if (contract != null) {
				contract(contract).forEach((line) -> text.append("  ").append(line).append('\n'));
			}
			for (PlannedStatement statement : migration.statements()) {
				text.append("  line ").append(statement.line()).append(": ").append(indented(statement.sql())).append('\n');
				estimate(migration, statement).ifPresent((cost) -> text.append("    ~ ").append(cost).append('\n'));
			}
			for (Finding finding : migration.findings()) {
				if (finding.needsAttention()) {
					text.append("    ! ").append(finding.describe()).append('\n');
				}
			}
			if (migration.needsBreakingAcceptance()) {
				text.append('\n').append(migration.breakingChanges().text()).append('\n');
			}
			text.append('\n');
		}
		if (refused) {
			text.append("apply would refuse this plan: add '-- forge:allow-breaking' to the files above once every"
					+ " node runs code that no longer uses what they change, or set 'forge.migrations.on-breaking'.");
		}
		else if (!waiting.isEmpty()) {
			PlannedMigration first = waiting.get(0);
			ContractCheck contract = first.contract();
			text.append("apply would run ").append(plan.runnable().size()).append(" of ")
				.append(plan.migrations().size()).append(" and leave ").append(first.name())
				.append((first.backfillWait() != null)
						? " and what follows pending until the backfill job it waits for is DONE."
						: (contract == null) ? " and what follows pending: add '-- forge:allow-breaking' to it once"
								+ " every node runs code that no longer uses the old schema."
								: (contract.safe()) ? " and what follows pending, though it is safe to contract: add"
										+ " '-- forge:allow-breaking' to it, or set forge.migrations.deferred=auto."
										: " and what follows pending while live nodes use what it removes.");
		}
		return new Report(!refused, text.toString().stripTrailing());
	}

	/**
	 * What a deferred file removes, then the live nodes that still use it, or that it is
	 * safe to contract.
	 * @return the lines, the first one {@code removes ...}
	 */
	static List<String> contract(ContractCheck check) {
		List<String> lines = new ArrayList<>();
		String removes = check.removes().isEmpty() ? "nothing a model uses" : String.join(", ", check.removes());
		lines.add("removes " + removes);
		for (ContractCheck.Blocker blocker : check.blockedBy()) {
			lines.add("blocked by " + blocker.describe());
		}
		if (check.backfillWait() != null) {
			lines.add("waits: " + check.backfillWait());
		}
		if (check.blockedBy().isEmpty()) {
			lines.add((check.backfillWait() != null) ? "no live node uses " + removes
					: "safe to contract: no live node uses " + removes);
		}
		return lines;
	}

	static Report nodes(List<FleetNode> nodes) {
		if (nodes.isEmpty()) {
			return new Report(true, "No live nodes.");
		}
		TextTable table = new TextTable("Node", "Application", "Version", "Host", "PID", "Started",
				"Last Heartbeat");
		for (FleetNode node : nodes) {
			table.row(node.id(), node.application(), (node.version() != null) ? node.version() : "-", node.host(),
					String.valueOf(node.pid()), TIME.format(node.startedAt()), TIME.format(node.heartbeatAt()));
		}
		return new Report(true, table.render() + nodes.size() + " live node" + ((nodes.size() != 1) ? "s" : "")
				+ ".");
	}

	static Report generate(GenerationResult result) {
		StringBuilder text = new StringBuilder(result.message());
		for (GeneratedMigration migration : result.scripts()) {
			text.append("\n\n").append(migration.fileName()).append(":\n").append(migration.content().stripTrailing());
		}
		if (result.hasChanges()) {
			text.append("\n\nReview the files, then run 'migrate apply' and commit them.");
		}
		return new Report(true, text.toString());
	}

	static Report drift(DriftReport report) {
		return new Report(!report.hasDrift(), report.render());
	}

	static Report check(SchemaDiff diff, Function<SchemaChange, List<String>> sql) {
		if (diff.isEmpty()) {
			return new Report(true, "✓ The migration files hold every change of the models.");
		}
		StringBuilder text = new StringBuilder("✗ The models have " + diff.changes().size() + " change"
				+ ((diff.changes().size() == 1) ? "" : "s") + " that no migration file holds:\n");
		for (SchemaChange change : diff.changes()) {
			sql.apply(change).forEach((statement) -> text.append("  - ").append(indented(statement)).append('\n'));
		}
		return new Report(false, text.append("Run 'migrate generate <name>' to write them into a migration.").toString());
	}

	static Report jobs(List<BackfillJob> jobs, Instant now) {
		if (jobs.isEmpty()) {
			return new Report(true, "No backfill jobs.");
		}
		TextTable table = new TextTable("Job", "Status", "Rows Done", "Rows Left", "Rows/s", "ETA");
		StringBuilder errors = new StringBuilder();
		for (BackfillJob job : jobs) {
			double rate = job.rowsPerSecond(now);
			String eta = BackfillProgress.eta(job, rate);
			table.row(job.name(), job.status().name(), BackfillProgress.rows(job.rowsDone()),
					// until the job starts and counts them, the rows left are the planner's estimate
					((job.startedAt() == null) ? "~" : "") + BackfillProgress.rows(job.rowsLeft()),
					BackfillProgress.rows(Math.round(rate)),
					(eta != null) ? eta : "-");
			if (job.lastError() != null) {
				errors.append('\n').append(job.name()).append(": ").append(job.lastError());
			}
		}
		return new Report(true, table.render() + ((errors.length() > 0) ? "\nLast errors:" + errors : ""));
	}

	/**
	 * A statement as it is in its file, its later lines indented under the first: flattened
	 * onto one line, a {@code --} comment would seem to comment out the rest.
	 */
	static String indented(String sql) {
		List<String> lines = sql.strip().lines().toList();
		StringBuilder text = new StringBuilder(lines.get(0));
		int shown = Math.min(lines.size(), MAX_STATEMENT_LINES);
		for (int i = 1; i < shown; i++) {
			text.append("\n          ").append(lines.get(i).stripTrailing());
		}
		if (lines.size() > shown) {
			text.append("\n          ... (").append(lines.size() - shown).append(" more lines)");
		}
		return text.toString();
	}

	/**
	 * The outcome of a command.
	 *
	 * @param ok whether it succeeded with nothing to complain about (exit code 0)
	 * @param text the outcome for a terminal
	 */
	record Report(boolean ok, String text) {

	}

}
