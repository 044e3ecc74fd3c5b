package dev.forge.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.forge.core.internal.baseline.Baseline;
import dev.forge.core.internal.baseline.FlywayImport;
import dev.forge.core.internal.generate.DdlRenderer;
import dev.forge.core.internal.runner.BackfillFiles;
import dev.forge.core.internal.runner.MigrationRunner;
import dev.forge.core.internal.runner.ModelMigrations;
import dev.forge.core.schema.SchemaChange;
import dev.forge.core.schema.SchemaDiff;

/**
 * The FORGE migration engine for one PostgreSQL database. Immutable and thread-safe;
 * every operation takes the cluster-wide migration lock where it changes anything.
 *
 * <pre>{@code
 * Forge forge = Forge.configure()
 *         .dataSource(dataSource)
 *         .locations("classpath:migrations")
 *         .lockTimeout(Duration.ofSeconds(5))
 *         .load();
 * ApplyResult result = forge.apply();
 * }</pre>
 */
public final class Forge {

	private final ForgeConfiguration configuration;

	private final MigrationRunner runner;

	private final ModelMigrations models;

	private final BackfillJobs backfills;

	private final Fleet fleet;

	Forge(ForgeConfiguration configuration) {
		this.configuration = configuration;
		this.runner = new MigrationRunner(configuration);
		this.models = new ModelMigrations(configuration, this.runner);
		this.backfills = new BackfillJobs(configuration);
		this.fleet = new Fleet(configuration, this.runner);
	}

	/**
	 * Starts a configuration.
	 * @return a builder whose {@code load()} returns the engine
	 */
	public static ForgeConfiguration.Builder configure() {
		return new ForgeConfiguration.Builder();
	}

	/**
	 * Creates an engine for a configuration.
	 * @param configuration the configuration
	 * @return the engine
	 */
	public static Forge of(ForgeConfiguration configuration) {
		return new Forge(configuration);
	}

	public ForgeConfiguration configuration() {
		return this.configuration;
	}

	/**
	 * Applies every pending migration in order, each in its own transaction (or statement by
	 * statement for no-transaction files), and resumes failed no-transaction ones.
	 * @return what was applied
	 * @throws MigrationFileException for an invalid file, before anything runs
	 * @throws ChecksumMismatchException when an applied file was edited, before anything runs
	 * @throws BreakingChangeException when a pending migration has breaking changes and
	 * {@link ForgeConfiguration#onBreaking()} is {@link BreakingChangePolicy#FAIL}, before
	 * anything runs
	 * @throws MigrationFailedException when a statement fails; later migrations do not run
	 * @throws ClusterLockTimeoutException when another node keeps the lock too long
	 * @see ForgeException#completed()
	 */
	public ApplyResult apply() {
		return reportingCompleted(this.runner::apply);
	}

	/**
	 * Returns what {@link #apply()} would run: the pending migrations in order, their
	 * statements, whether each runs in a transaction, and the findings of the safety
	 * analysis. Runs nothing and takes no lock.
	 * @return the plan
	 */
	public MigrationPlan plan() {
		return this.runner.plan();
	}

	/**
	 * Returns the findings of the safety analysis for one migration file: for a pending one
	 * as {@link #plan()} gives them, for any other as if it ran on its own now.
	 * @param name the migration's name
	 * @return the findings, in statement order
	 */
	public List<Finding> findings(String name) {
		MigrationReview review = review();
		boolean hasFile = review.status()
			.migrations()
			.stream()
			.anyMatch((migration) -> migration.name().equals(name) && migration.location() != null);
		if (!hasFile) {
			throw new ForgeException("No migration file is named " + name + ".");
		}
		return review.findings(name);
	}

	/**
	 * Reviews every migration at once: the status, the plan of what {@link #apply()} would
	 * run, and the safety findings of every file, from one read of each file. Changes
	 * nothing and takes no lock.
	 * @return the review
	 */
	public MigrationReview review() {
		return this.runner.review();
	}

	/**
	 * Compares the files with the history table; changes nothing and takes no lock.
	 * @return every migration with its state
	 */
	public StatusReport status() {
		return this.runner.status();
	}

	/**
	 * Rolls back the most recently applied migration by running its {@code -- Down}
	 * section and removing its history row, in one transaction.
	 * @return what was rolled back
	 */
	public RollbackResult rollback() {
		return reportingCompleted((completed) -> this.runner.rollback(null, null, completed));
	}

	/**
	 * Rolls back the most recently applied migration if it is {@code name}, as a person
	 * confirmed after reading its {@linkplain #rollbackPreview() preview}. Checked under the
	 * migration lock: when another migration was applied meanwhile, nothing is rolled back.
	 * @param name the migration the caller expects to be the last applied one
	 * @return what was rolled back
	 * @throws ForgeException when the last applied migration is another one
	 */
	public RollbackResult rollbackLast(String name) {
		return reportingCompleted((completed) -> this.runner.rollback(null, name, completed));
	}

	/**
	 * Shows what {@link #rollback()} would do now: which migration, its Down statements and
	 * the data they drop. Runs nothing and takes no lock.
	 * @return the preview, empty when no migration is applied
	 */
	public Optional<RollbackPreview> rollbackPreview() {
		return this.runner.rollbackPreview();
	}

	/**
	 * Rolls back, newest first, every migration applied after {@code name}, which stays
	 * applied.
	 * @param name the migration to return to
	 * @return what was rolled back
	 * @see ForgeException#completed()
	 */
	public RollbackResult rollbackTo(String name) {
		return reportingCompleted((completed) -> this.runner.rollback(name, null, completed));
	}

	/**
	 * Runs a command that applies or rolls back migrations one by one, adding each to a
	 * list as it completes, and hands that list to the {@link ForgeException} that ends
	 * the run early.
	 */
	private static <T> T reportingCompleted(Function<List<MigrationExecution>, T> command) {
		List<MigrationExecution> completed = new ArrayList<>();
		try {
			return command.apply(completed);
		}
		catch (ForgeException ex) {
			ex.attachCompleted(completed);
			throw ex;
		}
	}

	/**
	 * Removes a migration's history row without running anything, once its changes were
	 * undone by hand.
	 * @param name the migration's name
	 */
	public void markRolledBack(String name) {
		this.runner.markRolledBack(name);
	}

	/**
	 * Accepts the new checksums of edited applied files and forgets failed no-transaction
	 * runs.
	 * @return what was changed
	 */
	public RepairResult repair() {
		return this.runner.repair();
	}

	/**
	 * Compares the {@code @ForgeModel} classes with the live database.
	 * @return the changes that would bring the database to the models; empty when they
	 * match
	 */
	public SchemaDiff diff() {
		return this.models.diff();
	}

	/**
	 * Checks that every change of the models is held by a migration file: the diff once no
	 * file is pending. Meant for CI.
	 * @return the changes that no migration holds; empty when the models are covered
	 * @throws ForgeException while migration files are pending
	 */
	public SchemaDiff check() {
		return this.models.check();
	}

	/**
	 * Renders the migration files that would bring the database to the models, without
	 * writing them: what {@link #generate(String)} would write.
	 * @param name the migration's name, e.g. {@code add_project_description}
	 * @return the files' names and contents, empty when the database matches the models
	 * @throws ForgeException while migration files are pending
	 */
	public List<GeneratedMigration> preview(String name) {
		return this.models.preview(name);
	}

	/**
	 * Writes the migration files that bring the database to the models into the output
	 * directory, with their Down sections and safety warnings. Nothing is applied.
	 * @param name the migration's name, e.g. {@code add_project_description}
	 * @return the files written; none when the database matches the models
	 * @throws ForgeException while migration files are pending, so that no change is
	 * generated twice
	 */
	public GenerationResult generate(String name) {
		return this.models.generate(name);
	}

	/**
	 * Writes migration files that a person reviewed: the files {@link #preview(String)}
	 * rendered, possibly {@linkplain GeneratedMigration#withBreakingAccepted(String) with
	 * their breaking changes accepted}, once the database and the models still give the same
	 * SQL. Nothing is applied.
	 * @param name the migration's name, as given to the preview
	 * @param reviewed the reviewed files
	 * @return the files written
	 * @throws ForgeException when the SQL would now differ from what was reviewed, or while
	 * migration files are pending; nothing is written then
	 */
	public GenerationResult generate(String name, List<GeneratedMigration> reviewed) {
		return this.models.generate(name, reviewed);
	}

	/**
	 * Renders the SQL that makes one change of a {@linkplain #diff() diff}, as a
	 * transactional migration file would hold it.
	 * @param change the change
	 * @return its statements, without a final semicolon
	 */
	public List<String> sql(SchemaChange change) {
		return new DdlRenderer().render(change);
	}

	/**
	 * Adopts a database that holds a schema FORGE did not build: writes one migration file
	 * into the output directory that creates the current schema (tables as the generator
	 * writes them; extensions, types, sequences, functions, views, triggers and what else the
	 * schema model does not hold from the catalog's own definitions), with a {@code -- Down}
	 * section, and records it as applied without running it. From then on,
	 * {@link #generate(String)} yields only the differences to the models.
	 * @param name the migration's name, e.g. {@code baseline}
	 * @return the file, and the objects it does not recreate (also named in its header)
	 * @throws ForgeException when the history has rows, migration files exist, or the schema
	 * holds no table or view; nothing is written or recorded then
	 */
	public BaselineResult baseline(String name) {
		return new Baseline(this.configuration, this.runner, Clock.systemUTC()).create(name);
	}

	/**
	 * Adopts a project that Flyway migrated: for each versioned migration that Flyway applied
	 * ({@code flyway_schema_history} in the configured schema, in {@code installed_rank}
	 * order), verifies its {@code V<version>__<description>.sql} file against Flyway's
	 * checksum, writes it as a FORGE file {@code NNNN_<description>.sql} into the output
	 * directory, and records all of them as applied in one transaction, without running them
	 * and without touching Flyway's table. Repeatable ({@code R__}) and Java migrations are
	 * not imported; the result names them.
	 * @param locations where the Flyway files are, as {@code classpath:db/migration},
	 * {@code filesystem:dir} or a directory; empty for {@code classpath:db/migration}
	 * @return the files written
	 * @throws ForgeException when the FORGE history has rows, migration files exist, Flyway's
	 * history has failed, undo or baseline rows, a file is missing or its checksum differs
	 * from Flyway's; the message names the row or file, and nothing is written or recorded
	 */
	public FlywayImportResult importFlyway(List<String> locations) {
		return new FlywayImport(this.configuration, this.runner).run(locations);
	}

	/**
	 * Tells whether this database is one to adopt with {@link #baseline(String)} or
	 * {@link #importFlyway(List)}: whether it has tables, FORGE history rows or files, and
	 * Flyway's history. Changes nothing and takes no lock.
	 * @return the status
	 */
	public AdoptionStatus adoption() {
		return new Baseline(this.configuration, this.runner, Clock.systemUTC()).status();
	}

	/**
	 * Reports drift: tables, columns, indexes and keys where the live database differs
	 * from the models, and applied files edited since they ran.
	 * @return the report
	 */
	public DriftReport drift() {
		return this.models.drift();
	}

	/**
	 * Returns the fleet: the nodes that run this application, and the checks of deferred
	 * files against what their models use.
	 * @return the fleet
	 */
	public Fleet fleet() {
		return this.fleet;
	}

	/**
	 * Returns the backfill jobs: the ones {@link #apply()} registered for files with
	 * {@code -- forge:backfill}, to list, run, pause, resume, cancel and retry.
	 * @return the jobs
	 */
	public BackfillJobs backfills() {
		return this.backfills;
	}

	/**
	 * Renders a backfill file from an {@code UPDATE}, without writing it: the next migration
	 * number, {@code -- forge:backfill} with the options, the statement as its Up section.
	 * Checked as {@link #apply()} checks backfill files, and more strictly: the table must exist
	 * now.
	 * @param name the migration's name, e.g. {@code backfill word count}
	 * @param updateSql {@code UPDATE <table> SET ... WHERE <rows still to do>}
	 * @param options the backfill options, e.g. {@code batch-size=1000 pause=50ms}; blank for
	 * the defaults
	 * @return the file to review
	 * @throws MigrationFileException for more or other statements than one {@code UPDATE}, no
	 * {@code WHERE}, a bad option, a table that does not exist or has no primary key; a problem
	 * in the SQL names its line there
	 */
	public GeneratedMigration backfillFile(String name, String updateSql, String options) {
		return new BackfillFiles(this.configuration, this.runner, Clock.systemUTC()).render(name, updateSql, options);
	}

	/**
	 * Writes a reviewed backfill file, as {@link #backfillFile(String, String, String)} rendered
	 * it, into the output directory. Nothing is applied.
	 * @param reviewed the reviewed file
	 * @return the file written
	 * @throws ForgeException when it no longer passes the checks or another migration took its
	 * number meanwhile; nothing is written then
	 */
	public GenerationResult writeBackfillFile(GeneratedMigration reviewed) {
		return new BackfillFiles(this.configuration, this.runner, Clock.systemUTC()).write(reviewed);
	}

	/**
	 * Runs a backfill job on this node with one worker until it is {@code DONE} or
	 * {@code FAILED}, or is paused or cancelled.
	 * @param name the backfill file's migration name
	 * @return what the run did
	 * @see BackfillJobs#run(String, BackfillSettings)
	 */
	public BackfillRun runBackfill(String name) {
		return this.backfills.run(name);
	}

}
