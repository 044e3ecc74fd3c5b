package dev.forge.core.migration;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The {@code -- forge:...} directives of a migration file, plus a lock timeout taken from a
 * leading {@code SET lock_timeout} statement.
 *
 * @param noTransaction whether the file runs statement by statement in autocommit mode
 * @param allowBreaking whether the author accepts the file's breaking changes
 * @param lockTimeout the file's own lock timeout as PostgreSQL spells it (e.g. {@code 10s}),
 * or {@code null} for the configured one
 */
public record Directives(boolean noTransaction, boolean allowBreaking, @Nullable String lockTimeout) {

	/** No directives. */
	public static final Directives NONE = new Directives(false, false, null);

	/**
	 * Returns the file's lock timeout as a duration.
	 * @return the duration, or {@code null} when the file sets none
	 */
	public @Nullable Duration lockTimeoutDuration() {
		return (this.lockTimeout != null) ? LockTimeouts.parse(this.lockTimeout) : null;
	}

}
