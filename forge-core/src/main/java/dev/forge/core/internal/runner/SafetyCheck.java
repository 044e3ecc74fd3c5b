package dev.forge.core.internal.runner;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.forge.core.BackfillReview;
import dev.forge.core.BreakingChangeException;
import dev.forge.core.BreakingChangePolicy;
import dev.forge.core.Finding;
import dev.forge.core.MigrationPlan;
import dev.forge.core.PlannedMigration;
import dev.forge.core.PlannedStatement;
import dev.forge.core.SafetyClass;
import dev.forge.core.internal.backfill.BackfillReviewer;
import dev.forge.core.internal.backfill.Backfills;
import dev.forge.core.internal.migration.MigrationCatalog;
import dev.forge.core.internal.migration.MigrationScript;
import dev.forge.core.internal.safety.ColumnTypes;
import dev.forge.core.internal.safety.SafetyAnalyzer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the safety analysis over pending migrations before anything is applied, and applies
 * the {@code forge.migrations.on-breaking} policy.
 */
final class SafetyCheck {

	private static final Logger logger = LoggerFactory.getLogger(SafetyCheck.class);

	private SafetyCheck() {
	}

	/**
	 * Plans the pending migrations: each is analysed against the live column types as the
	 * earlier pending ones leave them, and each backfill file is reviewed (rows, batches).
	 */
	static MigrationPlan plan(Connection connection, Backfills backfills, BackfillReviewer reviewer,
			List<MigrationCatalog.Entry> pending, Duration statementTimeout) throws SQLException {
		return plan(connection, backfills, reviewer, pending, statementTimeout, false);
	}

	/**
	 * Plans the pending migrations without reviewing the backfill files, which counts rows:
	 * for the checks of deferred files, which surfaces ask for often.
	 */
	static MigrationPlan planWithoutReview(Connection connection, Backfills backfills,
			List<MigrationCatalog.Entry> pending, Duration statementTimeout) throws SQLException {
		return plan(connection, backfills, null, pending, statementTimeout, false);
	}

	/**
	 * Plans the pending migrations for {@code apply}, which needs the statements and every
	 * finding only of a migration it may refuse or hold back: the others keep just the
	 * findings that need attention, so that the plan does not hold a second copy of every
	 * file while the files run.
	 */
	static MigrationPlan planForApply(Connection connection, Backfills backfills,
			List<MigrationCatalog.Entry> pending, Duration statementTimeout) throws SQLException {
		return plan(connection, backfills, null, pending, statementTimeout, true);
	}

	private static MigrationPlan plan(Connection connection, Backfills backfills, @Nullable BackfillReviewer reviewer,
			List<MigrationCatalog.Entry> pending, Duration statementTimeout, boolean forApply) throws SQLException {
		SafetyAnalyzer analyzer = analyzer(connection).withStatementTimeout(statementTimeout);
		ColumnTypes types = new LiveColumnTypes(connection);
		List<PlannedMigration> planned = new ArrayList<>(pending.size());
		Set<String> pendingBackfills = new HashSet<>();
		for (MigrationCatalog.Entry entry : pending) {
			MigrationScript script = entry.load();
			BackfillReview review = null;
			if (script.directives().backfill() != null) {
				Backfills.check(connection, script);
				pendingBackfills.add(script.name().value());
				review = (reviewer != null) ? reviewer.review(connection, script) : null;
			}
			String backfillWait = backfills.waitReason(connection, script, pendingBackfills);
			List<Finding> findings = analyzer.withColumnTypes(types).analyzeUp(script);
			types = types.after(script.up());
			PlannedMigration migration = new PlannedMigration(script.name().value(), script.location(),
					!script.upRunsWithoutTransaction(), script.directives().allowBreaking(),
					script.directives().deferred(),
					script.up().stream().map((statement) -> new PlannedStatement(statement.line(), statement.sql()))
						.toList(),
					findings, backfillWait, review);
			if (forApply && !migration.needsBreakingAcceptance()) {
				migration = new PlannedMigration(migration.name(), migration.location(), migration.transactional(),
						migration.allowBreaking(), migration.deferred(), List.of(),
						findings.stream().filter(Finding::needsAttention).toList(), backfillWait);
			}
			planned.add(migration);
		}
		return new MigrationPlan(planned, analyzer.serverVersionNum());
	}

	/**
	 * Returns the part of the plan that runs now: all of it, or the migrations before the
	 * first {@code -- forge:deferred} file that still waits for {@code -- forge:allow-breaking}
	 * (the later phase of a two-phase change). That file and the ones after it stay pending,
	 * under every {@code on-breaking} policy, and a warning says why.
	 * @param plan the plan of the pending migrations
	 * @param warnings where the warning goes
	 * @return the plan of the migrations to run
	 */
	static MigrationPlan beforeWaitingPhase(MigrationPlan plan, List<String> warnings) {
		List<PlannedMigration> waiting = plan.waiting();
		if (!waiting.isEmpty()) {
			PlannedMigration first = waiting.get(0);
			List<String> later = waiting.subList(1, waiting.size()).stream().map(PlannedMigration::name).toList();
			String warning = "Migration " + first.name() + " (" + first.location() + ") "
					+ plan.whyWaiting(first).orElseThrow()
					+ (later.isEmpty() ? "" : " Waiting with it: " + String.join(", ", later) + ".");
			logger.warn(warning);
			warnings.add(warning);
		}
		return new MigrationPlan(plan.runnable(), plan.serverVersionNum());
	}

	/**
	 * Refuses the plan, or returns the warnings to report, as the policy says.
	 * @throws BreakingChangeException under {@link BreakingChangePolicy#FAIL}
	 */
	static List<String> enforce(MigrationPlan plan, BreakingChangePolicy policy) {
		List<PlannedMigration> breaking = plan.needingBreakingAcceptance();
		if (breaking.isEmpty() || policy == BreakingChangePolicy.ALLOW) {
			return List.of();
		}
		if (policy == BreakingChangePolicy.FAIL) {
			throw new BreakingChangeException(breaking);
		}
		List<String> warnings = new ArrayList<>();
		for (PlannedMigration migration : breaking) {
			String warning = migration.breakingChanges().text() + "\n\nMigration " + migration.name() + " ("
					+ migration.location() + ") is applied anyway: 'forge.migrations.on-breaking' is 'warn'.";
			logger.warn(warning);
			warnings.add(warning);
		}
		return warnings;
	}

	/** Returns what the rollback of a migration throws away, one line per finding. */
	static List<String> dataLoss(MigrationScript script) {
		return new SafetyAnalyzer(SafetyAnalyzer.DEFAULT_SERVER_VERSION).analyzeDown(script)
			.stream()
			.filter((finding) -> finding.safetyClass() == SafetyClass.DATA_LOSS)
			.map((finding) -> finding.operation() + " " + finding.target() + " (line " + finding.line() + "): "
					+ FailureReport.abbreviate(finding.sql()))
			.distinct()
			.toList();
	}

	static SafetyAnalyzer analyzer(Connection connection) throws SQLException {
		return new SafetyAnalyzer(serverVersionNum(connection));
	}

	/**
	 * The server's {@code server_version_num}: from the version the driver was told when it
	 * connected where that is exact (PostgreSQL 10 and later number releases
	 * {@code major.minor}), else asked for.
	 */
	private static int serverVersionNum(Connection connection) throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		if (metaData.getDatabaseMajorVersion() >= 10) {
			return metaData.getDatabaseMajorVersion() * 10000 + metaData.getDatabaseMinorVersion();
		}
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW server_version_num")) {
			result.next();
			return Integer.parseInt(result.getString(1));
		}
	}

}
