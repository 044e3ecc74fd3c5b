package dev.forge.boot.autoconfigure;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.forge.core.ApplyResult;
import dev.forge.core.Forge;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Applies the application's pending migrations, logs what happened, tells the
 * {@link ForgeMigrationListener}s and remembers how the last run went (for the health
 * indicator). Every start-up, command-line and endpoint path that applies migrations goes
 * through this bean.
 *
 * @author FORGE
 * @since 0.1.0
 */
public class ForgeMigrator {

	private static final Log logger = LogFactory.getLog(ForgeMigrator.class);

	private final Forge forge;

	private final List<ForgeMigrationListener> listeners;

	private final AtomicReference<@Nullable LastRun> lastRun = new AtomicReference<>();

	/**
	 * Creates a migrator.
	 * @param forge the engine
	 * @param listeners the listeners to tell about each run
	 */
	public ForgeMigrator(Forge forge, List<ForgeMigrationListener> listeners) {
		this.forge = forge;
		this.listeners = List.copyOf(listeners);
	}

	public Forge getForge() {
		return this.forge;
	}

	/**
	 * Applies every pending migration.
	 * @return what was applied
	 * @throws dev.forge.core.ForgeException when a migration failed or was refused
	 */
	public ApplyResult apply() {
		ApplyResult result;
		try {
			result = this.forge.apply();
		}
		catch (RuntimeException ex) {
			this.lastRun.set(new LastRun(Instant.now(), null, ex));
			this.listeners.forEach((listener) -> listener.failed(ex));
			throw ex;
		}
		this.lastRun.set(new LastRun(Instant.now(), result, null));
		log(result);
		this.listeners.forEach((listener) -> listener.applied(result));
		return result;
	}

	private void log(ApplyResult result) {
		// the engine logs each migration it applies; its warnings are for the user too
		result.warnings().forEach(logger::warn);
	}

	/**
	 * Returns how the last run in this application went.
	 * @return the last run, or {@code null} when none ran yet
	 */
	public @Nullable LastRun getLastRun() {
		return this.lastRun.get();
	}

	/**
	 * One run of {@link ForgeMigrator#apply()}.
	 *
	 * @param finishedAt when it ended
	 * @param result what it applied, or {@code null} when it failed
	 * @param failure why it failed, or {@code null} when it succeeded
	 */
	public record LastRun(Instant finishedAt, @Nullable ApplyResult result, @Nullable RuntimeException failure) {

		/**
		 * Tells whether the run failed.
		 * @return whether it failed
		 */
		public boolean failed() {
			return this.failure != null;
		}

	}

}
