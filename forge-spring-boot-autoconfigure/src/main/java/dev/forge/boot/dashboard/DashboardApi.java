package dev.forge.boot.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.ForgeOperations.AppliedPreview;
import dev.forge.boot.ForgeOperations.GenerationPreview;
import dev.forge.core.ApplyResult;
import dev.forge.core.BackfillJob;
import dev.forge.core.AdoptionStatus;
import dev.forge.core.BaselineResult;
import dev.forge.core.BreakingChangeWarning;
import dev.forge.core.FlywayImportResult;
import dev.forge.core.ContractCheck;
import dev.forge.core.DeferredPolicy;
import dev.forge.core.DriftReport;
import dev.forge.core.Finding;
import dev.forge.core.FleetNode;
import dev.forge.core.GeneratedMigration;
import dev.forge.core.GenerationResult;
import dev.forge.core.JavaBackfill;
import dev.forge.core.JobStatus;
import dev.forge.core.MigrationExecution;
import dev.forge.core.MigrationFileException;
import dev.forge.core.MigrationInfo;
import dev.forge.core.MigrationPlan;
import dev.forge.core.MigrationState;
import dev.forge.core.PlannedMigration;
import dev.forge.core.RollbackPreview;
import dev.forge.core.RollbackResult;
import dev.forge.core.StatusReport;
import dev.forge.core.schema.PossibleRename;
import dev.forge.core.schema.SchemaChange;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's JSON API: each method calls {@link ForgeOperations} and shapes its answer
 * for the page. No engine logic lives here; what a migration is, which one was applied last,
 * what a rollback drops and how breaking changes are worded all come from the engine, in the
 * words the command line and the Actuator endpoints use ({@code status}, not state).
 */
final class DashboardApi {

	private final ForgeOperations operations;

	private final String outputDir;

	DashboardApi(ForgeOperations operations, String outputDir) {
		this.operations = operations;
		this.outputDir = outputDir;
	}

	StatusView status() {
		StatusReport report = this.operations.status();
		Map<String, String> waits = new LinkedHashMap<>();
		Map<String, String> backfills = new LinkedHashMap<>();
		MigrationPlan plan = report.inState(MigrationState.PENDING).isEmpty() ? null : this.operations.plan();
		if (plan != null) {
			plan.waiting().forEach((migration) -> waits.put(migration.name(), plan.whyWaiting(migration).orElseThrow()));
			plan.migrations()
				.stream()
				.filter((migration) -> migration.backfill() != null)
				.forEach((migration) -> backfills.put(migration.name(), migration.backfill().describe()));
		}
		Map<String, List<String>> estimates = new LinkedHashMap<>();
		if (plan != null) {
			plan.migrations().forEach((migration) -> estimates.put(migration.name(), estimates(migration)));
		}
		// the plan checks its deferred files against the live nodes as it is made
		List<ContractCheck> checks = (plan != null) ? plan.contractChecks() : List.of();
		DeferredPolicy policy = this.operations.getForge().configuration().deferredPolicy();
		Map<String, ContractView> contracts = new LinkedHashMap<>();
		if (plan != null) {
			plan.migrations()
				.stream()
				.filter((migration) -> migration.contract() != null)
				.forEach((migration) -> contracts.put(migration.name(), ContractView.of(migration.contract(), policy,
						!migration.needsBreakingAcceptance())));
		}
		List<MigrationView> migrations = report.migrations()
			.stream()
			.map((info) -> new MigrationView(info, waits.get(info.name()), backfills.get(info.name()),
					contracts.get(info.name()), estimates.getOrDefault(info.name(), List.of())))
			.toList();
		String lastApplied = report.migrations().stream().anyMatch((info) -> info.appliedAt() != null)
				? this.operations.rollbackPreview().map(RollbackPreview::name).orElse(null) : null;
		Instant now = Instant.now();
		List<NodeView> nodes = this.operations.nodes().stream().map((node) -> NodeView.of(node, checks, now)).toList();
		return new StatusView(migrations, report.counts(), report.warnings(),
				(report.lockHolder() != null) ? report.lockHolder().toString() : null, lastApplied, this.outputDir,
				nodes, policy, this.operations.getForge().configuration().nodeTimeout().toSeconds());
	}

	/**
	 * What each statement of a pending migration costs under its lock where the database gave
	 * an estimate, e.g. {@code line 3: ACCESS EXCLUSIVE, rewrite of ~48M rows, minutes}: of
	 * the statement's finding with the most rows.
	 */
	private static List<String> estimates(PlannedMigration migration) {
		Map<String, Finding> largest = new LinkedHashMap<>();
		for (Finding finding : migration.findings()) {
			if (finding.estimate() != null) {
				largest.merge(finding.line() + "\u0000" + finding.sql(), finding,
						(a, b) -> (b.estimate().rows() > a.estimate().rows()) ? b : a);
			}
		}
		return largest.values().stream().map((finding) -> "line " + finding.line() + ": " + finding.cost()).toList();
	}

	PreviewView preview(String name) {
		if (name.isBlank() || name.length() > 100) {
			throw new DashboardException(400, "Name the migration, e.g. add_project_priority (at most 100 characters).");
		}
		GenerationPreview preview = this.operations.preview(name);
		if (preview.isEmpty()) {
			return new PreviewView(name, this.outputDir, null, true,
					"No changes: the database already matches the models.", List.of(), List.of(), List.of(), null,
					List.of());
		}
		List<String> breaking = preview.diff()
			.changes()
			.stream()
			.map(SchemaChange::breaking)
			.filter((line) -> line != null)
			.map(String::valueOf)
			.toList();
		return new PreviewView(name, this.outputDir, preview.id(), false, null,
				preview.diff().changes().stream().map(ChangeView::new).toList(),
				preview.diff().possibleRenames().stream().map(RenameView::new).toList(), breaking,
				breaking.isEmpty() ? null : BreakingChangeWarning.text(breaking),
				preview.files().stream().map(FileView::new).toList());
	}

	Map<String, Object> cancel(String id) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("cancelled", this.operations.cancel(id));
		body.put("message", "Cancelled: no file was written.");
		return body;
	}

	ApplyView apply(String id, boolean allowBreaking) {
		AppliedPreview applied = this.operations.applyPreview(id, allowBreaking);
		List<String> files = applied.files().stream().map((file) -> this.outputDir + "/" + file.getFileName()).toList();
		return ApplyView.of(applied.result(), files, applied.breakingAccepted());
	}

	ApplyView applyPending() {
		return ApplyView.of(this.operations.apply(), null, false);
	}

	RollbackView rollbackPreview() {
		Optional<RollbackPreview> last = this.operations.rollbackPreview();
		if (last.isEmpty()) {
			return new RollbackView(null, null, false, "Nothing to roll back: no migration is applied.", List.of(),
					List.of(), null);
		}
		RollbackPreview preview = last.get();
		List<String> down = preview.down().stream().map((statement) -> statement.sql() + ";").toList();
		return new RollbackView(preview.name(), preview.appliedAt(), preview.hasDown(),
				preview.problem().orElse(null), down, preview.dataLoss(),
				preview.warning().map((warning) -> "⚠️ " + warning).orElse(null));
	}

	Map<String, Object> rollback(String name) {
		RollbackResult result = this.operations.rollbackLast(name);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("rolledBack", result.rolledBack().stream().map(MigrationExecution::name).toList());
		body.put("warnings", result.warnings());
		return body;
	}

	/** Whether Baseline and Import from Flyway apply to this database. */
	Map<String, Object> adoption() {
		AdoptionStatus status = this.operations.adoption();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("tables", status.tables());
		body.put("canBaseline", status.canBaseline());
		body.put("canImportFlyway", status.canImportFlyway());
		return body;
	}

	Map<String, Object> baseline() {
		BaselineResult result = this.operations.baseline("baseline");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", result.name());
		body.put("file", result.file().toString());
		body.put("notWritten", result.notWritten());
		body.put("message", "Wrote " + result.file() + " and recorded " + result.name()
				+ " as applied without running it." + (result.notWritten().isEmpty() ? ""
						: " Not recreated by the file: " + String.join(", ", result.notWritten()) + "."));
		return body;
	}

	Map<String, Object> importFlyway(String locations) {
		List<String> list = Arrays.stream(locations.split(",")).map(String::strip).filter((l) -> !l.isEmpty()).toList();
		FlywayImportResult result = this.operations.importFlyway(list);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("files", result.files().stream().map(String::valueOf).toList());
		body.put("notImported", result.notImported());
		body.put("message", result.message() + ". flyway_schema_history was not changed.");
		return body;
	}

	Map<String, Object> markRolledBack(String name) {
		this.operations.markRolledBack(name);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("message", name + " is no longer recorded as applied; its file, if any, is pending again.");
		return body;
	}

	DriftView drift() {
		DriftReport report = this.operations.drift();
		return new DriftView(report.hasDrift(), report.render(), report.tables()
			.stream()
			.map((table) -> new TableView(table.table(), table.status().name(), table.render(),
					table.differences().stream().map(DriftReport.Difference::message).toList()))
			.toList(), report.checksumMismatches());
	}

	JobsView jobs() {
		Instant now = Instant.now();
		List<BackfillJob> jobs = this.operations.jobs();
		Map<String, BackfillJob> byName = new LinkedHashMap<>();
		jobs.forEach((job) -> byName.put(job.name(), job));
		List<DeclaredView> declared = declaredBackfills().stream()
			.map((backfill) -> DeclaredView.of(backfill, byName.get(backfill.name())))
			.toList();
		return new JobsView(jobs.stream().map((job) -> JobView.of(job, now)).toList(), declared,
				jobs.isEmpty() ? "No backfill jobs yet. Applying a migration file with '-- forge:backfill' registers"
						+ " one; so does starting a declared Java backfill. Create one below." : null,
				this.outputDir);
	}

	private List<JavaBackfill> declaredBackfills() {
		return this.operations.declaredBackfills();
	}

	JobView job(String action, String name) {
		BackfillJob job = switch (action) {
			case "pause" -> this.operations.pauseJob(name);
			case "resume" -> this.operations.resumeJob(name);
			case "cancel" -> this.operations.cancelJob(name);
			case "retry" -> this.operations.retryJob(name);
			case "start" -> this.operations.startBackfill(name);
			default -> throw new DashboardException(404, "No such job action: " + action);
		};
		return JobView.of(job, Instant.now());
	}

	BackfillPreviewView previewBackfill(String name, String sql, Map<String, String> options) {
		if (name.isBlank() || name.length() > 100) {
			throw new DashboardException(400, "Name the backfill, e.g. backfill_word_count (at most 100 characters).");
		}
		if (sql.isBlank()) {
			throw new DashboardException(400,
					"Enter the backfill's SQL: UPDATE <table> SET ... WHERE <rows still to do>.");
		}
		StringBuilder text = new StringBuilder();
		options.forEach((option, value) -> {
			if (!value.isBlank()) {
				if (value.strip().chars().anyMatch(Character::isWhitespace)) {
					throw new DashboardException(400, "The backfill option " + option + " takes one value without"
							+ " spaces, e.g. " + (option.equals("batch-size") ? "1000" : "50ms") + ", not '" + value + "'.");
				}
				text.append(' ').append(option).append('=').append(value.strip());
			}
		});
		GenerationPreview preview;
		try {
			preview = this.operations.previewBackfill(name, sql, text.toString().strip());
		}
		catch (MigrationFileException ex) {
			throw new DashboardException(400, ex.getMessage());
		}
		GeneratedMigration file = preview.files().get(0);
		return new BackfillPreviewView(preview.id(), file.name(), file.fileName(), this.outputDir, file.content(),
				List.of("one UPDATE with a WHERE that says which rows are still to do",
						"options: " + (text.isEmpty() ? "the defaults" : text.toString().strip()),
						"the table exists and has a primary key, on which the batches are keyed"));
	}

	Map<String, Object> writeBackfill(String id) {
		GenerationResult written = this.operations.writeBackfill(id);
		GeneratedMigration file = written.scripts().get(0);
		boolean pending = this.operations.status()
			.inState(MigrationState.PENDING)
			.stream()
			.anyMatch((info) -> info.name().equals(file.name()));
		String path = this.outputDir + "/" + file.fileName();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", file.name());
		body.put("file", path);
		body.put("pending", pending);
		body.put("message", pending
				? "Wrote " + path + ". Review it in git and apply it (Apply pending): apply registers its job, which"
						+ " then runs in batches."
				: "Wrote " + path + ". The engine does not read migrations from " + this.outputDir
						+ ", so it cannot apply it yet: rebuild and restart the application, or point"
						+ " forge.migrations.path at that folder while developing.");
		return body;
	}

	/** The comment lines of a generated file's header, without the markers. */
	static String headerOf(String content) {
		int up = content.indexOf("\n-- Up\n");
		String header = (up < 0) ? "" : content.substring(0, up);
		return header.lines()
			.filter((line) -> !line.startsWith("-- Migration:") && !line.startsWith("-- Generated:"))
			.map((line) -> line.startsWith("-- ") ? line.substring(3) : line.startsWith("--") ? line.substring(2) : line)
			.collect(Collectors.joining("\n"))
			.strip();
	}

	record StatusView(List<MigrationView> migrations, Map<MigrationState, Integer> counts, List<String> warnings,
			@Nullable String lockHolder, @Nullable String lastApplied, String outputDir, List<NodeView> nodes,
			DeferredPolicy deferredPolicy, long nodeTimeoutSeconds) {
	}

	record MigrationView(String name, MigrationState status, @Nullable String waits, @Nullable Instant appliedAt,
			@Nullable Long executionMillis, @Nullable String checksum, boolean hasDown, @Nullable String backfill,
			@Nullable ContractView contract, @Nullable String note, List<String> estimates) {

		MigrationView(MigrationInfo info, @Nullable String waits, @Nullable String backfill,
				@Nullable ContractView contract, List<String> estimates) {
			this(info.name(), info.state(), waits, info.appliedAt(), info.executionMillis(),
					info.checksum(), info.hasDown(), backfill, contract, info.note(), estimates);
		}

	}

	/**
	 * A pending deferred file against the live nodes, in the words of the Migrations table:
	 * one line per node that still uses what it removes ({@code waiting for web-2 (1.4.2) on
	 * host-a pid 41, which uses users.legacy_email}), or {@code safe to contract: ...}, then
	 * the backfill it waits for, if any, and what happens next under the deferred policy. A
	 * file whose breaking changes are accepted waits for no node, so its nodes are only named.
	 */
	record ContractView(List<String> removes, List<BlockerView> blockedBy, @Nullable String backfillWait,
			boolean safe, List<String> lines, @Nullable String next) {

		static ContractView of(ContractCheck check, DeferredPolicy policy, boolean accepted) {
			List<String> lines = new ArrayList<>();
			String blocked = accepted ? "still used by " : "waiting for ";
			check.blockedBy().forEach((blocker) -> lines.add(blocked + blocker.describe()));
			if (check.blockedBy().isEmpty()) {
				String nobody = check.removes().isEmpty() ? "it removes no table or column a node could use"
						: "no live node uses " + String.join(", ", check.removes());
				lines.add(check.safe() ? "safe to contract: " + nobody : nobody);
			}
			if (check.backfillWait() != null) {
				lines.add(check.backfillWait());
			}
			return new ContractView(check.removes(), check.blockedBy().stream().map(BlockerView::new).toList(),
					check.backfillWait(), check.safe(), lines, next(check, policy, accepted));
		}

		/** What happens to the file next; nothing to say while a manual file waits for nodes. */
		private static @Nullable String next(ContractCheck check, DeferredPolicy policy, boolean accepted) {
			if (accepted) {
				return "Its breaking changes are accepted with '-- forge:allow-breaking': it applies at the next apply"
						+ ((check.backfillWait() != null) ? " after its backfill" : "")
						+ ", whether or not a node still uses what it removes.";
			}
			if (policy == DeferredPolicy.AUTO) {
				return check.safe() ? "It applies by itself at a node's next check (forge.migrations.deferred=auto)."
						: "It applies by itself once nothing holds it back (forge.migrations.deferred=auto).";
			}
			return check.safe() ? "Add '-- forge:allow-breaking' to the file to apply it, or set"
					+ " forge.migrations.deferred=auto to let a node apply such files by itself." : null;
		}

	}

	record BlockerView(String node, String application, @Nullable String version, String host, long pid,
			List<String> uses, String description) {

		BlockerView(ContractCheck.Blocker blocker) {
			this(blocker.node().id(), blocker.node().application(), blocker.node().version(), blocker.node().host(),
					blocker.node().pid(), blocker.uses(), blocker.describe());
		}

	}

	/**
	 * A live node as the Nodes panel shows it: the age of its last heartbeat, what its models
	 * use, sorted, and the deferred files it holds back.
	 */
	record NodeView(String id, String application, @Nullable String version, String host, long pid,
			Instant startedAt, Instant heartbeatAt, long heartbeatSecondsAgo, List<String> uses, List<String> holdsBack,
			String description) {

		static NodeView of(FleetNode node, List<ContractCheck> checks, Instant now) {
			List<String> holdsBack = checks.stream()
				.filter((check) -> check.blockedBy().stream().anyMatch((blocker) -> isNode(blocker, node)))
				.map(ContractCheck::migration)
				.toList();
			// the heartbeat is the database's clock: never show a heartbeat "in the future"
			long ago = Math.max(0, Duration.between(node.heartbeatAt(), now).toSeconds());
			return new NodeView(node.id(), node.application(), node.version(), node.host(), node.pid(),
					node.startedAt(), node.heartbeatAt(), ago, node.uses().stream().sorted().toList(), holdsBack,
					node.describe());
		}

		private static boolean isNode(ContractCheck.Blocker blocker, FleetNode node) {
			return blocker.node().id().equals(node.id());
		}

	}

	record PreviewView(String name, String outputDir, @Nullable String id, boolean empty, @Nullable String message,
			List<ChangeView> changes, List<RenameView> possibleRenames, List<String> breaking,
			@Nullable String warning, List<FileView> files) {
	}

	record ChangeView(String kind, String table, String description, @Nullable String breaking) {

		ChangeView(SchemaChange change) {
			this(change.kind(), change.table(), change.describe(), change.breaking());
		}

	}

	record RenameView(String table, String droppedColumn, String addedColumn, String type) {

		RenameView(PossibleRename rename) {
			this(rename.table(), rename.droppedColumn(), rename.addedColumn(), rename.type().toString());
		}

	}

	record FileView(String name, String fileName, boolean transactional, boolean breaking, String header, String up,
			String down, String content) {

		FileView(GeneratedMigration migration) {
			this(migration.name(), migration.fileName(), migration.transactional(), migration.breaking(),
					headerOf(migration.content()), migration.up().strip(), migration.down().strip(),
					migration.content());
		}

	}

	record ApplyView(List<String> applied, List<String> warnings, long durationMillis, @Nullable List<String> files,
			boolean allowBreaking) {

		static ApplyView of(ApplyResult result, @Nullable List<String> files, boolean allowBreaking) {
			return new ApplyView(result.applied().stream().map(MigrationExecution::name).toList(), result.warnings(),
					result.duration().toMillis(), files, allowBreaking);
		}

	}

	record RollbackView(@Nullable String name, @Nullable Instant appliedAt, boolean hasDown,
			@Nullable String message, List<String> down, List<String> dataLoss, @Nullable String warning) {
	}

	record DriftView(boolean hasDrift, String text, List<TableView> tables, List<String> checksumMismatches) {
	}

	record TableView(String table, String status, String text, List<String> differences) {
	}

	record JobsView(List<JobView> jobs, List<DeclaredView> declared, @Nullable String message, String outputDir) {
	}

	/**
	 * A job as the Jobs tab shows it: progress against the estimate, the rate since it
	 * started, the time left at that rate while it runs, and the controls its state allows.
	 */
	record JobView(String name, JobStatus status, String table, String options, long rowsDone, long rowsLeft,
			long rowsTotal, @Nullable Integer percent, long rowsPerSecond, @Nullable Long etaSeconds,
			@Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable String lastError,
			List<String> actions) {

		static JobView of(BackfillJob job, Instant now) {
			long total = Math.max(job.rowsEstimated(), job.rowsDone());
			Integer percent = (job.status() == JobStatus.DONE) ? Integer.valueOf(100)
					: (total > 0) ? Integer.valueOf((int) Math.min(99, job.rowsDone() * 100 / total)) : null;
			double rate = job.rowsPerSecond(now);
			Long eta = (job.status() == JobStatus.RUNNING && rate > 0 && job.rowsLeft() > 0)
					? Long.valueOf((long) Math.ceil(job.rowsLeft() / rate)) : null;
			return new JobView(job.name(), job.status(), job.table(), job.options(), job.rowsDone(), job.rowsLeft(),
					(job.status() == JobStatus.DONE) ? job.rowsDone() : total, percent, Math.round(rate), eta,
					job.startedAt(), job.finishedAt(), job.lastError(), actions(job.status()));
		}

		private static List<String> actions(JobStatus status) {
			List<String> actions = new ArrayList<>();
			if (status.isRunnable()) {
				actions.add("pause");
			}
			if (status == JobStatus.PAUSED) {
				actions.add("resume");
			}
			if (status != JobStatus.DONE && status != JobStatus.CANCELLED) {
				actions.add("cancel");
			}
			if (status == JobStatus.FAILED || status == JobStatus.CANCELLED) {
				actions.add("retry");
			}
			return actions;
		}

	}

	record DeclaredView(String name, String table, String where, List<String> reads, @Nullable JobStatus status,
			boolean startable) {

		static DeclaredView of(JavaBackfill backfill, @Nullable BackfillJob job) {
			boolean startable = job == null || job.status() == JobStatus.DONE || job.status() == JobStatus.CANCELLED;
			return new DeclaredView(backfill.name(), backfill.table(), backfill.where(), backfill.reads(),
					(job != null) ? job.status() : null, startable);
		}

	}

	record BackfillPreviewView(String id, String name, String fileName, String outputDir, String content,
			List<String> checks) {
	}

	/**
	 * A request the dashboard refuses, with the HTTP status to answer.
	 */
	static final class DashboardException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final int status;

		DashboardException(int status, String message) {
			super(message);
			this.status = status;
		}

		int status() {
			return this.status;
		}

	}

}
