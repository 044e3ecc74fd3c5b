package dev.forge.core.internal.migration;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The {@code -- forge:...} directives of a migration file, plus a lock timeout taken from a
 * leading {@code SET lock_timeout} statement.
 *
 * @param noTransaction whether the file runs statement by statement in autocommit mode
 * @param allowBreaking whether the author accepts the file's breaking changes
 * @param deferred whether the file is the later phase of a two-phase change
 * ({@code -- forge:deferred}): while it has breaking changes and no
 * {@code -- forge:allow-breaking}, {@code apply} runs the pending files before it and leaves
 * it, and the files after it, pending, instead of refusing the whole run
 * @param lockTimeout the file's own lock timeout as PostgreSQL spells it (e.g. {@code 10s}),
 * or {@code null} for the configured one
 * @param backfill the options of {@code -- forge:backfill}, or {@code null} when the file is
 * not a backfill file
 * @param afterBackfills the backfill files or Java backfills named by
 * {@code -- forge:after-backfill}, empty without it
 * @param directiveLine the line of {@code -- forge:backfill} or {@code -- forge:after-backfill},
 * for messages; {@code 0} without either
 * @param statementTimeout the file's own statement timeout ({@code -- forge:statement-timeout})
 * as PostgreSQL spells it, or {@code null} for the configured one
 */
public record Directives(boolean noTransaction, boolean allowBreaking, boolean deferred,
		@Nullable String lockTimeout, @Nullable BackfillOptions backfill, List<String> afterBackfills,
		int directiveLine, @Nullable String statementTimeout) {

	/** No directives. */
	public static final Directives NONE = new Directives(false, false, false, null);

	/**
	 * Creates directives without a statement timeout of the file's own.
	 * @param noTransaction whether the file runs in autocommit mode
	 * @param allowBreaking whether the author accepts the file's breaking changes
	 * @param deferred whether the file is the later phase of a two-phase change
	 * @param lockTimeout the file's own lock timeout, or {@code null}
	 * @param backfill the backfill options, or {@code null}
	 * @param afterBackfills the backfills the file waits for
	 * @param directiveLine the line of the backfill directive, or {@code 0}
	 */
	public Directives(boolean noTransaction, boolean allowBreaking, boolean deferred, @Nullable String lockTimeout,
			@Nullable BackfillOptions backfill, List<String> afterBackfills, int directiveLine) {
		this(noTransaction, allowBreaking, deferred, lockTimeout, backfill, afterBackfills, directiveLine, null);
	}

	/**
	 * Creates directives for a file that is neither a backfill nor waits for one.
	 * @param noTransaction whether the file runs in autocommit mode
	 * @param allowBreaking whether the author accepts the file's breaking changes
	 * @param deferred whether the file is the later phase of a two-phase change
	 * @param lockTimeout the file's own lock timeout, or {@code null}
	 */
	public Directives(boolean noTransaction, boolean allowBreaking, boolean deferred, @Nullable String lockTimeout) {
		this(noTransaction, allowBreaking, deferred, lockTimeout, null, List.of(), 0);
	}

	/**
	 * Creates directives for a file that is not deferred.
	 * @param noTransaction whether the file runs in autocommit mode
	 * @param allowBreaking whether the author accepts the file's breaking changes
	 * @param lockTimeout the file's own lock timeout, or {@code null}
	 */
	public Directives(boolean noTransaction, boolean allowBreaking, @Nullable String lockTimeout) {
		this(noTransaction, allowBreaking, false, lockTimeout);
	}

	/**
	 * Returns the file's lock timeout as a duration.
	 * @return the duration, or {@code null} when the file sets none
	 */
	public @Nullable Duration lockTimeoutDuration() {
		return (this.lockTimeout != null) ? LockTimeouts.parse(this.lockTimeout) : null;
	}

}
