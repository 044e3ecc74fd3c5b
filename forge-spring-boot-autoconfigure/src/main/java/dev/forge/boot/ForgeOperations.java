package dev.forge.boot;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.forge.boot.ForgeMigrationListener.Run;
import dev.forge.core.AdoptionStatus;
import dev.forge.core.ApplyResult;
import dev.forge.core.BackfillJob;
import dev.forge.core.BackfillRun;
import dev.forge.core.BackfillSettings;
import dev.forge.core.BaselineResult;
import dev.forge.core.ContractCheck;
import dev.forge.core.DriftReport;
import dev.forge.core.FleetMembership;
import dev.forge.core.FleetNode;
import dev.forge.core.FlywayImportResult;
import dev.forge.core.Forge;
import dev.forge.core.ForgeException;
import dev.forge.core.GeneratedMigration;
import dev.forge.core.GenerationResult;
import dev.forge.core.JavaBackfill;
import dev.forge.core.MigrationInfo;
import dev.forge.core.MigrationPlan;
import dev.forge.core.MigrationReview;
import dev.forge.core.MigrationState;
import dev.forge.core.NodeRegistration;
import dev.forge.core.RepairResult;
import dev.forge.core.RollbackPreview;
import dev.forge.core.RollbackResult;
import dev.forge.core.StatusReport;
import dev.forge.core.schema.SchemaChange;
import dev.forge.core.schema.SchemaDiff;
import org.jspecify.annotations.Nullable;

/**
 * The operations of FORGE in a Spring application, and the one way every surface reaches
 * the engine: start-up, the {@code migrate} command line, the dashboard and the Actuator
 * endpoints all call this bean. Runs that change the database (apply, rollback) tell the
 * {@link ForgeMigrationListener}s, whatever surface started them, and update the status
 * that health and metrics read.
 * <p>
 * The status for probes ({@link #currentStatus()}) is cached: it is read again after every
 * run through this bean and when it is older than {@link #STATUS_REFRESH}, so that a health
 * probe or a metrics scrape does not read every migration file.
 *
 * @author FORGE
 * @since 0.1.0
 */
public class ForgeOperations {

	/** How old the status that health and metrics see may get before it is read again. */
	public static final Duration STATUS_REFRESH = Duration.ofSeconds(30);

	private final Forge forge;

	private final Supplier<List<ForgeMigrationListener>> listeners;

	private final GenerationPreviews previews;

	private final Clock clock;

	private final Object changes = new Object();

	private volatile BackfillSettings backfillSettings = BackfillSettings.DEFAULTS;

	private volatile @Nullable LastRun lastRun;

	private volatile @Nullable CurrentStatus currentStatus;

	private volatile @Nullable CurrentContractChecks currentContractChecks;

	/** Counts the runs, so that a status read while one ran is not kept as current. */
	private final AtomicLong runs = new AtomicLong();

	/**
	 * Creates the operations.
	 * @param forge the engine
	 * @param listeners the listeners to tell about each run
	 */
	public ForgeOperations(Forge forge, List<ForgeMigrationListener> listeners) {
		this(forge, () -> listeners, Clock.systemUTC());
	}

	/**
	 * Creates the operations with listeners found when a run ends, such as beans that
	 * themselves need the operations (the metrics do).
	 * @param forge the engine
	 * @param listeners supplies the listeners to tell about each run, in order
	 */
	public ForgeOperations(Forge forge, Supplier<List<ForgeMigrationListener>> listeners) {
		this(forge, listeners, Clock.systemUTC());
	}

	ForgeOperations(Forge forge, Supplier<List<ForgeMigrationListener>> listeners, Clock clock) {
		this.forge = forge;
		this.listeners = listeners;
		this.previews = new GenerationPreviews(clock);
		this.clock = clock;
	}

	/**
	 * Returns the engine, for what this class does not offer. Runs started on it directly
	 * are not seen by the listeners, health or metrics.
	 * @return the engine
	 */
	public Forge getForge() {
		return this.forge;
	}

	/**
	 * Applies every pending migration.
	 * @return what was applied
	 * @throws ForgeException when a migration failed or was refused; what was applied
	 * before is in {@link ForgeException#completed()}
	 */
	public ApplyResult apply() {
		ApplyResult result = run(Run.APPLY, this.forge::apply);
		this.listeners.get().forEach((listener) -> listener.applied(result));
		return result;
	}

	/**
	 * Rolls back the most recently applied migration.
	 * @return what was rolled back
	 */
	public RollbackResult rollback() {
		return rolledBack(run(Run.ROLLBACK, this.forge::rollback));
	}

	/**
	 * Rolls back the most recently applied migration if it is {@code name}: the rollback a
	 * person confirmed after reading its {@link #rollbackPreview() preview}.
	 * @param name the migration the caller expects to be the last applied one
	 * @return what was rolled back
	 */
	public RollbackResult rollbackLast(String name) {
		return rolledBack(run(Run.ROLLBACK, () -> this.forge.rollbackLast(name)));
	}

	/**
	 * Rolls back, newest first, every migration applied after {@code name}.
	 * @param name the migration to return to
	 * @return what was rolled back
	 */
	public RollbackResult rollbackTo(String name) {
		return rolledBack(run(Run.ROLLBACK, () -> this.forge.rollbackTo(name)));
	}

	private RollbackResult rolledBack(RollbackResult result) {
		this.listeners.get().forEach((listener) -> listener.rolledBack(result));
		return result;
	}

	/**
	 * Forgets that a migration was applied, after its changes were undone by hand.
	 * @param name the migration's name
	 */
	public void markRolledBack(String name) {
		changing(() -> {
			this.forge.markRolledBack(name);
			return null;
		});
	}

	/**
	 * Accepts the new checksums of edited applied files and forgets failed runs.
	 * @return what was changed
	 */
	public RepairResult repair() {
		return changing(this.forge::repair);
	}

	/**
	 * Writes one migration file that recreates the current schema of a database FORGE did
	 * not build, and records it as applied without running it.
	 * @param name the migration's name, e.g. {@code baseline}
	 * @return the file, and what it does not recreate
	 * @see Forge#baseline(String)
	 */
	public BaselineResult baseline(String name) {
		return changing(() -> this.forge.baseline(name));
	}

	/**
	 * Writes a FORGE file for each versioned migration Flyway applied, and records them as
	 * applied without running them.
	 * @param locations where Flyway's files are, as Spring resource locations such as
	 * {@code classpath:db/migration} or {@code file:db/migration}; empty for
	 * {@code classpath:db/migration}
	 * @return the files written
	 * @see Forge#importFlyway(List)
	 */
	public FlywayImportResult importFlyway(List<String> locations) {
		return changing(() -> this.forge.importFlyway(locations));
	}

	/**
	 * Tells whether this database is one to adopt with a baseline or a Flyway import.
	 * @return the status
	 */
	public AdoptionStatus adoption() {
		return this.forge.adoption();
	}

	/**
	 * Runs one change of the database: one at a time in this application (the cluster lock
	 * orders them across nodes), remembered for the health indicator, and followed by a
	 * fresh status.
	 */
	private <T> T run(Run run, Supplier<T> change) {
		return changing(() -> {
			try {
				T result = change.get();
				this.lastRun = new LastRun(this.clock.instant(), null);
				return result;
			}
			catch (RuntimeException ex) {
				this.lastRun = new LastRun(this.clock.instant(), ex);
				this.listeners.get().forEach((listener) -> listener.failed(run, ex));
				throw ex;
			}
		});
	}

	/** Changes the history: one change at a time in this application, then a fresh status. */
	private <T> T changing(Supplier<T> change) {
		synchronized (this.changes) {
			try {
				return change.get();
			}
			finally {
				statusChanged();
			}
		}
	}

	/**
	 * Reads every migration with its state now.
	 * @return the status
	 */
	public StatusReport status() {
		return this.forge.status();
	}

	/**
	 * Reviews every migration: status, plan and findings, reading each file once.
	 * @return the review
	 */
	public MigrationReview review() {
		return this.forge.review();
	}

	/**
	 * Returns what {@link #apply()} would run, with the safety findings.
	 * @return the plan
	 */
	public MigrationPlan plan() {
		return this.forge.plan();
	}

	/**
	 * Shows what {@link #rollback()} would do.
	 * @return the preview, empty when nothing is applied
	 */
	public Optional<RollbackPreview> rollbackPreview() {
		return this.forge.rollbackPreview();
	}

	/**
	 * Compares the models with the live database.
	 * @return the changes that would bring the database to the models
	 */
	public SchemaDiff diff() {
		return this.forge.diff();
	}

	/**
	 * Checks that every change of the models is held by a migration file.
	 * @return the changes no migration holds
	 */
	public SchemaDiff check() {
		return this.forge.check();
	}

	/**
	 * Reports drift between the live database and the models.
	 * @return the report
	 */
	public DriftReport drift() {
		return this.forge.drift();
	}

	/**
	 * Renders the SQL of one change of a diff.
	 * @param change the change
	 * @return its statements
	 */
	public List<String> sql(SchemaChange change) {
		return this.forge.sql(change);
	}

	/**
	 * Writes the migration files that bring the database to the models.
	 * @param name the migration's name
	 * @return the files written
	 */
	public GenerationResult generate(String name) {
		return this.forge.generate(name);
	}

	/**
	 * Renders the migration files that bring the database to the models and keeps them
	 * under an id, so that {@link #applyPreview(String, boolean)} writes and applies
	 * exactly what the reviewer saw.
	 * @param name the migration's name
	 * @return the preview; {@link GenerationPreview#isEmpty() empty} when the database
	 * matches the models
	 */
	public GenerationPreview preview(String name) {
		SchemaDiff diff = this.forge.diff();
		List<GeneratedMigration> files = this.forge.preview(name);
		return files.isEmpty() ? new GenerationPreview(null, name, diff, files)
				: this.previews.remember(name, diff, files);
	}

	/**
	 * Forgets a preview; no file is written.
	 * @param id the preview's id
	 * @return whether there was such a preview
	 */
	public boolean cancel(String id) {
		return this.previews.forget(id);
	}

	/**
	 * Writes the files of a preview into the output directory and applies them, as one
	 * step: a file that did not run is removed again, and nothing is written when the
	 * database or the models would now give other SQL.
	 * @param id the preview's id
	 * @param acceptBreaking whether the reviewer accepted the breaking changes; the files
	 * then carry {@code -- forge:allow-breaking}
	 * @return the files written and what was applied
	 * @throws ForgeException when the preview is gone, has breaking changes that were not
	 * accepted, or the SQL changed; when the apply fails (the files that did not run are
	 * removed then)
	 */
	public AppliedPreview applyPreview(String id, boolean acceptBreaking) {
		synchronized (this.changes) {
			GenerationPreview preview = this.previews.take(id);
			if (preview.breaking() && !acceptBreaking) {
				this.previews.keep(preview);
				throw new ForgeException("This migration contains breaking changes: review the warning and use"
						+ " Apply Anyway to accept them (the file then carries '" + GeneratedMigration.ALLOW_BREAKING
						+ "').");
			}
			List<GeneratedMigration> files = preview.files()
				.stream()
				.map((file) -> acceptBreaking ? file.withBreakingAccepted("Apply Anyway in the FORGE dashboard") : file)
				.toList();
			GenerationResult written = this.forge.generate(preview.name(), files);
			List<String> names = files.stream().map(GeneratedMigration::name).toList();
			Set<String> seen = status().migrations().stream().map(MigrationInfo::name).collect(Collectors.toSet());
			if (!seen.containsAll(names)) {
				GenerationPreviews.delete(written.files());
				throw new ForgeException("The engine does not read migrations from "
						+ this.forge.configuration().outputDirectory() + ", where the new files were written, so it"
						+ " cannot run them. Point forge.migrations.path at that folder (e.g. file:"
						+ this.forge.configuration().outputDirectory() + ") while developing, or generate from the"
						+ " command line and rebuild. No file was kept.");
			}
			try {
				return new AppliedPreview(written.files(), acceptBreaking && preview.breaking(), apply());
			}
			catch (RuntimeException ex) {
				List<Path> removed = removeUnapplied(written.files(), names);
				if (removed.isEmpty()) {
					throw ex;
				}
				throw new ForgeException(ex.getMessage() + "\n\nRemoved the files that did not run: " + removed.stream()
					.map((file) -> file.getFileName().toString())
					.collect(Collectors.joining(", ")) + ".", ex);
			}
		}
	}

	private List<Path> removeUnapplied(List<Path> written, List<String> names) {
		Set<String> pending = status().inState(MigrationState.PENDING)
			.stream()
			.map(MigrationInfo::name)
			.collect(Collectors.toSet());
		List<Path> removed = new ArrayList<>();
		for (int i = 0; i < written.size(); i++) {
			if (pending.contains(names.get(i))) {
				removed.add(written.get(i));
			}
		}
		GenerationPreviews.delete(removed);
		return removed;
	}

	/**
	 * Renders a backfill file from an {@code UPDATE} that a person typed and keeps it under an
	 * id, so that {@link #writeBackfill(String)} writes exactly what the reviewer saw.
	 * @param name the migration's name
	 * @param updateSql {@code UPDATE <table> SET ... WHERE <rows still to do>}
	 * @param options the {@code -- forge:backfill} options, blank for the defaults
	 * @return the preview, with the one file
	 * @throws ForgeException when the SQL or an option fails the checks of a backfill file
	 * @see Forge#backfillFile(String, String, String)
	 */
	public GenerationPreview previewBackfill(String name, String updateSql, String options) {
		GeneratedMigration file = this.forge.backfillFile(name, updateSql, options);
		return this.previews.remember(name, new SchemaDiff(List.of(), List.of()), List.of(file));
	}

	/**
	 * Writes the backfill file of a {@link #previewBackfill preview} into the output
	 * directory; nothing is applied.
	 * @param id the preview's id
	 * @return the file written
	 * @throws ForgeException when the preview is gone, or the file no longer passes the checks
	 * or lost its number to another migration; nothing is written then
	 */
	public GenerationResult writeBackfill(String id) {
		synchronized (this.changes) {
			GenerationPreview preview = this.previews.take(id);
			GenerationResult written = this.forge.writeBackfillFile(preview.files().get(0));
			statusChanged();
			return written;
		}
	}

	/**
	 * Returns the live nodes of the fleet.
	 * @return the nodes, oldest first
	 */
	public List<FleetNode> nodes() {
		return this.forge.fleet().liveNodes();
	}

	/**
	 * Checks every pending deferred file against the live nodes.
	 * @return one check per pending deferred file, in run order
	 */
	public List<ContractCheck> contractChecks() {
		return this.forge.fleet().contractChecks();
	}

	/**
	 * Registers this application as a node of the fleet, heartbeating for it until the
	 * membership is closed.
	 * @param registration what the node registers
	 * @param heartbeat how often it heartbeats
	 * @return the membership; closing it removes the node
	 */
	public FleetMembership join(NodeRegistration registration, Duration heartbeat) {
		return this.forge.fleet().join(registration, heartbeat);
	}

	/**
	 * Returns the checks of the pending deferred files for probes and gauges, cached like
	 * {@link #currentStatus()}: read at most every {@link #STATUS_REFRESH}, and again after
	 * every run through this bean.
	 * @return the checks, each of a deferred file that waits, or why they could not be read
	 */
	public CurrentContractChecks currentContractChecks() {
		CurrentContractChecks current = this.currentContractChecks;
		if (current != null && current.readAt().plus(STATUS_REFRESH).isAfter(this.clock.instant())) {
			return current;
		}
		synchronized (this.runs) {
			current = this.currentContractChecks;
			if (current != null && current.readAt().plus(STATUS_REFRESH).isAfter(this.clock.instant())) {
				return current;
			}
			long runsBefore = this.runs.get();
			StatusReport status = currentStatus().report();
			try {
				// without pending files there is no deferred file to check, and no plan to read
				current = new CurrentContractChecks((status != null && status.inState(MigrationState.PENDING).isEmpty())
						? List.of() : contractChecks(), null, this.clock.instant());
			}
			catch (RuntimeException ex) {
				current = new CurrentContractChecks(List.of(), ex, this.clock.instant());
			}
			if (this.runs.get() == runsBefore) {
				this.currentContractChecks = current;
			}
			return current;
		}
	}

	/**
	 * Returns every backfill job.
	 * @return the jobs, by name
	 */
	public List<BackfillJob> jobs() {
		return this.forge.backfills().list();
	}

	/**
	 * Returns one backfill job.
	 * @param name the job's name
	 * @return the job, if it is registered
	 */
	public Optional<BackfillJob> job(String name) {
		return this.forge.backfills().find(name);
	}

	/**
	 * Returns the Java backfills this application declares.
	 * @return the backfills, by name
	 */
	public List<JavaBackfill> declaredBackfills() {
		return this.forge.backfills().declared();
	}

	/**
	 * Starts a declared Java backfill: its job is {@code PENDING} until a node runs it.
	 * @param name the Java backfill's name
	 * @return the job
	 */
	public BackfillJob startBackfill(String name) {
		return jobChanged(this.forge.backfills().start(name));
	}

	/**
	 * Runs a backfill job on this node in the foreground until it is {@code DONE} or
	 * {@code FAILED}, or is paused or cancelled, with this node's backfill settings.
	 * @param name the job's name
	 * @return what the run did
	 */
	public BackfillRun runBackfill(String name) {
		BackfillRun run = this.forge.backfills().run(name, this.backfillSettings);
		statusChanged();
		return run;
	}

	/**
	 * Pauses a backfill job on every node.
	 * @param name the job's name
	 * @return the job
	 */
	public BackfillJob pauseJob(String name) {
		return jobChanged(this.forge.backfills().pause(name));
	}

	/**
	 * Resumes a paused backfill job.
	 * @param name the job's name
	 * @return the job
	 */
	public BackfillJob resumeJob(String name) {
		return jobChanged(this.forge.backfills().resume(name));
	}

	/**
	 * Cancels a backfill job on every node.
	 * @param name the job's name
	 * @return the job
	 */
	public BackfillJob cancelJob(String name) {
		return jobChanged(this.forge.backfills().cancel(name));
	}

	/**
	 * Retries a failed or cancelled backfill job.
	 * @param name the job's name
	 * @return the job
	 */
	public BackfillJob retryJob(String name) {
		return jobChanged(this.forge.backfills().retry(name));
	}

	/**
	 * Sets how this node runs backfill batches ({@code forge.jobs.*}).
	 * @param settings the settings
	 */
	public void setBackfillSettings(BackfillSettings settings) {
		this.backfillSettings = settings;
	}

	/**
	 * Returns how this node runs backfill batches.
	 * @return the settings
	 */
	public BackfillSettings getBackfillSettings() {
		return this.backfillSettings;
	}

	private BackfillJob jobChanged(BackfillJob job) {
		// files waiting for a job are part of the status
		statusChanged();
		this.listeners.get().forEach((listener) -> listener.jobChanged(job));
		return job;
	}

	/**
	 * Returns the status for probes and gauges: read at most every
	 * {@link #STATUS_REFRESH}, and again after every run through this bean.
	 * @return the status, or why it could not be read
	 */
	public CurrentStatus currentStatus() {
		CurrentStatus current = this.currentStatus;
		if (current != null && current.readAt().plus(STATUS_REFRESH).isAfter(this.clock.instant())) {
			return current;
		}
		synchronized (this.runs) {
			current = this.currentStatus;
			if (current != null && current.readAt().plus(STATUS_REFRESH).isAfter(this.clock.instant())) {
				return current;
			}
			long runsBefore = this.runs.get();
			try {
				current = new CurrentStatus(status(), null, this.clock.instant());
			}
			catch (RuntimeException ex) {
				current = new CurrentStatus(null, ex, this.clock.instant());
			}
			if (this.runs.get() == runsBefore) {
				this.currentStatus = current;
			}
			return current;
		}
	}

	private void statusChanged() {
		this.runs.incrementAndGet();
		this.currentStatus = null;
		this.currentContractChecks = null;
	}

	/**
	 * Returns how the last apply or rollback through this bean went.
	 * @return the last run, or {@code null} when none ran yet
	 */
	public @Nullable LastRun getLastRun() {
		return this.lastRun;
	}

	/**
	 * The last apply or rollback.
	 *
	 * @param finishedAt when it ended
	 * @param failure why it failed, or {@code null} when it succeeded
	 */
	public record LastRun(Instant finishedAt, @Nullable RuntimeException failure) {

		/**
		 * Tells whether the run failed.
		 * @return whether it failed
		 */
		public boolean failed() {
			return this.failure != null;
		}

	}

	/**
	 * The status as health and metrics see it.
	 *
	 * @param report the status, or {@code null} when it could not be read
	 * @param failure why it could not be read, or {@code null}
	 * @param readAt when it was read
	 */
	public record CurrentStatus(@Nullable StatusReport report, @Nullable RuntimeException failure, Instant readAt) {

	}

	/**
	 * The checks of the pending deferred files as health and metrics see them.
	 *
	 * @param checks one per pending deferred file, empty when they could not be read
	 * @param failure why they could not be read, or {@code null}
	 * @param readAt when they were read
	 */
	public record CurrentContractChecks(List<ContractCheck> checks, @Nullable RuntimeException failure,
			Instant readAt) {

	}

	/**
	 * Generated files kept for review.
	 *
	 * @param id the id under which {@link #applyPreview(String, boolean)} finds them, or
	 * {@code null} when there is nothing to apply
	 * @param name the migration's name
	 * @param diff the changes they make
	 * @param files the files, in the order they run
	 */
	public record GenerationPreview(@Nullable String id, String name, SchemaDiff diff, List<GeneratedMigration> files) {

		/**
		 * Returns whether the database already matches the models.
		 * @return {@code true} without files
		 */
		public boolean isEmpty() {
			return this.files.isEmpty();
		}

		/**
		 * Returns whether any file has breaking changes.
		 * @return {@code true} if one has
		 */
		public boolean breaking() {
			return this.files.stream().anyMatch(GeneratedMigration::breaking);
		}

	}

	/**
	 * What {@link #applyPreview(String, boolean)} did.
	 *
	 * @param files the files written
	 * @param breakingAccepted whether they accept breaking changes with
	 * {@code -- forge:allow-breaking}
	 * @param result what was applied
	 */
	public record AppliedPreview(List<Path> files, boolean breakingAccepted, ApplyResult result) {

	}

	/**
	 * A preview that was applied, cancelled or has expired.
	 */
	public static final class PreviewNotFoundException extends ForgeException {

		private static final long serialVersionUID = 1L;

		PreviewNotFoundException() {
			super("This preview was cancelled, applied or has expired: generate again.");
		}

	}

}
