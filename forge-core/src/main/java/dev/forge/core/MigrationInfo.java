package dev.forge.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One migration as {@code status} sees it: its file, its history row, or both.
 *
 * @param name the migration's name
 * @param state where it stands
 * @param location where its file is, or {@code null} for {@link MigrationState#MISSING_FILE}
 * @param checksum the file's checksum, or the recorded one when the file is missing
 * @param appliedAt when it was applied, or {@code null} if it is pending
 * @param executionMillis how long it took, or {@code null} if it is pending
 * @param appliedBy the database user and host that applied it, or {@code null}
 * @param hasDown whether its file has a {@code -- Down} section
 * @param note what the history records about how it was applied, e.g. that a deferred file
 * was applied automatically and why that was safe, or {@code null}
 */
public record MigrationInfo(String name, MigrationState state, @Nullable String location, @Nullable String checksum,
		@Nullable Instant appliedAt, @Nullable Long executionMillis, @Nullable String appliedBy, boolean hasDown,
		@Nullable String note) {

	/**
	 * Creates the info of a migration whose history row has no note.
	 * @param name the migration's name
	 * @param state where it stands
	 * @param location where its file is
	 * @param checksum its checksum
	 * @param appliedAt when it was applied
	 * @param executionMillis how long it took
	 * @param appliedBy who applied it
	 * @param hasDown whether its file has a Down section
	 */
	public MigrationInfo(String name, MigrationState state, @Nullable String location, @Nullable String checksum,
			@Nullable Instant appliedAt, @Nullable Long executionMillis, @Nullable String appliedBy,
			boolean hasDown) {
		this(name, state, location, checksum, appliedAt, executionMillis, appliedBy, hasDown, null);
	}

}
