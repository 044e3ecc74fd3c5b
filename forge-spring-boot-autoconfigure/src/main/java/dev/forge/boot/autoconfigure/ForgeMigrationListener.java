package dev.forge.boot.autoconfigure;

import dev.forge.core.ApplyResult;

/**
 * Callback told about each run of {@link ForgeMigrator#apply()}, for example to record
 * metrics. Listeners must not throw.
 *
 * @author FORGE
 * @since 0.1.0
 */
public interface ForgeMigrationListener {

	/**
	 * Called after a successful run, also when nothing was pending.
	 * @param result what was applied
	 */
	default void applied(ApplyResult result) {
	}

	/**
	 * Called after a run failed or was refused.
	 * @param failure why
	 */
	default void failed(RuntimeException failure) {
	}

}
