package dev.forge.core;

import java.util.Locale;
import java.util.Optional;

/**
 * PostgreSQL's eight table-level lock modes, weakest first, with the conflicts of the
 * documentation's "Conflicting Lock Modes" table.
 */
public enum LockLevel {

	/** Taken by {@code SELECT}; conflicts only with {@link #ACCESS_EXCLUSIVE}. */
	ACCESS_SHARE("ACCESS SHARE", "AccessShareLock", "       X"),

	/** Taken by {@code SELECT ... FOR UPDATE/SHARE}. */
	ROW_SHARE("ROW SHARE", "RowShareLock", "      XX"),

	/** Taken by {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE}. */
	ROW_EXCLUSIVE("ROW EXCLUSIVE", "RowExclusiveLock", "    XXXX"),

	/**
	 * Taken by {@code VACUUM}, {@code CREATE INDEX CONCURRENTLY}, {@code VALIDATE CONSTRAINT}
	 * and other operations that let reads and writes go on.
	 */
	SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE", "ShareUpdateExclusiveLock", "   XXXXX"),

	/** Taken by {@code CREATE INDEX}: reads go on, writes wait. */
	SHARE("SHARE", "ShareLock", "  XX XXX"),

	/** Taken by {@code CREATE TRIGGER} and {@code ADD FOREIGN KEY}: reads go on, writes wait. */
	SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE", "ShareRowExclusiveLock", "  XXXXXX"),

	/** Taken by {@code REFRESH MATERIALIZED VIEW CONCURRENTLY}. */
	EXCLUSIVE("EXCLUSIVE", "ExclusiveLock", " XXXXXXX"),

	/** Taken by most {@code ALTER TABLE} forms, {@code DROP}, {@code TRUNCATE}: everything waits. */
	ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE", "AccessExclusiveLock", "XXXXXXXX");

	private final String sqlName;

	private final String pgLocksMode;

	/** One character per mode in declaration order: {@code X} where the two conflict. */
	private final String conflicts;

	LockLevel(String sqlName, String pgLocksMode, String conflicts) {
		this.sqlName = sqlName;
		this.pgLocksMode = pgLocksMode;
		this.conflicts = conflicts;
	}

	/**
	 * Returns the mode as SQL spells it, e.g. {@code SHARE ROW EXCLUSIVE}.
	 * @return the SQL name
	 */
	public String sqlName() {
		return this.sqlName;
	}

	/**
	 * Returns the mode as the {@code mode} column of {@code pg_locks} shows it, e.g.
	 * {@code ShareLock}.
	 * @return the {@code pg_locks} name
	 */
	public String pgLocksMode() {
		return this.pgLocksMode;
	}

	/**
	 * Returns whether a lock of this mode and one of {@code other} cannot be held on the same
	 * table by two transactions at once.
	 * @param other the other mode
	 * @return {@code true} if they conflict
	 */
	public boolean conflictsWith(LockLevel other) {
		return this.conflicts.charAt(other.ordinal()) == 'X';
	}

	/**
	 * Returns whether plain {@code SELECT}s wait while this lock is held or queued.
	 * @return {@code true} if reads are blocked
	 */
	public boolean blocksReads() {
		return conflictsWith(ACCESS_SHARE);
	}

	/**
	 * Returns whether {@code INSERT}, {@code UPDATE} and {@code DELETE} wait while this lock
	 * is held or queued.
	 * @return {@code true} if writes are blocked
	 */
	public boolean blocksWrites() {
		return conflictsWith(ROW_EXCLUSIVE);
	}

	/**
	 * Finds a mode by its SQL name, ignoring case and spacing.
	 * @param sqlName e.g. {@code share row exclusive}
	 * @return the mode, if the name is one
	 */
	public static Optional<LockLevel> ofSqlName(String sqlName) {
		String normalized = sqlName.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
		for (LockLevel level : values()) {
			if (level.sqlName.equals(normalized)) {
				return Optional.of(level);
			}
		}
		return Optional.empty();
	}

	@Override
	public String toString() {
		return this.sqlName;
	}

}
