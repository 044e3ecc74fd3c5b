package dev.forge.boot;

import dev.forge.core.ApplyResult;
import dev.forge.core.BackfillJob;
import dev.forge.core.RollbackResult;

/**
 * Callback told about every run that changes the database, and every change of a
 * backfill job's state, from whichever surface it started (start-up, command line,
 * dashboard), for example to record metrics. Listeners must not throw.
 *
 * @author FORGE
 * @since 0.1.0
 */
public interface ForgeMigrationListener {

	/**
	 * Called after a successful apply, also when nothing was pending.
	 * @param result what was applied
	 */
	default void applied(ApplyResult result) {
	}

	/**
	 * Called after a successful rollback.
	 * @param result what was rolled back
	 */
	default void rolledBack(RollbackResult result) {
	}

	/**
	 * Called after an apply or rollback failed or was refused.
	 * @param failure why
	 */
	default void failed(RuntimeException failure) {
	}

	/**
	 * Called after an apply or rollback failed or was refused, with which of the two it was:
	 * what it completed before it failed is in
	 * {@link dev.forge.core.ForgeException#completed()}. Calls {@link #failed(RuntimeException)}
	 * unless overridden.
	 * @param run what failed
	 * @param failure why
	 */
	default void failed(Run run, RuntimeException failure) {
		failed(failure);
	}

	/**
	 * Called after a backfill job was started, paused, resumed, cancelled or retried through
	 * the operations, from whichever surface.
	 * @param job the job as the change left it
	 */
	default void jobChanged(BackfillJob job) {
	}

	/**
	 * The runs that change the database.
	 */
	enum Run {

		/** Applying pending migrations. */
		APPLY,

		/** Rolling back applied migrations. */
		ROLLBACK

	}

}
