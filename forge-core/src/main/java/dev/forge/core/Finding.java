package dev.forge.core;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What the analysis found about one operation of one statement. A statement with several
 * operations (e.g. an {@code ALTER TABLE} with several sub-commands) gives several findings,
 * and an operation that is both breaking and loses data (e.g. {@code DROP COLUMN}) gives one
 * finding for each class.
 *
 * @param safetyClass the class of the finding
 * @param operation what is done, upper case, e.g. {@code DROP COLUMN} or {@code CREATE INDEX}
 * @param target what it is done to, e.g. {@code users.legacy_email}, or
 * {@code projects.name → projects.title} for a rename
 * @param lockLevel the strongest table lock PostgreSQL takes for the operation, or
 * {@code null} when it takes none (e.g. {@code SET lock_timeout}, {@code CREATE TYPE}) or
 * it is not known
 * @param impact whether the table's rows are scanned or rewritten under that lock
 * @param reason why the operation is in its class, in one or two sentences
 * @param safeAlternative how to get the same result safely, or {@code null} when the
 * operation is safe or no safe way is known
 * @param line the line of the statement in its file
 * @param sql the statement's SQL
 * @param estimate the rows the operation scans, rewrites or writes under its lock and how
 * long that takes, or {@code null} when the database gives no estimate (or the table is not
 * touched)
 */
public record Finding(SafetyClass safetyClass, String operation, String target, @Nullable LockLevel lockLevel,
		TableImpact impact, String reason, @Nullable String safeAlternative, int line, String sql,
		@Nullable Estimate estimate) {

	/**
	 * Creates a finding without an estimate.
	 * @param safetyClass the class of the finding
	 * @param operation what is done
	 * @param target what it is done to
	 * @param lockLevel the strongest table lock, or {@code null}
	 * @param impact whether the table's rows are scanned or rewritten
	 * @param reason why the operation is in its class
	 * @param safeAlternative how to get the same result safely, or {@code null}
	 * @param line the line of the statement in its file
	 * @param sql the statement's SQL
	 */
	public Finding(SafetyClass safetyClass, String operation, String target, @Nullable LockLevel lockLevel,
			TableImpact impact, String reason, @Nullable String safeAlternative, int line, String sql) {
		this(safetyClass, operation, target, lockLevel, impact, reason, safeAlternative, line, sql, null);
	}

	/**
	 * Returns whether old code that is still running fails because of this operation.
	 * @return {@code true} for {@link SafetyClass#BREAKING}
	 */
	public boolean isBreaking() {
		return this.safetyClass == SafetyClass.BREAKING;
	}

	/**
	 * Returns whether this finding needs a reviewer's attention: anything but
	 * {@link SafetyClass#SAFE}.
	 * @return {@code true} unless the operation is safe
	 */
	public boolean needsAttention() {
		return this.safetyClass != SafetyClass.SAFE;
	}

	/**
	 * Returns what the operation costs under its lock, e.g.
	 * {@code ACCESS EXCLUSIVE, rewrite of ~48M rows, minutes}, {@code SHARE, scan of the table}
	 * or {@code ACCESS EXCLUSIVE}.
	 * @return the cost, empty when the operation takes no lock and touches no rows
	 */
	public String cost() {
		StringBuilder text = new StringBuilder();
		if (this.lockLevel != null) {
			text.append(this.lockLevel.sqlName());
		}
		String work = (this.estimate != null) ? this.estimate.describe(this.impact)
				: (this.impact != TableImpact.NONE) ? this.impact.name().toLowerCase(Locale.ROOT) + " of the table" : "";
		if (!work.isEmpty()) {
			text.append((text.length() > 0) ? ", " : "").append(work);
		}
		return text.toString();
	}

	/**
	 * Returns a one-line description, e.g.
	 * {@code LONG_LOCK CREATE INDEX users (SHARE lock, scan of ~2M rows, seconds) at line 3: ...}.
	 * @return the description
	 */
	public String describe() {
		StringBuilder text = new StringBuilder();
		text.append(this.safetyClass).append(' ').append(this.operation).append(' ').append(this.target);
		String cost = cost();
		if (!cost.isEmpty()) {
			text.append(" (").append((this.lockLevel != null) ? cost.replaceFirst(this.lockLevel.sqlName(),
					this.lockLevel.sqlName() + " lock") : cost).append(')');
		}
		text.append(" at line ").append(this.line).append(": ").append(this.reason);
		if (this.safeAlternative != null) {
			text.append(" Instead: ").append(this.safeAlternative);
		}
		return text.toString();
	}

}
