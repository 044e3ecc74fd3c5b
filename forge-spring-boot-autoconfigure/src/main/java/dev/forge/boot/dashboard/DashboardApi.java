package dev.forge.boot.dashboard;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.ForgeOperations.AppliedPreview;
import dev.forge.boot.ForgeOperations.GenerationPreview;
import dev.forge.core.ApplyResult;
import dev.forge.core.BreakingChangeWarning;
import dev.forge.core.DriftReport;
import dev.forge.core.GeneratedMigration;
import dev.forge.core.MigrationExecution;
import dev.forge.core.MigrationInfo;
import dev.forge.core.MigrationPlan;
import dev.forge.core.MigrationState;
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
		if (!report.inState(MigrationState.PENDING).isEmpty()) {
			MigrationPlan plan = this.operations.plan();
			plan.waiting().forEach((migration) -> waits.put(migration.name(), plan.whyWaiting(migration).orElseThrow()));
			plan.migrations()
				.stream()
				.filter((migration) -> migration.backfill() != null)
				.forEach((migration) -> backfills.put(migration.name(), migration.backfill().describe()));
		}
		List<MigrationView> migrations = report.migrations()
			.stream()
			.map((info) -> new MigrationView(info, waits.get(info.name()), backfills.get(info.name())))
			.toList();
		String lastApplied = report.migrations().stream().anyMatch((info) -> info.appliedAt() != null)
				? this.operations.rollbackPreview().map(RollbackPreview::name).orElse(null) : null;
		return new StatusView(migrations, report.counts(), report.warnings(),
				(report.lockHolder() != null) ? report.lockHolder().toString() : null, lastApplied, this.outputDir);
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

	Map<String, Object> jobs() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("jobs", List.of());
		body.put("message", "No backfill jobs. FORGE does not run backfill jobs yet; once it does, each job shows"
				+ " here with its progress (rows done, rows left, rate).");
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
			@Nullable String lockHolder, @Nullable String lastApplied, String outputDir) {
	}

	record MigrationView(String name, MigrationState status, @Nullable String waits, @Nullable Instant appliedAt,
			@Nullable Long executionMillis, @Nullable String checksum, boolean hasDown, @Nullable String backfill) {

		MigrationView(MigrationInfo info, @Nullable String waits, @Nullable String backfill) {
			this(info.name(), info.state(), waits, info.appliedAt(), info.executionMillis(),
					info.checksum(), info.hasDown(), backfill);
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
