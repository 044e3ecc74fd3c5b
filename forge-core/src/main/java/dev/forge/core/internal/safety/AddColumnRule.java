package dev.forge.core.internal.safety;

import java.util.List;

import dev.forge.core.TableImpact;
import dev.forge.core.internal.script.Token;

import static dev.forge.core.LockLevel.ACCESS_EXCLUSIVE;
import static dev.forge.core.LockLevel.SHARE_ROW_EXCLUSIVE;
import static dev.forge.core.SafetyClass.BREAKING;
import static dev.forge.core.SafetyClass.LONG_LOCK;
import static dev.forge.core.SafetyClass.SAFE;

/**
 * {@code ALTER TABLE ... ADD COLUMN}: safe when nullable or with a non-volatile default
 * (PostgreSQL 11+); a table rewrite for volatile defaults, serial, identity and stored
 * generated columns; breaking when {@code NOT NULL} has no default; an index build or scan
 * for inline {@code UNIQUE}, {@code PRIMARY KEY}, {@code CHECK} and {@code REFERENCES}.
 */
final class AddColumnRule {

	private static final String NULLABLE_FIRST = "Add the column nullable (or with a constant default), set the"
			+ " default for new rows, backfill existing rows in batches, then add the constraint.";

	private final AnalysisContext context;

	private final FindingCollector out;

	private final ObjectName table;

	private final ColumnDefinition column;

	private final String target;

	AddColumnRule(AnalysisContext context, FindingCollector out, ObjectName table, ColumnDefinition column) {
		this.context = context;
		this.out = out;
		this.table = table;
		this.column = column;
		this.target = table + "." + column.name();
	}

	void analyze() {
		if (this.column.notNull() && this.column.hasDefault() && !this.context.isNew(this.table)) {
			this.context.addedRequiredWithDefault(this.table, this.column.name());
		}
		if (!this.context.isNew(this.table)) {
			this.context.addedToExistingTable(this.table, this.column.name());
		}
		values();
		constraints();
		this.context.endState().addedColumn(this.table, this.column);
	}

	private void values() {
		if (SqlTypes.isSerial(this.column.type()) || this.column.identity()) {
			rewrite("Every existing row gets the next value of a sequence, so PostgreSQL rewrites the table.");
			return;
		}
		if (this.column.generatedStored()) {
			rewrite("A stored generated column is computed for every existing row: PostgreSQL rewrites the table.");
			return;
		}
		if (this.column.hasDefault()) {
			List<Token> expression = this.column.defaultExpression();
			String volatileCall = DefaultVolatility.volatileCall(expression, this.context);
			if (!this.context.atLeast(110000)) {
				rewrite("Before PostgreSQL 11, adding a column with a default rewrites the table.");
			}
			else if (volatileCall != null) {
				rewrite("The default calls " + volatileCall + ", which is volatile (or not known to FORGE), so it"
						+ " is evaluated for every row and PostgreSQL rewrites the table.");
			}
			else {
				safe("The default is not volatile: PostgreSQL 11+ stores it once in the catalog, without rewriting"
						+ " the table.");
			}
			return;
		}
		if (this.column.notNull()) {
			this.out.add(BREAKING, "ADD COLUMN", this.target)
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("A NOT NULL column without a default fails on a table that has rows, and old code's"
						+ " INSERTs that do not name the column fail.")
				.instead(NULLABLE_FIRST);
			return;
		}
		safe("A nullable column without a default changes only the catalog.");
	}

	private void constraints() {
		if (this.column.unique()) {
			this.out.add(LONG_LOCK, "ADD UNIQUE", this.target)
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.impact(TableImpact.SCAN)
				.reason("The unique index is built while the table is locked ACCESS EXCLUSIVE.")
				.instead("Add the column plain, CREATE UNIQUE INDEX CONCURRENTLY in a no-transaction migration,"
						+ " then ADD CONSTRAINT ... UNIQUE USING INDEX.");
		}
		if (this.column.check()) {
			this.out.add(LONG_LOCK, "ADD CHECK", this.target)
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.impact(TableImpact.SCAN)
				.reason("The check is validated against every row while the table is locked ACCESS EXCLUSIVE.")
				.instead("Add the column plain, then ADD CONSTRAINT ... CHECK (...) NOT VALID, and VALIDATE"
						+ " CONSTRAINT in a later migration.");
		}
		if (this.column.references() != null && holdsOnlyNulls()) {
			this.out.add(SAFE, "ADD FOREIGN KEY", this.target + " \u2192 " + this.column.references())
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("A new column without a default holds only NULLs, so PostgreSQL marks the foreign key"
						+ " valid without scanning; the referenced table is locked " + SHARE_ROW_EXCLUSIVE.sqlName()
						+ " only for the catalog change.");
		}
		else if (this.column.references() != null) {
			this.out.add(LONG_LOCK, "ADD FOREIGN KEY", this.target + " \u2192 " + this.column.references())
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.impact(TableImpact.SCAN)
				.reason("The foreign key is validated by scanning the table, and the referenced table is locked"
						+ " " + SHARE_ROW_EXCLUSIVE.sqlName() + " meanwhile: writes to both wait.")
				.instead("Add the column plain, then ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID, and VALIDATE"
						+ " CONSTRAINT in a later migration.");
		}
	}

	/**
	 * Returns whether every existing row gets NULL in the new column: no {@code DEFAULT}
	 * clause at all (PostgreSQL validates even for {@code DEFAULT NULL}), no sequence and no
	 * generated value.
	 */
	private boolean holdsOnlyNulls() {
		return this.column.defaultExpression() == null && !this.column.identity() && !this.column.generatedStored()
				&& !SqlTypes.isSerial(this.column.type());
	}

	private void rewrite(String reason) {
		this.out.add(LONG_LOCK, "ADD COLUMN", this.target)
			.table(this.table)
			.lock(ACCESS_EXCLUSIVE)
			.impact(TableImpact.REWRITE)
			.reason(reason + " Every query on the table waits until it is done.")
			.instead(NULLABLE_FIRST);
	}

	private void safe(String reason) {
		this.out.add(SAFE, "ADD COLUMN", this.target).table(this.table).lock(ACCESS_EXCLUSIVE).reason(reason);
	}

}
