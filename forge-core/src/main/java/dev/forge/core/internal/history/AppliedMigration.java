package dev.forge.core.internal.history;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One row of the history table.
 *
 * @param name the migration's name
 * @param checksum the checksum of its Up section when it ran
 * @param appliedAt when it finished (or, for a failed run, when it last made progress)
 * @param executionMillis how long it took
 * @param appliedBy the database user and host that ran it
 * @param success {@code false} for a no-transaction migration that failed part-way
 * @param statementsDone for a failed run, how many of its statements took effect
 * @param note how it was applied, e.g. automatically and why that was safe, or {@code null}
 */
public record AppliedMigration(String name, String checksum, Instant appliedAt, long executionMillis,
		String appliedBy, boolean success, @Nullable Integer statementsDone, @Nullable String note) {

}
