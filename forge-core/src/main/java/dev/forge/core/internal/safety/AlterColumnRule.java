package dev.forge.core.internal.safety;

import java.util.List;

import dev.forge.core.LockLevel;
import dev.forge.core.TableImpact;
import dev.forge.core.internal.script.Token;
import dev.forge.core.schema.ColumnType;

import static dev.forge.core.LockLevel.ACCESS_EXCLUSIVE;
import static dev.forge.core.LockLevel.SHARE_UPDATE_EXCLUSIVE;
import static dev.forge.core.SafetyClass.BREAKING;
import static dev.forge.core.SafetyClass.DATA_LOSS;
import static dev.forge.core.SafetyClass.LONG_LOCK;
import static dev.forge.core.SafetyClass.NOT_ANALYSED;
import static dev.forge.core.SafetyClass.SAFE;

/**
 * {@code ALTER TABLE ... ALTER [COLUMN] name ...}: type changes, defaults, {@code NOT NULL}
 * and the column options.
 */
final class AlterColumnRule {

	private static final String NEW_COLUMN = "Add a new column of the new type, write to both and backfill it in"
			+ " batches, deploy code that reads the new column, then drop the old one in a later migration.";

	private final AnalysisContext context;

	private final FindingCollector out;

	private final ObjectName table;

	private final String column;

	private final String target;

	AlterColumnRule(AnalysisContext context, FindingCollector out, ObjectName table, String column) {
		this.context = context;
		this.out = out;
		this.table = table;
		this.column = column;
		this.target = table + "." + column;
	}

	void analyze(TokenCursor cursor) {
		if (cursor.accept("SET", "DATA", "TYPE") || cursor.accept("TYPE")) {
			type(cursor);
		}
		else if (cursor.accept("SET", "NOT", "NULL")) {
			setNotNull();
		}
		else if (cursor.accept("DROP", "NOT", "NULL")) {
			dropNotNull();
		}
		else if (cursor.accept("SET", "DEFAULT")) {
			catalogOnly("SET DEFAULT", ACCESS_EXCLUSIVE, "A new default applies to new rows only; existing rows are"
					+ " not touched.");
		}
		else if (cursor.accept("DROP", "DEFAULT")) {
			dropDefault();
		}
		else if (cursor.accept("SET", "STATISTICS") || cursor.peekIsWithParenthesis("SET") || cursor.peekIsWithParenthesis("RESET")) {
			catalogOnly("SET STATISTICS", SHARE_UPDATE_EXCLUSIVE, "Only planner statistics settings change.");
		}
		else if (cursor.peekIs("SET", "STORAGE") || cursor.peekIs("SET", "COMPRESSION")) {
			catalogOnly("SET STORAGE", ACCESS_EXCLUSIVE, "Only how new values are stored changes.");
		}
		else if (cursor.peekIs("DROP", "IDENTITY")) {
			identityBreaking("DROP IDENTITY", "Old code that inserts rows without a value for the column fails:"
					+ " nothing generates one any more.");
		}
		else if (cursor.peekIs("SET", "GENERATED", "ALWAYS")) {
			identityBreaking("SET GENERATED ALWAYS", "Old code that inserts its own value for the column fails"
					+ " unless it says OVERRIDING SYSTEM VALUE.");
		}
		else if (cursor.peekIs("ADD", "GENERATED") || cursor.peekIs("SET", "GENERATED") || cursor.peekIs("RESTART")
				|| cursor.peekIs("SET", "INCREMENT") || cursor.peekIs("SET", "START") || cursor.peekIs("DROP", "IDENTITY")
				|| cursor.peekIs("DROP", "EXPRESSION")) {
			catalogOnly("ALTER IDENTITY", ACCESS_EXCLUSIVE, "Existing values are kept; only how new values are"
					+ " generated changes.");
		}
		else {
			this.out.add(NOT_ANALYSED, "ALTER COLUMN", this.target)
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("FORGE does not know this ALTER COLUMN action.");
		}
	}

	private void type(TokenCursor cursor) {
		List<Token> typeTokens = cursor.until("COLLATE", "USING");
		ColumnType to = SqlTypes.parse(typeTokens);
		cursor.until("USING");
		boolean using = cursor.accept("USING");
		// USING column::new_type asks for the conversion PostgreSQL would make anyway
		boolean plainUsing = using && isPlainConversion(cursor.until("COLLATE"), to);
		ColumnType from = this.context.typeOf(this.table, this.column).orElse(null);
		TypeChange change = TypeChange.between(from, to);
		TypeChange.Kind kind = change.kind();
		String reason = change.explanation();
		if (using && !plainUsing && kind == TypeChange.Kind.NO_REWRITE) {
			kind = TypeChange.Kind.REWRITE;
			reason = "A USING expression makes PostgreSQL compute every value again: it rewrites the table.";
		}
		else if (kind == TypeChange.Kind.REWRITE && (!using || plainUsing) && from != null
				&& to.modifiers().isEmpty() && from.array() == to.array() && this.context.binaryCoercible(from, to)) {
			kind = TypeChange.Kind.NO_REWRITE;
			reason = "Changing " + from + " to " + to + " is a binary-coercible cast (pg_cast): PostgreSQL changes"
					+ " only the catalog.";
		}
		if (from != null && TypeChange.isTimestampZoneChange(from, to) && (!using || plainUsing)
				&& this.context.atLeast(120000) && this.context.utcTimeZone()) {
			this.out.add(BREAKING, "ALTER COLUMN TYPE", this.target)
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("The session time zone is UTC (set earlier in this file), so PostgreSQL 12+ changes " + from
						+ " to " + to + " without rewriting the table; but old code reads and writes values of"
						+ " the other type.")
				.instead(NEW_COLUMN);
			return;
		}
		if (kind == TypeChange.Kind.NO_REWRITE) {
			catalogOnly("ALTER COLUMN TYPE", ACCESS_EXCLUSIVE, reason);
			return;
		}
		FindingCollector.Draft breaking = this.out.add(BREAKING, "ALTER COLUMN TYPE", this.target)
			.table(this.table)
			.lock(ACCESS_EXCLUSIVE)
			.impact(TableImpact.REWRITE)
			.reason(reason + " Old code may not handle the new type.")
			.instead(NEW_COLUMN);
		this.out.also(LONG_LOCK, breaking)
			.reason(reason + " Every query on the table waits until the rewrite is done.")
			.instead(NEW_COLUMN);
		if (kind == TypeChange.Kind.NARROWING) {
			this.out.also(DATA_LOSS, breaking).reason(reason).instead("Check that every value fits the new type"
					+ " first, and keep a copy of the old column until the change is proven.");
		}
	}

	private void setNotNull() {
		if (this.context.notNull(this.table, this.column)) {
			catalogOnly("SET NOT NULL", ACCESS_EXCLUSIVE, "The column is already NOT NULL: nothing is checked and"
					+ " old code's writes are refused no more than before.");
			return;
		}
		if (this.context.atLeast(120000) && this.context.provenNotNull(this.table, this.column)) {
			catalogOnly("SET NOT NULL", ACCESS_EXCLUSIVE, "A valid CHECK (" + this.column + " IS NOT NULL)"
					+ " constraint already proves there is no NULL: PostgreSQL 12+ skips the scan, and old code's"
					+ " writes of NULL already fail on the check.");
			return;
		}
		String alternative = this.context.atLeast(120000)
				? "ADD CONSTRAINT " + this.column + "_not_null CHECK (" + this.column + " IS NOT NULL) NOT VALID;"
						+ " VALIDATE CONSTRAINT in a later migration; then SET NOT NULL (PostgreSQL 12+ uses the"
						+ " valid check instead of scanning) and drop the check."
				: "Before PostgreSQL 12, SET NOT NULL always scans: use a CHECK (" + this.column + " IS NOT NULL)"
						+ " constraint added NOT VALID and validated in a later migration instead.";
		FindingCollector.Draft breaking = this.out.add(BREAKING, "SET NOT NULL", this.target)
			.table(this.table)
			.lock(ACCESS_EXCLUSIVE)
			.impact(TableImpact.SCAN)
			.reason("Old code that writes rows without a value for the column fails.")
			.instead("Deploy code that always writes the column first, backfill existing rows, then: "
					+ alternative);
		this.out.also(LONG_LOCK, breaking)
			.reason("Every row is scanned for NULLs while the table is locked ACCESS EXCLUSIVE.")
			.instead(alternative);
	}

	private void dropNotNull() {
		if (this.context.section() == Section.DOWN) {
			this.out.add(BREAKING, "DROP NOT NULL", this.target)
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("Rolling back drops the NOT NULL guarantee: code written for the migration may read NULLs"
						+ " it does not expect.")
				.instead("Roll back the code first, or keep the constraint and leave the rollback of this step out.");
			return;
		}
		catalogOnly("DROP NOT NULL", ACCESS_EXCLUSIVE, "Relaxing the constraint changes only the catalog; it is"
				+ " the usual first phase of retiring a column.");
	}

	private void identityBreaking(String operation, String reason) {
		this.out.add(BREAKING, operation, this.target)
			.table(this.table)
			.lock(ACCESS_EXCLUSIVE)
			.reason(reason)
			.instead("Deploy code that no longer relies on how the column generates values first.");
	}

	/** Returns whether a {@code USING} expression is the column itself, or the column cast to the new type. */
	private boolean isPlainConversion(List<Token> expression, ColumnType to) {
		TokenCursor cursor = new TokenCursor(expression);
		if (cursor.accept("CAST")) {
			TokenCursor inner = new TokenCursor(cursor.parenthesized());
			return cursor.atEnd() && this.column.equals(inner.identifier()) && inner.accept("AS")
					&& SqlTypes.parse(inner.rest()).equals(to);
		}
		if (!this.column.equals(cursor.identifier())) {
			return false;
		}
		if (cursor.atEnd()) {
			return true;
		}
		return cursor.acceptSymbol(":") && cursor.acceptSymbol(":") && SqlTypes.parse(cursor.rest()).equals(to);
	}

	private void dropDefault() {
		if (this.context.isRequiredWithDefaultAddedHere(this.table, this.column)) {
			this.out.add(BREAKING, "DROP DEFAULT", this.target)
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("The column is added NOT NULL earlier in this migration, and without its default old code's"
						+ " INSERTs, which do not name it, fail.")
				.instead("Keep the default until every node runs code that writes the column, then drop it in a"
						+ " later migration.");
			return;
		}
		catalogOnly("DROP DEFAULT", ACCESS_EXCLUSIVE, "Existing rows keep their values.");
	}

	private void catalogOnly(String operation, LockLevel lock, String reason) {
		this.out.add(SAFE, operation, this.target).table(this.table).lock(lock).reason(reason);
	}

}
