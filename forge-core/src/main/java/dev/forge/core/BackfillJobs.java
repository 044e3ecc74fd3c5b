package dev.forge.core;

import java.util.List;
import java.util.Optional;

import dev.forge.core.internal.backfill.BackfillEngine;
import dev.forge.core.internal.backfill.JobStore;

/**
 * The backfill jobs of one history table: listing, running and the operator's controls. A
 * job is registered {@code PENDING} by {@link Forge#apply()} for each file with
 * {@code -- forge:backfill}, and by {@link #start(String)} for a declared
 * {@link JavaBackfill}; {@link #run(String)} works on it until it is {@code DONE}. Any
 * number of nodes and workers may run one job at a time: each batch updates a primary-key
 * range that its worker claimed alone on the job's row (then, in a last pass, rows claimed with
 * {@code FOR UPDATE SKIP LOCKED}), only rows that still match the {@code WHERE}, and counts
 * them in its own transaction; so no row is updated twice and a killed node loses nothing but
 * its uncommitted batch, whose rows the last pass updates.
 */
public final class BackfillJobs {

	private final BackfillEngine engine;

	BackfillJobs(ForgeConfiguration configuration) {
		this.engine = new BackfillEngine(configuration.dataSource(),
				new JobStore(configuration.schema(), configuration.table()), configuration::nodeName,
				configuration.lockTimeout(), configuration.javaBackfills(), configuration.backfillListeners());
	}

	/**
	 * Returns the name of the jobs table for a history table: {@code forge_jobs} for
	 * {@code forge_migrations}.
	 * @param historyTable the history table's name
	 * @return the jobs table's name, in the history table's schema
	 */
	public static String tableName(String historyTable) {
		return JobStore.tableName(historyTable);
	}

	/**
	 * Returns every job.
	 * @return the jobs, by name; empty before the first backfill file is applied
	 */
	public List<BackfillJob> list() {
		return this.engine.jobs();
	}

	/**
	 * Returns one job.
	 * @param name the job's name: the backfill file's migration name, or the Java backfill's name
	 * @return the job, if it is registered
	 */
	public Optional<BackfillJob> find(String name) {
		return this.engine.job(name);
	}

	/**
	 * Returns the Java backfills this node declares, which {@link #start(String)} starts.
	 * @return the declared backfills, by name
	 */
	public List<JavaBackfill> declared() {
		return this.engine.declared();
	}

	/**
	 * Starts a declared Java backfill: registers its job {@code PENDING} (again, when an
	 * earlier run of it is {@code DONE} or {@code CANCELLED}), for any node that declares it to
	 * run.
	 * @param name the Java backfill's name
	 * @return the job
	 * @throws ForgeException when no Java backfill of that name is declared; its table does not
	 * exist or has no primary key; it reads a column the table does not have; its {@code WHERE}
	 * is not a valid condition on the table; a backfill file's job has its name; or its job is
	 * {@code PENDING}, {@code RUNNING}, {@code PAUSED} or {@code FAILED}
	 */
	public BackfillJob start(String name) {
		return this.engine.start(name);
	}

	/**
	 * Runs a job on this node with one worker until it is {@code DONE} or {@code FAILED}, or is
	 * paused or cancelled.
	 * @param name the job's name
	 * @return what the run did; its job's status says how it ended
	 * @throws ForgeException when there is no such job
	 */
	public BackfillRun run(String name) {
		return run(name, BackfillSettings.DEFAULTS);
	}

	/**
	 * Runs a job on this node until it is {@code DONE} or {@code FAILED}, or is paused or
	 * cancelled. A job that is neither {@code PENDING} nor {@code RUNNING} is left as it is.
	 * @param name the job's name
	 * @param settings the workers, batch sizing and retries
	 * @return what the run did; its job's status says how it ended
	 * @throws ForgeException when there is no such job, or it is a Java backfill's job and this
	 * node does not declare that backfill
	 */
	public BackfillRun run(String name, BackfillSettings settings) {
		return this.engine.run(name, settings);
	}

	/**
	 * Pauses a job; running workers stop after their current batch, which rolls back.
	 * @param name the job's name
	 * @return the job
	 * @throws ForgeException when the job is neither {@code PENDING} nor {@code RUNNING}
	 */
	public BackfillJob pause(String name) {
		return this.engine.pause(name);
	}

	/**
	 * Resumes a paused job: it is {@code PENDING} until a node runs it.
	 * @param name the job's name
	 * @return the job
	 * @throws ForgeException when the job is not {@code PAUSED}
	 */
	public BackfillJob resume(String name) {
		return this.engine.resume(name);
	}

	/**
	 * Cancels a job; running workers stop after their current batch. Rows already updated
	 * stay updated, and files waiting for the job keep waiting.
	 * @param name the job's name
	 * @return the job
	 * @throws ForgeException when the job is {@code DONE}
	 */
	public BackfillJob cancel(String name) {
		return this.engine.cancel(name);
	}

	/**
	 * Retries a {@code FAILED} or {@code CANCELLED} job: it is {@code PENDING} again and
	 * continues where it stopped.
	 * @param name the job's name
	 * @return the job
	 * @throws ForgeException when the job is neither {@code FAILED} nor {@code CANCELLED}
	 */
	public BackfillJob retry(String name) {
		return this.engine.retry(name);
	}

}
