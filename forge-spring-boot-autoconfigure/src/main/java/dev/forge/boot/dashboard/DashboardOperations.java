package dev.forge.boot.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.forge.core.ApplyResult;
import dev.forge.core.Forge;
import dev.forge.core.ForgeException;
import dev.forge.core.MigrationExecution;
import dev.forge.core.MigrationInfo;
import dev.forge.core.MigrationPlan;
import dev.forge.core.MigrationState;
import dev.forge.core.RollbackResult;
import dev.forge.core.StatusReport;
import dev.forge.core.schema.PossibleRename;
import dev.forge.core.schema.SchemaChange;
import dev.forge.core.schema.SchemaDiff;
import dev.forge.core.DriftReport;
import dev.forge.core.GeneratedMigration;
import dev.forge.core.MigrationResource;
import dev.forge.core.internal.migration.MigrationScript;
import dev.forge.core.internal.migration.MigrationScriptParser;
import dev.forge.core.MigrationSource;
import dev.forge.core.internal.safety.SafetyAnalyzer;
import dev.forge.core.SafetyClass;
import org.jspecify.annotations.Nullable;

/**
 * What the dashboard does with the {@link Forge} engine. Every method returns the JSON body
 * of its answer as maps and lists.
 * <p>
 * A preview keeps the rendered files on the server under a random id, so that
 * <em>Apply</em> writes exactly the SQL the user reviewed (after checking that the
 * database and the models still give the same SQL) and <em>Cancel</em> only forgets it.
 */
final class DashboardOperations {

	static final String BREAKING_MARKER = "⚠️ WARNING: This migration contains breaking changes";

	static final String ALLOW_BREAKING = "-- forge:allow-breaking";

	private static final int MAX_PREVIEWS = 16;

	private static final Duration PREVIEW_LIFETIME = Duration.ofMinutes(30);

	private final Forge forge;

	private final String outputDir;

	private final Map<String, Preview> previews = new LinkedHashMap<>();

	DashboardOperations(Forge forge, String outputDir) {
		this.forge = forge;
		this.outputDir = outputDir;
	}

	Map<String, Object> status() {
		StatusReport report = this.forge.status();
		Map<String, String> waits = waits(report);
		List<Map<String, Object>> migrations = new ArrayList<>();
		for (MigrationInfo info : report.migrations()) {
			Map<String, Object> migration = new LinkedHashMap<>();
			migration.put("name", info.name());
			migration.put("state", info.state());
			migration.put("waits", waits.get(info.name()));
			migration.put("appliedAt", info.appliedAt());
			migration.put("executionMillis", info.executionMillis());
			migration.put("appliedBy", info.appliedBy());
			migration.put("checksum", info.checksum());
			migration.put("hasDown", info.hasDown());
			migrations.add(migration);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("migrations", migrations);
		body.put("counts", report.counts());
		body.put("warnings", report.warnings());
		body.put("lockHolder", (report.lockHolder() != null) ? report.lockHolder().toString() : null);
		body.put("lastApplied", lastApplied(report).map(MigrationInfo::name).orElse(null));
		body.put("outputDir", this.outputDir);
		return body;
	}

	/** Why each pending migration that {@code apply} leaves pending waits. */
	private Map<String, String> waits(StatusReport report) {
		if (report.inState(MigrationState.PENDING).isEmpty()) {
			return Map.of();
		}
		MigrationPlan plan = this.forge.plan();
		Map<String, String> waits = new LinkedHashMap<>();
		plan.waiting().forEach((migration) -> waits.put(migration.name(), plan.whyWaiting(migration).orElseThrow()));
		return waits;
	}

	Map<String, Object> preview(String name) {
		if (name.isBlank() || name.length() > 100) {
			throw new DashboardException(400, "Name the migration, e.g. add_project_priority (at most 100 characters).");
		}
		SchemaDiff diff = this.forge.diff();
		List<GeneratedMigration> files = this.forge.preview(name);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("outputDir", this.outputDir);
		if (files.isEmpty()) {
			body.put("empty", true);
			body.put("message", "No changes: the database already matches the models.");
			return body;
		}
		List<String> breaking = diff.changes()
			.stream()
			.map(SchemaChange::breaking)
			.filter(Objects::nonNull)
			.toList();
		Preview preview = remember(name, files, !breaking.isEmpty());
		body.put("id", preview.id());
		body.put("empty", false);
		body.put("changes", diff.changes().stream().map(DashboardOperations::change).toList());
		body.put("possibleRenames", diff.possibleRenames().stream().map(DashboardOperations::rename).toList());
		body.put("breaking", breaking);
		body.put("warning", breaking.isEmpty() ? null : warning(breaking));
		body.put("files", files.stream().map(DashboardOperations::file).toList());
		return body;
	}

	Map<String, Object> cancel(String id) {
		Preview preview;
		synchronized (this.previews) {
			preview = this.previews.remove(id);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("cancelled", preview != null);
		body.put("message", "Cancelled: no file was written.");
		return body;
	}

	synchronized Map<String, Object> apply(String id, boolean allowBreaking) {
		Preview preview = take(id);
		if (preview.breaking() && !allowBreaking) {
			keep(preview);
			throw new DashboardException(409, "This migration contains breaking changes: review the warning and use"
					+ " Apply Anyway to accept them (the file then carries '" + ALLOW_BREAKING + "').");
		}
		List<GeneratedMigration> current = this.forge.preview(preview.name());
		if (!sameSql(current, preview.files())) {
			throw new DashboardException(409, "The database or the models changed since this preview, so the SQL"
					+ " would differ from what you reviewed. Generate again. No file was written.");
		}
		Path directory = this.forge.configuration().outputDirectory();
		List<Path> written = write(directory, preview.files(), allowBreaking);
		List<String> names = preview.files().stream().map(GeneratedMigration::name).toList();
		Set<String> seen = this.forge.status()
			.migrations()
			.stream()
			.map(MigrationInfo::name)
			.collect(Collectors.toSet());
		if (!seen.containsAll(names)) {
			delete(written);
			throw new DashboardException(409, "The engine reads migrations from forge.migrations.path, which does not"
					+ " include forge.migrations.output-dir (" + this.outputDir + "), so it cannot run the new file."
					+ " Point forge.migrations.path at that folder (e.g. file:" + this.outputDir
					+ ") while developing, or generate from the command line and rebuild. No file was kept.");
		}
		ApplyResult result;
		try {
			result = this.forge.apply();
		}
		catch (RuntimeException ex) {
			List<Path> removed = removeUnapplied(written, names);
			throw new DashboardException(409, ex.getMessage() + (removed.isEmpty() ? ""
					: "\n\nRemoved the files that did not run: "
							+ removed.stream().map((file) -> file.getFileName().toString()).collect(Collectors.joining(", "))
							+ "."));
		}
		Map<String, Object> body = applied(result);
		body.put("files", written.stream().map((file) -> this.outputDir + "/" + file.getFileName()).toList());
		body.put("allowBreaking", allowBreaking && preview.breaking());
		return body;
	}

	synchronized Map<String, Object> applyPending() {
		return applied(this.forge.apply());
	}

	Map<String, Object> rollbackPreview() {
		Optional<MigrationInfo> last = lastApplied(this.forge.status());
		Map<String, Object> body = new LinkedHashMap<>();
		if (last.isEmpty()) {
			body.put("name", null);
			body.put("message", "Nothing to roll back: no migration is applied.");
			return body;
		}
		MigrationInfo info = last.get();
		body.put("name", info.name());
		body.put("appliedAt", info.appliedAt());
		Optional<MigrationResource> resource = resource(info.name());
		if (resource.isEmpty()) {
			body.put("hasDown", false);
			body.put("message", "The file of " + info.name() + " is missing: undo its changes by hand, then use"
					+ " Mark as rolled back.");
			return body;
		}
		MigrationScript script = MigrationScriptParser.parse(resource.get());
		body.put("hasDown", script.hasDown());
		if (!script.hasDown()) {
			body.put("message", info.name() + " has no '-- Down' section: write the rollback SQL, run it by hand"
					+ " (e.g. in the SQL tab), then use Mark as rolled back.");
			return body;
		}
		body.put("down", script.down().stream().map((statement) -> statement.sql() + ";").toList());
		List<String> losses = new SafetyAnalyzer(SafetyAnalyzer.DEFAULT_SERVER_VERSION).analyzeDown(script)
			.stream()
			.filter((finding) -> finding.safetyClass() == SafetyClass.DATA_LOSS)
			.map((finding) -> finding.operation() + " " + finding.target() + " (line " + finding.line() + ")")
			.toList();
		body.put("dataLoss", losses);
		body.put("warning", losses.isEmpty() ? null
				: "⚠️ Rolling back " + info.name() + " drops data: the data in what these statements drop is lost"
						+ " and does not come back when the migration is applied again.");
		return body;
	}

	synchronized Map<String, Object> rollback(String name) {
		Optional<MigrationInfo> last = lastApplied(this.forge.status());
		if (last.isEmpty() || !last.get().name().equals(name)) {
			throw new DashboardException(409, "The last applied migration is "
					+ last.map(MigrationInfo::name).orElse("none") + ", not " + name
					+ ": reload and confirm the rollback again.");
		}
		RollbackResult result = this.forge.rollback();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("rolledBack", result.rolledBack().stream().map(MigrationExecution::name).toList());
		body.put("warnings", result.warnings());
		return body;
	}

	synchronized Map<String, Object> markRolledBack(String name) {
		boolean applied = this.forge.status()
			.migrations()
			.stream()
			.anyMatch((info) -> info.name().equals(name) && info.appliedAt() != null);
		if (!applied) {
			throw new DashboardException(409, name + " is not recorded as applied.");
		}
		this.forge.markRolledBack(name);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("message", name + " is no longer recorded as applied; its file, if any, is pending again.");
		return body;
	}

	Map<String, Object> drift() {
		DriftReport report = this.forge.drift();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("hasDrift", report.hasDrift());
		body.put("text", report.render());
		body.put("tables", report.tables().stream().map((table) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("table", table.table());
			entry.put("status", table.status());
			entry.put("text", table.render());
			entry.put("differences", table.differences().stream().map(DriftReport.Difference::message).toList());
			return entry;
		}).toList());
		body.put("checksumMismatches", report.checksumMismatches());
		return body;
	}

	Map<String, Object> jobs() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("jobs", List.of());
		body.put("message", "No backfill jobs. FORGE does not run backfill jobs yet; once it does, each job shows"
				+ " here with its progress (rows done, rows left, rate).");
		return body;
	}

	static String warning(List<String> breaking) {
		StringBuilder text = new StringBuilder(BREAKING_MARKER).append("\n\n");
		breaking.forEach((line) -> text.append("  - ").append(line).append('\n'));
		return text.append("\nThese changes will break code that references the old schema.\n")
			.append("Ensure all nodes are running code that doesn't use these fields\n")
			.append("before applying this migration.")
			.toString();
	}

	static String withAllowBreaking(String content) {
		int generated = content.indexOf("-- Generated:");
		int lineEnd = (generated < 0) ? -1 : content.indexOf('\n', generated);
		int at = (lineEnd < 0) ? 0 : lineEnd + 1;
		return content.substring(0, at) + "-- Breaking changes accepted with Apply Anyway in the FORGE dashboard\n"
				+ ALLOW_BREAKING + "\n" + content.substring(at);
	}

	private Map<String, Object> applied(ApplyResult result) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("applied", result.applied().stream().map(MigrationExecution::name).toList());
		body.put("warnings", result.warnings());
		body.put("durationMillis", result.duration().toMillis());
		return body;
	}

	private List<Path> write(Path directory, List<GeneratedMigration> files, boolean allowBreaking) {
		List<Path> written = new ArrayList<>();
		try {
			Files.createDirectories(directory);
			for (GeneratedMigration file : files) {
				String content = (allowBreaking && file.content().contains(BREAKING_MARKER))
						? withAllowBreaking(file.content()) : file.content();
				written.add(Files.writeString(directory.resolve(file.fileName()), content, StandardCharsets.UTF_8,
						StandardOpenOption.CREATE_NEW));
			}
			return written;
		}
		catch (IOException ex) {
			delete(written);
			throw new UncheckedIOException("Could not write the migration into " + directory + ": " + ex.getMessage(),
					ex);
		}
	}

	private List<Path> removeUnapplied(List<Path> written, List<String> names) {
		Set<String> pending = this.forge.status()
			.inState(MigrationState.PENDING)
			.stream()
			.map(MigrationInfo::name)
			.collect(Collectors.toSet());
		List<Path> removed = new ArrayList<>();
		for (int i = 0; i < written.size(); i++) {
			if (pending.contains(names.get(i))) {
				removed.add(written.get(i));
			}
		}
		delete(removed);
		return removed;
	}

	private static void delete(List<Path> files) {
		for (Path file : files) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// reported through the status: the file shows as pending
			}
		}
	}

	private Optional<MigrationResource> resource(String name) {
		for (MigrationSource source : this.forge.configuration().sources()) {
			for (MigrationResource resource : source.resources()) {
				if (resource.fileName().equals(name + ".sql")) {
					return Optional.of(resource);
				}
			}
		}
		return Optional.empty();
	}

	private static Optional<MigrationInfo> lastApplied(StatusReport report) {
		return report.migrations()
			.stream()
			.filter((info) -> info.appliedAt() != null)
			.max(Comparator.comparing((MigrationInfo info) -> Objects.requireNonNull(info.appliedAt()))
				.thenComparing(MigrationInfo::name));
	}

	private Preview remember(String name, List<GeneratedMigration> files, boolean breaking) {
		Preview preview = new Preview(UUID.randomUUID().toString(), name, files, breaking, Instant.now());
		keep(preview);
		return preview;
	}

	private void keep(Preview preview) {
		synchronized (this.previews) {
			Instant oldest = Instant.now().minus(PREVIEW_LIFETIME);
			this.previews.values().removeIf((candidate) -> candidate.created().isBefore(oldest));
			Iterator<String> ids = this.previews.keySet().iterator();
			while (this.previews.size() >= MAX_PREVIEWS && ids.hasNext()) {
				ids.next();
				ids.remove();
			}
			this.previews.put(preview.id(), preview);
		}
	}

	private Preview take(String id) {
		synchronized (this.previews) {
			Preview preview = this.previews.remove(id);
			if (preview == null || preview.created().isBefore(Instant.now().minus(PREVIEW_LIFETIME))) {
				throw new DashboardException(404, "This preview was cancelled, applied or has expired: generate again.");
			}
			return preview;
		}
	}

	private static boolean sameSql(List<GeneratedMigration> current, List<GeneratedMigration> reviewed) {
		if (current.size() != reviewed.size()) {
			return false;
		}
		for (int i = 0; i < current.size(); i++) {
			GeneratedMigration now = current.get(i);
			GeneratedMigration then = reviewed.get(i);
			if (!number(now).equals(number(then)) || !now.up().equals(then.up()) || !now.down().equals(then.down())) {
				return false;
			}
		}
		return true;
	}

	private static String number(GeneratedMigration migration) {
		return migration.name().substring(0, migration.name().indexOf('_'));
	}

	private static Map<String, Object> file(GeneratedMigration migration) {
		Map<String, Object> file = new LinkedHashMap<>();
		file.put("name", migration.name());
		file.put("fileName", migration.fileName());
		file.put("transactional", migration.transactional());
		file.put("breaking", migration.content().contains(BREAKING_MARKER));
		file.put("header", header(migration.content()));
		file.put("up", migration.up().strip());
		file.put("down", migration.down().strip());
		file.put("content", migration.content());
		return file;
	}

	private static String header(String content) {
		int up = content.indexOf("\n-- Up\n");
		String header = (up < 0) ? "" : content.substring(0, up);
		return header.lines()
			.filter((line) -> !line.startsWith("-- Migration:") && !line.startsWith("-- Generated:"))
			.map((line) -> line.startsWith("-- ") ? line.substring(3) : line.startsWith("--") ? line.substring(2) : line)
			.collect(Collectors.joining("\n"))
			.strip();
	}

	private static Map<String, Object> change(SchemaChange change) {
		Map<String, Object> entry = new LinkedHashMap<>();
		String kind = kind(change);
		entry.put("kind", kind);
		entry.put("table", change.table());
		entry.put("description", kind + " " + detail(change));
		entry.put("breaking", change.breaking());
		return entry;
	}

	private static Map<String, Object> rename(PossibleRename rename) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("table", rename.table());
		entry.put("droppedColumn", rename.droppedColumn());
		entry.put("addedColumn", rename.addedColumn());
		entry.put("type", rename.type().toString());
		return entry;
	}

	/**
	 * The change's name in SQL words, e.g. {@code ADD COLUMN} for {@code AddColumn}.
	 */
	static String kind(SchemaChange change) {
		return change.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
	}

	private static String detail(SchemaChange change) {
		if (change instanceof SchemaChange.AddColumn add) {
			return add.table() + "." + add.column().name() + " " + add.column().type()
					+ (add.column().nullable() ? "" : " NOT NULL")
					+ ((add.column().defaultValue() != null) ? " DEFAULT " + add.column().defaultValue() : "");
		}
		if (change instanceof SchemaChange.DropColumn drop) {
			return drop.table() + "." + drop.column().name();
		}
		if (change instanceof SchemaChange.RenameColumn rename) {
			return rename.table() + "." + rename.from() + " → " + rename.table() + "." + rename.to();
		}
		if (change instanceof SchemaChange.RenameTable rename) {
			return rename.from() + " → " + rename.to();
		}
		if (change instanceof SchemaChange.AlterColumnType alter) {
			return alter.table() + "." + alter.column() + " " + alter.from() + " → " + alter.to();
		}
		if (change instanceof SchemaChange.SetNotNull set) {
			return set.table() + "." + set.column();
		}
		if (change instanceof SchemaChange.DropNotNull drop) {
			return drop.table() + "." + drop.column();
		}
		if (change instanceof SchemaChange.SetDefault set) {
			return set.table() + "." + set.column() + " " + set.to();
		}
		if (change instanceof SchemaChange.DropDefault drop) {
			return drop.table() + "." + drop.column();
		}
		if (change instanceof SchemaChange.CreateIndex create) {
			return create.index().name() + " ON " + create.table() + " (" + String.join(", ", create.index().columns())
					+ ")";
		}
		if (change instanceof SchemaChange.DropIndex drop) {
			return drop.index().name() + " ON " + drop.table();
		}
		if (change instanceof SchemaChange.AddForeignKey add) {
			return add.table() + " (" + String.join(", ", add.foreignKey().columns()) + ") → "
					+ add.foreignKey().referencedTable();
		}
		if (change instanceof SchemaChange.DropForeignKey drop) {
			return drop.table() + " " + drop.foreignKey().name();
		}
		return change.table();
	}

	private record Preview(String id, String name, List<GeneratedMigration> files, boolean breaking, Instant created) {

	}

	/**
	 * A request the dashboard refuses, with the HTTP status to answer.
	 */
	static final class DashboardException extends RuntimeException {

		private final int status;

		DashboardException(int status, String message) {
			super(message);
			this.status = status;
		}

		int status() {
			return this.status;
		}

	}

	static boolean isForgeProblem(@Nullable Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ForgeException) {
				return true;
			}
		}
		return false;
	}

}
