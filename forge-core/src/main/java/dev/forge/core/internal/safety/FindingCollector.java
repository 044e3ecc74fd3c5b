package dev.forge.core.internal.safety;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import dev.forge.core.Estimate;
import dev.forge.core.Finding;
import dev.forge.core.LockLevel;
import dev.forge.core.SafetyClass;
import dev.forge.core.TableImpact;
import dev.forge.core.internal.script.SqlStatement;
import org.jspecify.annotations.Nullable;

/**
 * Gathers the findings of one statement. Once the statement is read, every finding on a
 * table gets the strongest lock the statement takes on that table (PostgreSQL locks once
 * per statement, for all its sub-commands), and findings on a table created earlier in the
 * same section become safe.
 */
final class FindingCollector {

	static final String NEW_TABLE = "The table is created earlier in this migration, so no running code uses it"
			+ " yet.";

	private final SqlStatement statement;

	private final AnalysisContext context;

	private final List<Draft> drafts = new ArrayList<>();

	FindingCollector(SqlStatement statement, AnalysisContext context) {
		this.statement = statement;
		this.context = context;
	}

	Draft add(SafetyClass safetyClass, String operation, String target) {
		Draft draft = new Draft(safetyClass, operation, target);
		this.drafts.add(draft);
		return draft;
	}

	/** Adds the same operation once more, in another class (e.g. breaking and data loss). */
	Draft also(SafetyClass safetyClass, Draft original) {
		return add(safetyClass, original.operation, original.target).table(original.table)
			.lock(original.lock)
			.impact(original.impact)
			.rows(original.rows);
	}

	/**
	 * Returns the first operation that holds a lock blocking others while it scans or
	 * rewrites a table that running code uses, or {@code null}.
	 */
	@Nullable Draft unboundedScan() {
		return this.drafts.stream()
			.filter((draft) -> draft.safetyClass == SafetyClass.LONG_LOCK && draft.impact != TableImpact.NONE
					&& !this.context.isNew(draft.table))
			.findFirst()
			.orElse(null);
	}

	int line() {
		return this.statement.line();
	}

	String sql() {
		return this.statement.sql();
	}

	boolean isEmpty() {
		return this.drafts.isEmpty();
	}

	List<Finding> findings() {
		Map<ObjectName, LockLevel> strongest = new HashMap<>();
		for (Draft draft : this.drafts) {
			if (draft.table != null && draft.lock != null) {
				strongest.merge(draft.table, draft.lock, (a, b) -> (a.compareTo(b) >= 0) ? a : b);
			}
		}
		List<Finding> findings = new ArrayList<>();
		for (Draft draft : this.drafts) {
			LockLevel lock = (draft.table != null && strongest.containsKey(draft.table)) ? strongest.get(draft.table)
					: draft.lock;
			boolean exempt = this.context.isNew(draft.table) && draft.safetyClass != SafetyClass.SAFE;
			if (exempt && findings.stream()
				.anyMatch((finding) -> finding.operation().equals(draft.operation)
						&& finding.target().equals(draft.target) && finding.safetyClass() == SafetyClass.SAFE)) {
				continue;
			}
			findings.add(new Finding(exempt ? SafetyClass.SAFE : draft.safetyClass, draft.operation, draft.target,
					lock, draft.impact, exempt ? NEW_TABLE : draft.reason, exempt ? null : draft.alternative,
					this.statement.line(), this.statement.sql(), estimate(draft)));
		}
		return findings;
	}

	/**
	 * The rows the operation touches, as the planner or {@code pg_class.reltuples} says: for
	 * a scan or rewrite of an existing table, or rows an {@code UPDATE} or {@code DELETE} writes.
	 */
	private @Nullable Estimate estimate(Draft draft) {
		if (draft.rows >= 0) {
			return Estimate.of(draft.rows, draft.impact);
		}
		if (draft.impact == TableImpact.NONE || draft.table == null) {
			return null;
		}
		OptionalLong rows = this.context.estimatedRows(draft.table);
		return rows.isPresent() ? Estimate.of(rows.getAsLong(), draft.impact) : null;
	}

	/**
	 * One finding being described.
	 */
	static final class Draft {

		private final SafetyClass safetyClass;

		private final String operation;

		private final String target;

		private @Nullable ObjectName table;

		private @Nullable LockLevel lock;

		private TableImpact impact = TableImpact.NONE;

		private String reason = "";

		private @Nullable String alternative;

		private long rows = -1;

		private Draft(SafetyClass safetyClass, String operation, String target) {
			this.safetyClass = safetyClass;
			this.operation = operation;
			this.target = target;
		}

		String operation() {
			return this.operation;
		}

		String target() {
			return this.target;
		}

		@Nullable ObjectName table() {
			return this.table;
		}

		@Nullable LockLevel lock() {
			return this.lock;
		}

		TableImpact impact() {
			return this.impact;
		}

		/** The rows the planner expects the statement to touch; negative when not known. */
		long rows() {
			return this.rows;
		}

		/** Sets the table the lock is taken on; findings on new tables are exempt. */
		Draft table(@Nullable ObjectName table) {
			this.table = table;
			return this;
		}

		Draft lock(@Nullable LockLevel lock) {
			this.lock = lock;
			return this;
		}

		Draft impact(TableImpact impact) {
			this.impact = impact;
			return this;
		}

		/** Sets the rows the planner expects the statement to touch; negative when not known. */
		Draft rows(long rows) {
			this.rows = rows;
			return this;
		}

		Draft reason(String reason) {
			this.reason = reason;
			return this;
		}

		Draft instead(@Nullable String alternative) {
			this.alternative = alternative;
			return this;
		}

	}

}
