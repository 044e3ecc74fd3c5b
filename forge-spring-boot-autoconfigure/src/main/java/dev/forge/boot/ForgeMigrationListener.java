package dev.forge.boot;

import dev.forge.core.ApplyResult;
import dev.forge.core.RollbackResult;

/**
 * Callback told about every run that changes the database, from whichever surface it
 * started (start-up, command line, dashboard), for example to record metrics. Listeners
 * must not throw.
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
	 * Called after an apply or rollback failed or was refused. What it completed before it
	 * failed is in {@link dev.forge.core.ForgeException#completed()}.
	 * @param failure why
	 */
	default void failed(RuntimeException failure) {
	}

}
