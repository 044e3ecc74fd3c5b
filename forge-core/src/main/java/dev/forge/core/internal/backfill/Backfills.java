package dev.forge.core.internal.backfill;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Optional;
import java.util.Set;

import dev.forge.core.BackfillJob;
import dev.forge.core.JobStatus;
import dev.forge.core.MigrationFileException;
import dev.forge.core.internal.migration.BackfillOptions;
import dev.forge.core.internal.migration.BackfillUpdate;
import dev.forge.core.internal.migration.MigrationScript;
import org.jspecify.annotations.Nullable;

/**
 * What {@code plan} and {@code apply} need of backfill files: the live checks of a backfill
 * file, its job's registration, and whether a file that waits for a job may run.
 */
public final class Backfills {

	private final JobStore jobs;

	private final Set<String> javaBackfills;

	/**
	 * Creates the backfill support of a history table.
	 * @param jobs the jobs table
	 */
	public Backfills(JobStore jobs) {
		this(jobs, Set.of());
	}

	/**
	 * Creates the backfill support of a history table on a node that declares Java backfills,
	 * which {@code -- forge:after-backfill} may name.
	 * @param jobs the jobs table
	 * @param javaBackfills the names of the Java backfills this node declares
	 */
	public Backfills(JobStore jobs, Set<String> javaBackfills) {
		this.jobs = jobs;
		this.javaBackfills = Set.copyOf(javaBackfills);
	}

	/**
	 * Returns the jobs table.
	 * @return the store
	 */
	public JobStore jobs() {
		return this.jobs;
	}

	/**
	 * Checks a backfill file against the live database before anything runs: its table needs
	 * a primary key. A table that does not exist yet may be created by an earlier pending file,
	 * so it is checked again when the file is applied.
	 * @param connection the connection
	 * @param script a backfill file
	 * @throws MigrationFileException when the table has no primary key
	 * @throws SQLException on database errors
	 */
	public static void check(Connection connection, MigrationScript script) throws SQLException {
		BackfillUpdate update = update(script);
		Optional<TableKey> key = TableKey.of(connection, update.table());
		if (key.isPresent() && key.get().columns().isEmpty()) {
			throw noPrimaryKey(script, update);
		}
	}

	/**
	 * Registers the job of a backfill file as {@code PENDING}, in the transaction that records
	 * the file as applied; nothing of the {@code UPDATE} runs.
	 * @param connection the connection, in the file's transaction
	 * @param script a backfill file
	 * @throws MigrationFileException when the table does not exist or has no primary key
	 * @throws SQLException on database errors
	 */
	public void register(Connection connection, MigrationScript script) throws SQLException {
		BackfillUpdate update = update(script);
		BackfillOptions options = script.directives().backfill();
		TableKey key = TableKey.of(connection, update.table())
			.orElseThrow(() -> new MigrationFileException(script.location(), update.line(), "the backfill's table "
					+ update.table() + " does not exist"));
		if (key.columns().isEmpty()) {
			throw noPrimaryKey(script, update);
		}
		this.jobs.createIfMissing(connection);
		this.jobs.register(connection, script.name().value(), script.location(), update.sql(), update.line(),
				update.table(), key.columns(), key.types(), (options != null) ? options.text() : "",
				(options != null) ? options.batchSize() : BackfillOptions.DEFAULTS.batchSize(), key.estimatedRows());
	}

	/**
	 * Says why a file marked {@code -- forge:after-backfill} must wait: its job, of a backfill
	 * file or a declared Java backfill, is not {@code DONE}.
	 * @param connection the connection
	 * @param script a pending file
	 * @param pendingBackfills the backfill files that are pending with it, whose jobs do not
	 * exist yet
	 * @return the reason, or {@code null} when the file need not wait
	 * @throws MigrationFileException when the file names no known backfill file
	 * @throws SQLException on database errors
	 */
	public @Nullable String waitReason(Connection connection, MigrationScript script, Set<String> pendingBackfills)
			throws SQLException {
		for (String name : script.directives().afterBackfills()) {
			String reason = waitReason(connection, script, name, pendingBackfills);
			if (reason != null) {
				return reason;
			}
		}
		return null;
	}

	private @Nullable String waitReason(Connection connection, MigrationScript script, String name,
			Set<String> pendingBackfills) throws SQLException {
		if (pendingBackfills.contains(name)) {
			return "waits for backfill job " + name + ", which is not applied yet (PENDING).";
		}
		Optional<BackfillJob> found = this.jobs.find(connection, name);
		if (found.isEmpty() && this.javaBackfills.contains(name)) {
			return "waits for Java backfill " + name + ", which is not started: start it ('migrate backfill " + name
					+ "'); it applies once the job is DONE.";
		}
		BackfillJob job = found
			.orElseThrow(() -> new MigrationFileException(script.location(), script.directives().directiveLine(),
					"'-- forge:after-backfill " + name + "' names no backfill job: no applied or pending file " + name
							+ " has '-- forge:backfill', and no Java backfill of that name is declared"));
		if (job.status() == JobStatus.DONE) {
			return null;
		}
		return "waits for backfill job " + name + " (" + job.progress() + "); it applies once the job is DONE.";
	}

	/**
	 * Says which pending files wait for a backfill job, for {@code status}: one line per file
	 * whose {@code -- forge:after-backfill} job is not {@code DONE}, naming the job and its
	 * progress. A file that names no job is reported rather than refused here; {@code plan}
	 * and {@code apply} refuse it.
	 * @param connection the connection
	 * @param pending the pending files, in run order
	 * @return the lines
	 * @throws SQLException on database errors
	 */
	public List<String> waiting(Connection connection, List<MigrationScript> pending) throws SQLException {
		List<String> lines = new ArrayList<>();
		Set<String> pendingBackfills = new HashSet<>();
		for (MigrationScript script : pending) {
			if (script.directives().backfill() != null) {
				pendingBackfills.add(script.name().value());
			}
			try {
				String reason = waitReason(connection, script, pendingBackfills);
				if (reason != null) {
					lines.add("Migration " + script.name() + " " + reason);
				}
			}
			catch (MigrationFileException ex) {
				lines.add(ex.getMessage());
			}
		}
		return lines;
	}

	private static BackfillUpdate update(MigrationScript script) {
		return BackfillUpdate.of(script.location(), script.directives().directiveLine(), script.up());
	}

	private static MigrationFileException noPrimaryKey(MigrationScript script, BackfillUpdate update) {
		return new MigrationFileException(script.location(), update.line(), "the backfill's table " + update.table()
				+ " has no primary key: a backfill runs in batches keyed on it, so that no row is updated twice."
				+ " Add a primary key in an earlier migration");
	}

}
