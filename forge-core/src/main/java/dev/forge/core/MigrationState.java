package dev.forge.core;

/**
 * Where a migration stands, comparing the migration files with the history table.
 */
public enum MigrationState {

	/** Recorded in the history table with the file's current checksum. */
	APPLIED,

	/** A file not yet recorded in the history table. */
	PENDING,

	/**
	 * A no-transaction migration whose last attempt failed part-way: the statements before
	 * the failed one took effect. {@code apply} resumes at the failed statement.
	 */
	FAILED,

	/** Applied, but the file's Up section has changed since: {@code repair} accepts it. */
	CHECKSUM_MISMATCH,

	/** Recorded as applied, but no file has its name any more. */
	MISSING_FILE

}
