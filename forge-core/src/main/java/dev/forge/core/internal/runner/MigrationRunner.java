package dev.forge.core.internal.runner;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import dev.forge.core.ApplyResult;
import dev.forge.core.ChecksumMismatchException;
import dev.forge.core.ContractCheck;
import dev.forge.core.DeferredPolicy;
import dev.forge.core.Finding;
import dev.forge.core.ForgeConfiguration;
import dev.forge.core.FleetNode;
import dev.forge.core.ForgeException;
import dev.forge.core.JavaBackfill;
import dev.forge.core.LockHolder;
import dev.forge.core.MigrationExecution;
import dev.forge.core.MigrationInfo;
import dev.forge.core.MigrationPlan;
import dev.forge.core.MigrationResource;
import dev.forge.core.MigrationReview;
import dev.forge.core.MigrationState;
import dev.forge.core.OutOfOrderPolicy;
import dev.forge.core.PlannedMigration;
import dev.forge.core.RepairResult;
import dev.forge.core.RollbackPreview;
import dev.forge.core.RollbackResult;
import dev.forge.core.StatusReport;
import dev.forge.core.internal.backfill.BackfillReviewer;
import dev.forge.core.internal.backfill.Backfills;
import dev.forge.core.internal.backfill.JobStore;
import dev.forge.core.internal.fleet.Contracts;
import dev.forge.core.internal.fleet.NodeTable;
import dev.forge.core.internal.history.AppliedMigration;
import dev.forge.core.internal.history.SchemaHistory;
import dev.forge.core.internal.lock.ClusterLock;
import dev.forge.core.internal.migration.CatalogThreads;
import dev.forge.core.internal.migration.LockTimeouts;
import dev.forge.core.internal.migration.MigrationCatalog;
import dev.forge.core.internal.migration.MigrationScript;
import dev.forge.core.internal.runner.StatusCalculator.MigrationStatus;
import dev.forge.core.internal.safety.SafetyAnalyzer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies, rolls back and repairs migrations under the cluster-wide lock. Internal: use
 * {@link dev.forge.core.Forge}.
 */
public final class MigrationRunner {

	private static final Logger logger = LoggerFactory.getLogger(MigrationRunner.class);

	private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

	private final ForgeConfiguration configuration;

	private final SchemaHistory history;

	private final ScriptExecutor executor;

	private final Backfills backfills;

	private final BackfillReviewer reviewer;

	private final NodeTable nodes;

	/**
	 * Findings of files analysed on their own, by server version and checksum, so that a
	 * review of a long history analyses each applied file once per process.
	 */
	private final Map<String, List<Finding>> findingsByContent = new ConcurrentHashMap<>();

	public MigrationRunner(ForgeConfiguration configuration) {
		this.configuration = configuration;
		this.history = new SchemaHistory(configuration.schema(), configuration.table(), configuration::nodeName);
		this.backfills = new Backfills(new JobStore(configuration.schema(), configuration.table()),
				configuration.javaBackfills().stream().map(JavaBackfill::name).collect(Collectors.toSet()));
		this.executor = new ScriptExecutor(configuration, this.history, this.backfills);
		this.reviewer = new BackfillReviewer(configuration.lockTimeout());
		this.nodes = new NodeTable(configuration.schema(), configuration.table());
	}

	/**
	 * Returns the history table.
	 * @return the history
	 */
	public SchemaHistory history() {
		return this.history;
	}

	/**
	 * Reads every migration file, checking names, directives and SQL syntax.
	 * @return the files in run order
	 */
	public MigrationCatalog catalog() {
		return catalog(UnaryOperator.identity());
	}

	private MigrationCatalog catalog(UnaryOperator<MigrationResource> reading) {
		try (CatalogThreads threads = CatalogThreads.start()) {
			return catalog(threads, reading);
		}
	}

	private MigrationCatalog catalog(CatalogThreads threads) {
		return catalog(threads, UnaryOperator.identity());
	}

	private MigrationCatalog catalog(CatalogThreads threads, UnaryOperator<MigrationResource> reading) {
		List<MigrationResource> resources = new ArrayList<>();
		this.configuration.sources()
			.forEach((source) -> source.resources().forEach((resource) -> resources.add(reading.apply(resource))));
		return MigrationCatalog.load(() -> resources, threads);
	}

	public StatusReport status() {
		MigrationCatalog catalog = catalog();
		return withConnection((connection) -> {
			MigrationStatus status = StatusCalculator.compute(catalog, this.history.load(connection));
			LockHolder holder = ClusterLock.holder(connection, this.history.qualifiedName()).orElse(null);
			List<String> warnings = new ArrayList<>(status.warnings());
			warnings.addAll(this.backfills.waiting(connection,
					status.toRun().stream().map(MigrationCatalog.Entry::load).toList()));
			return new StatusReport(status.infos(), warnings, holder);
		});
	}

	/**
	 * Applies the pending migrations.
	 * @param completed where each migration goes once it is applied, so that the caller
	 * knows what a failed run completed
	 * @return what was applied
	 */
	public ApplyResult apply(List<MigrationExecution> completed) {
		try (CatalogThreads threads = CatalogThreads.start()) {
			long start = System.nanoTime();
			CatalogReader files = CatalogReader.start(() -> catalog(threads), threads);
			try {
				return withConnection((connection) -> apply(connection, files, completed, start));
			}
			catch (ForgeException ex) {
				// an invalid file is reported before a database error, as when they were read first
				files.get();
				throw ex;
			}
		}
	}

	/**
	 * Decides without the cluster lock whether there is anything to apply: the common case
	 * on every start of every node is that there is not, and only a run that changes
	 * something needs the lock. A migration another node is applying right now is still
	 * pending here, since its history row commits with it, so that case takes the lock and
	 * reads the history again, on the same connection.
	 */
	private ApplyResult apply(Connection connection, CatalogReader files, List<MigrationExecution> completed,
			long start) throws SQLException {
		Optional<SchemaHistory.Recorded> checksums = this.history.recorded(connection);
		MigrationCatalog catalog = files.get();
		Map<String, @Nullable String> recorded = checksums.map(SchemaHistory.Recorded::checksums).orElse(Map.of());
		if (StatusCalculator.allApplied(catalog, recorded)) {
			List<String> warnings = StatusCalculator.sharedNumbers(catalog);
			warnings.forEach(logger::warn);
			return upToDate(warnings, start);
		}
		if (!StatusCalculator.anyToRun(catalog, recorded)) {
			// edited files or rows without a file: the full status names them, no lock needed
			MigrationStatus status = StatusCalculator.compute(catalog, this.history.load(connection));
			checkChecksums(status);
			return upToDate(reportedWarnings(status), start);
		}
		// a history table without the note column gets it under the lock, before it is read there
		boolean current = checksums.isPresent() && checksums.get().current();
		return locked(connection, current, (session, settings) -> {
			MigrationStatus status = StatusCalculator.compute(catalog, session.history());
			checkChecksums(status);
			if (status.hasOutOfOrder() && this.configuration.outOfOrder() == OutOfOrderPolicy.FAIL) {
				throw new ForgeException(String.join("\n", status.warnings().stream()
					.filter((warning) -> warning.startsWith("Out of order"))
					.toList()) + "\nNothing was applied: 'forge.migrations.out-of-order' is 'fail'. Renumber the file"
						+ " to sort after the last applied migration, or set it to 'warn' or 'allow'.");
			}
			List<String> warnings = reportedWarnings(status);
			MigrationPlan planned = withContracts(connection,
					SafetyCheck.planForApply(connection, this.backfills, status.toRun(),
							this.configuration.statementTimeout()));
			Map<String, ContractGuard> guards = new HashMap<>();
			if (this.configuration.deferredPolicy() == DeferredPolicy.AUTO) {
				planned = acceptSafeContracts(planned, guards, warnings);
			}
			MigrationPlan plan = SafetyCheck.beforeWaitingPhase(planned, warnings);
			warnings.addAll(SafetyCheck.enforce(plan, this.configuration.onBreaking()));
			applyAll(connection, settings, status, status.toRun().subList(0, plan.migrations().size()), completed,
					guards, warnings);
			return new ApplyResult(List.copyOf(completed), warnings, Duration.ofNanos(System.nanoTime() - start));
		});
	}

	private ApplyResult upToDate(List<String> warnings, long start) {
		logger.info("Schema {} is up to date: no pending migrations", this.configuration.schema());
		return new ApplyResult(List.of(), warnings, Duration.ofNanos(System.nanoTime() - start));
	}

	private List<String> reportedWarnings(MigrationStatus status) {
		List<String> warnings = new ArrayList<>(status.warnings()
			.stream()
			.filter((warning) -> this.configuration.outOfOrder() != OutOfOrderPolicy.ALLOW
					|| !warning.startsWith("Out of order"))
			.toList());
		warnings.forEach(logger::warn);
		return warnings;
	}

	/**
	 * Checks each deferred file of the plan against the live nodes, as read on the
	 * connection: the plan then says which nodes a file waits for, or that it is safe.
	 */
	private MigrationPlan withContracts(Connection connection, MigrationPlan plan) throws SQLException {
		if (plan.migrations().stream().noneMatch(PlannedMigration::deferred)) {
			return plan;
		}
		List<FleetNode> live = this.nodes.live(connection, this.configuration.nodeTimeout());
		List<PlannedMigration> checked = new ArrayList<>();
		for (PlannedMigration migration : plan.migrations()) {
			if (migration.deferred()
					&& !Contracts.removes(migration.findings(), this.configuration.schema()).isEmpty()) {
				migration = migration.withContract(Contracts.check(migration.name(), migration.findings(),
						this.configuration.schema(), live, migration.backfillWait()));
			}
			checked.add(migration);
		}
		return new MigrationPlan(checked, plan.serverVersionNum());
	}

	/**
	 * Under {@code forge.migrations.deferred=auto}, accepts the breaking changes of the
	 * leading deferred files that nothing blocks: no live node uses what they remove and no
	 * backfill holds them back. Each gets a guard that checks again inside its transaction.
	 * A deferred file that runs without a transaction is never applied automatically, since
	 * no transaction of its own could hold the fleet lock until its drop commits.
	 */
	private MigrationPlan acceptSafeContracts(MigrationPlan plan, Map<String, ContractGuard> guards,
			List<String> warnings) {
		List<PlannedMigration> accepted = new ArrayList<>(plan.migrations());
		for (int i = 0; i < accepted.size(); i++) {
			PlannedMigration migration = accepted.get(i);
			if (!migration.waits()) {
				continue;
			}
			ContractCheck contract = migration.contract();
			if (migration.backfillWait() != null || contract == null || !contract.safe()) {
				break;
			}
			if (!migration.transactional()) {
				String warning = "Migration " + migration.name() + " (" + migration.location() + ") runs without a"
						+ " transaction, so 'forge.migrations.deferred=auto' does not apply it: nothing could keep a"
						+ " node from registering before its drop completes. No live node uses "
						+ String.join(", ", contract.removes()) + ": add '-- forge:allow-breaking' to apply it.";
				logger.warn(warning);
				warnings.add(warning);
				break;
			}
			PlannedMigration acceptedMigration = new PlannedMigration(migration.name(), migration.location(),
					migration.transactional(), true, migration.deferred(), migration.statements(),
					migration.findings(), null, migration.backfill(), contract);
			accepted.set(i, acceptedMigration);
			guards.put(migration.name(), new ContractGuard(this.nodes, this.configuration.nodeTimeout(),
					this.configuration.schema(), migration));
		}
		return new MigrationPlan(accepted, plan.serverVersionNum());
	}

	private void applyAll(Connection connection, StatementSettings settings, MigrationStatus status,
			List<MigrationCatalog.Entry> toRun, List<MigrationExecution> applied, Map<String, ContractGuard> guards,
			List<String> warnings) throws SQLException {
		if (toRun.isEmpty()) {
			int waiting = status.toRun().size();
			if (waiting == 0) {
				logger.info("Schema {} is up to date: no pending migrations", this.configuration.schema());
			}
			else {
				logger.info("Schema {}: nothing applied; {} pending migration{} wait{}, as the warning above says",
						this.configuration.schema(), waiting, (waiting == 1) ? "" : "s", (waiting == 1) ? "s" : "");
			}
			return;
		}
		logger.info("Applying {} pending migration{} to schema {}", toRun.size(), (toRun.size() == 1) ? "" : "s",
				this.configuration.schema());
		Map<String, AppliedMigration> failedRuns = status.failedRuns();
		long lastProgress = System.nanoTime();
		for (MigrationCatalog.Entry entry : toRun) {
			MigrationScript script = entry.load();
			ContractGuard guard = guards.get(entry.name().value());
			MigrationExecution execution;
			try {
				execution = this.executor.applyUp(connection, settings, script, failedRuns.get(entry.name().value()),
						guard);
			}
			catch (ContractGuard.Blocked ex) {
				logger.warn(ex.getMessage());
				warnings.add(ex.getMessage());
				return;
			}
			applied.add(execution);
			logger.info("Applied {} ({} statement{}{}) in {} ms", execution.name(), execution.statements(),
					(execution.statements() == 1) ? "" : "s", execution.transactional() ? "" : ", no transaction",
					execution.duration().toMillis());
			if (guard != null) {
				logger.info("{} was {}", execution.name(), guard.note());
			}
			if (System.nanoTime() - lastProgress > PROGRESS_INTERVAL.toNanos()) {
				logger.info("Progress: {} of {} migrations applied", applied.size(), toRun.size());
				lastProgress = System.nanoTime();
			}
		}
	}

	/**
	 * Plans the pending migrations with the findings of the safety analysis; runs nothing and
	 * takes no lock.
	 * @return the plan
	 */
	public MigrationPlan plan() {
		MigrationCatalog catalog = catalog();
		return withConnection((connection) -> withContracts(connection, SafetyCheck.plan(connection, this.backfills,
				this.reviewer, StatusCalculator.compute(catalog, this.history.load(connection)).toRun(),
				this.configuration.statementTimeout())));
	}

	/**
	 * Checks the pending deferred files against the live nodes; runs nothing, takes no lock
	 * and, unlike {@link #plan()}, counts no backfill's rows.
	 * @return one check per pending deferred file that removes tables or columns, in run order
	 */
	public List<ContractCheck> contractChecks() {
		MigrationCatalog catalog = catalog();
		return withConnection((connection) -> withContracts(connection, SafetyCheck.planWithoutReview(connection,
				this.backfills, StatusCalculator.compute(catalog, this.history.load(connection)).toRun(),
				this.configuration.statementTimeout())))
			.contractChecks();
	}

	/**
	 * Shows what rolling back the most recently applied migration would do; runs nothing
	 * and takes no lock.
	 * @return the preview, empty when no migration is applied
	 */
	public Optional<RollbackPreview> rollbackPreview() {
		MigrationCatalog catalog = catalog();
		return withConnection((connection) -> newestFirst(this.history.load(connection)).stream()
			.findFirst()
			.map((row) -> RollbackStep.of(catalog, row).preview()));
	}

	/**
	 * Rolls back the most recently applied migration, or every migration applied after
	 * {@code target}.
	 * @param target the migration to keep as the newest applied one, or {@code null} to
	 * roll back only the last one
	 * @param expectedLast the migration the caller expects to be the last applied one, or
	 * {@code null}; checked under the lock, so that nothing else is rolled back when another
	 * node applied a migration meanwhile
	 * @param completed where each migration goes once it is rolled back, so that the caller
	 * knows what a failed run completed
	 * @return what was rolled back
	 */
	public RollbackResult rollback(@Nullable String target, @Nullable String expectedLast,
			List<MigrationExecution> completed) {
		MigrationCatalog catalog = catalog();
		return locked((session, settings) -> {
			Connection connection = session.connection();
			List<AppliedMigration> rows = session.history();
			Optional<AppliedMigration> failed = rows.stream().filter((row) -> !row.success()).findFirst();
			if (failed.isPresent()) {
				throw new ForgeException("Cannot roll back while " + failed.get().name() + " has failed part-way:"
						+ " finish it with 'migrate apply', or undo its effects by hand and run 'migrate repair'.");
			}
			List<AppliedMigration> newestFirst = newestFirst(rows);
			if (expectedLast != null && (newestFirst.isEmpty() || !newestFirst.get(0).name().equals(expectedLast))) {
				throw new ForgeException("The last applied migration is "
						+ (newestFirst.isEmpty() ? "none" : newestFirst.get(0).name()) + ", not " + expectedLast
						+ ": nothing was rolled back. Look at the status again and confirm the rollback.");
			}
			List<RollbackStep> steps = new ArrayList<>();
			for (AppliedMigration row : selectRollback(newestFirst, target)) {
				RollbackStep step = RollbackStep.of(catalog, row);
				step.runnable();
				steps.add(step);
			}
			List<String> warnings = new ArrayList<>();
			for (RollbackStep step : steps) {
				for (String warning : step.preview().warnings()) {
					logger.warn(warning);
					warnings.add(warning);
				}
				MigrationExecution execution = this.executor.applyDown(connection, settings, step.runnable());
				completed.add(execution);
				logger.info("Rolled back {} ({} statement{}) in {} ms", execution.name(), execution.statements(),
						(execution.statements() == 1) ? "" : "s", execution.duration().toMillis());
			}
			return new RollbackResult(List.copyOf(completed), warnings);
		});
	}

	/** The order in which migrations are rolled back: the most recently applied first. */
	private static List<AppliedMigration> newestFirst(List<AppliedMigration> rows) {
		List<AppliedMigration> newestFirst = new ArrayList<>(rows);
		newestFirst.sort(Comparator.comparing(AppliedMigration::appliedAt)
			.thenComparing(AppliedMigration::name)
			.reversed());
		return newestFirst;
	}

	private static List<AppliedMigration> selectRollback(List<AppliedMigration> newestFirst,
			@Nullable String target) {
		if (newestFirst.isEmpty()) {
			throw new ForgeException("Nothing to roll back: no migration is applied.");
		}
		if (target == null) {
			return List.of(newestFirst.get(0));
		}
		int index = -1;
		for (int i = 0; i < newestFirst.size(); i++) {
			if (newestFirst.get(i).name().equals(target)) {
				index = i;
			}
		}
		if (index < 0) {
			throw new ForgeException("Cannot roll back to " + target + ": it is not applied. Applied migrations,"
					+ " newest first: " + String.join(", ", newestFirst.stream().map(AppliedMigration::name).toList()));
		}
		return newestFirst.subList(0, index);
	}

	/**
	 * Makes the review of every migration: status, plan and findings, reading each file
	 * once on one connection.
	 * @return the review
	 */
	public MigrationReview review() {
		MigrationCatalog catalog = catalog(ReadOnce::new);
		return withConnection((connection) -> {
			MigrationStatus status = StatusCalculator.compute(catalog, this.history.load(connection));
			LockHolder holder = ClusterLock.holder(connection, this.history.qualifiedName()).orElse(null);
			MigrationPlan plan = withContracts(connection,
					SafetyCheck.plan(connection, this.backfills, this.reviewer, status.toRun(),
							this.configuration.statementTimeout()));
			Map<String, List<Finding>> findings = new HashMap<>();
			plan.migrations().forEach((migration) -> findings.put(migration.name(), migration.findings()));
			SafetyAnalyzer analyzer = SafetyCheck.analyzer(connection);
			for (MigrationCatalog.Entry entry : catalog.entries()) {
				if (!findings.containsKey(entry.name().value())) {
					// a file that is not pending is judged on its own: the same content on the
					// same server always gives the same findings
					String key = analyzer.serverVersionNum() + ":" + entry.checksum();
					List<Finding> found = this.findingsByContent.get(key);
					if (found == null) {
						found = analyzer.analyzeUp(entry.load());
						this.findingsByContent.put(key, found);
					}
					findings.put(entry.name().value(), found);
				}
			}
			return new MigrationReview(new StatusReport(status.infos(), status.warnings(), holder), plan, findings);
		});
	}

	/**
	 * Forgets that a migration was applied, after its rollback was done by hand.
	 * @param name the migration's name
	 */
	public void markRolledBack(String name) {
		locked((session, settings) -> {
			if (!this.history.delete(session.connection(), name)) {
				throw new ForgeException("Cannot mark " + name + " as rolled back: it is not recorded in "
						+ this.history.qualifiedName() + ".");
			}
			logger.info("Marked {} as rolled back", name);
			return null;
		});
	}

	public RepairResult repair() {
		MigrationCatalog catalog = catalog();
		return locked((session, settings) -> {
			Connection connection = session.connection();
			MigrationStatus status = StatusCalculator.compute(catalog, session.history());
			List<String> accepted = new ArrayList<>();
			for (MigrationInfo info : status.inState(MigrationState.CHECKSUM_MISMATCH)) {
				this.history.updateChecksum(connection, info.name(), info.checksum());
				accepted.add(info.name());
				logger.info("Accepted the new checksum of {}", info.name());
			}
			List<String> removed = new ArrayList<>();
			for (MigrationInfo info : status.inState(MigrationState.FAILED)) {
				this.history.delete(connection, info.name());
				removed.add(info.name());
				logger.info("Removed the failed run of {}; the next apply starts it from its first statement",
						info.name());
			}
			return new RepairResult(accepted, removed);
		});
	}

	private static void checkChecksums(MigrationStatus status) {
		List<MigrationInfo> mismatched = status.inState(MigrationState.CHECKSUM_MISMATCH);
		if (!mismatched.isEmpty()) {
			throw new ChecksumMismatchException(mismatched.stream().map(MigrationInfo::name).toList(),
					mismatched.stream().map(MigrationInfo::location).toList());
		}
	}

	/**
	 * Runs work that records migrations without running them, under the cluster lock, with
	 * the history as read once the lock was taken.
	 * @param work the work, given the connection and the history's rows, oldest first
	 * @param <T> what the work returns
	 * @return what the work returned
	 */
	public <T> T recording(RecordingWork<T> work) {
		return locked((session, settings) -> work.run(session.connection(), this.history, session.history()));
	}

	/** Work that records migrations under the cluster lock. */
	@FunctionalInterface
	public interface RecordingWork<T> {

		/**
		 * Does the work.
		 * @param connection the connection, in autocommit mode
		 * @param history the history table
		 * @param rows its rows, oldest first
		 * @return the result
		 * @throws SQLException on database errors
		 */
		T run(Connection connection, SchemaHistory history, List<AppliedMigration> rows) throws SQLException;

	}

	private <T> T locked(LockedWork<T> work) {
		return withConnection((connection) -> locked(connection, false, work));
	}

	private <T> T locked(Connection connection, boolean historyExists, LockedWork<T> work) throws SQLException {
		try (LockedSession session = LockedSession.open(connection, lockConnection(),
				this.configuration.nodeName(), this.history, this.configuration.clusterLockWait(), historyExists)) {
			return work.run(session, statementSettings(connection));
		}
	}

	/**
	 * A second connection, which holds the cluster lock while the first one migrates.
	 */
	private Connection lockConnection() throws SQLException {
		try {
			Connection connection = this.configuration.dataSource().getConnection();
			connection.setAutoCommit(true);
			return connection;
		}
		catch (SQLException ex) {
			throw new SQLException("Could not open a second connection, which holds the migration lock while the"
					+ " first one migrates: " + ex.getMessage() + ". A connection pool needs at least two connections"
					+ " for FORGE while it migrates.", ex.getSQLState(), ex);
		}
	}

	/**
	 * The node's name, which shows in {@code pg_stat_activity}; the lock timeout and the
	 * statement timeout, when one is configured, of every statement; and, on PostgreSQL 14+, a check that ends a statement within a second of
	 * its client dying, so that a killed node leaves no statement running on behind it.
	 */
	private StatementSettings statementSettings(Connection connection) throws SQLException {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("lock_timeout", LockTimeouts.format(this.configuration.lockTimeout()));
		if (!this.configuration.statementTimeout().isZero()) {
			// zero keeps the session's own, which a DBA may have set for the role
			settings.put("statement_timeout", LockTimeouts.format(this.configuration.statementTimeout()));
		}
		settings.put("application_name", this.configuration.nodeName());
		if (connection.getMetaData().getDatabaseMajorVersion() >= 14) {
			settings.put("client_connection_check_interval", "1000");
		}
		return new StatementSettings(settings);
	}

	private <T> T withConnection(Work<T> work) {
		try (Connection connection = this.configuration.dataSource().getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(true);
			try {
				return work.run(connection);
			}
			catch (SQLException ex) {
				ForgeException explained = this.history.missingUsage(connection, ex);
				if (explained != null) {
					throw explained;
				}
				throw ex;
			}
			finally {
				if (!autoCommit && !connection.isClosed()) {
					connection.setAutoCommit(false);
				}
			}
		}
		catch (SQLException ex) {
			throw new ForgeException("Database error: " + ex.getMessage(), ex);
		}
	}

	@FunctionalInterface
	private interface Work<T> {

		T run(Connection connection) throws SQLException;

	}

	/** Work done on the connection of a {@link LockedSession}. */
	@FunctionalInterface
	private interface LockedWork<T> {

		T run(LockedSession session, StatementSettings settings) throws SQLException;

	}

}
