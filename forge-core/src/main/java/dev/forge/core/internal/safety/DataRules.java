package dev.forge.core.internal.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import dev.forge.core.Estimate;
import dev.forge.core.TableImpact;
import dev.forge.core.internal.script.Token;
import dev.forge.core.internal.script.TokenType;
import org.jspecify.annotations.Nullable;

import static dev.forge.core.LockLevel.ACCESS_EXCLUSIVE;
import static dev.forge.core.LockLevel.ACCESS_SHARE;
import static dev.forge.core.LockLevel.ROW_EXCLUSIVE;
import static dev.forge.core.LockLevel.ROW_SHARE;
import static dev.forge.core.SafetyClass.DATA_LOSS;
import static dev.forge.core.SafetyClass.LONG_LOCK;
import static dev.forge.core.SafetyClass.NOT_ANALYSED;
import static dev.forge.core.SafetyClass.SAFE;

/**
 * Statements on rows: {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code TRUNCATE},
 * {@code SELECT}.
 */
final class DataRules {

	private static final String BACKFILL = "Run it as a backfill job in batches of, say, 1,000 rows, each in its"
			+ " own short transaction, outside the migration.";

	private DataRules() {
	}

	static void insert(TokenCursor cursor, FindingCollector out) {
		cursor.accept("INTO");
		ObjectName table = cursor.objectName();
		if (isSystemCatalog(table)) {
			catalogWrite("INSERT", table, out);
			return;
		}
		out.add(SAFE, "INSERT", String.valueOf(table))
			.table(table)
			.lock(ROW_EXCLUSIVE)
			.reason("Adding rows does not block readers or other writers.");
	}

	static void update(TokenCursor cursor, AnalysisContext context, FindingCollector out) {
		cursor.accept("ONLY");
		ObjectName table = cursor.objectName();
		if (table == null) {
			out.add(NOT_ANALYSED, "UPDATE", "").reason("FORGE could not read the table's name.");
			return;
		}
		if (isSystemCatalog(table)) {
			catalogWrite("UPDATE", table, out);
			return;
		}
		boolean where = cursor.restHasTopLevel("WHERE");
		boolean join = cursor.restHasTopLevel("FROM");
		if (context.inBatches()) {
			out.add(SAFE, "UPDATE", table.toString())
				.table(table)
				.lock(ROW_EXCLUSIVE)
				.reason("A backfill file: FORGE runs the UPDATE in batches, each in its own short transaction.");
			return;
		}
		String filled = context.isNew(table) ? null : columnAddedHere(cursor, table, context);
		if (filled != null) {
			out.add(LONG_LOCK, "UPDATE", table.toString())
				.table(table)
				.lock(ROW_EXCLUSIVE)
				.impact(TableImpact.REWRITE)
				.reason("It fills " + table + "." + filled + ", added earlier in this migration, so it writes every row"
						+ " of the table (or every row its WHERE leaves, and a new column is NULL in all of them) and"
						+ " keeps them locked against other writers until the migration commits.")
				.instead(BACKFILL);
			return;
		}
		OptionalLong planned = (where && !context.isNew(table)) ? context.plannedRows(out.sql()) : OptionalLong.empty();
		if (where && planned.isPresent() && !isMost(planned.getAsLong(), context.estimatedRows(table))) {
			out.add(SAFE, "UPDATE", table.toString())
				.table(table)
				.lock(ROW_EXCLUSIVE)
				.rows(planned.getAsLong())
				.reason("The planner expects it to touch few rows; they stay locked until the migration commits.");
			return;
		}
		if (where && planned.isEmpty() && !(join && joinsOnly(cursor))) {
			out.add(SAFE, "UPDATE", table.toString())
				.table(table)
				.lock(ROW_EXCLUSIVE)
				.reason("Only the rows that match the WHERE clause are locked, until the migration commits.");
			return;
		}
		out.add(LONG_LOCK, "UPDATE", table.toString())
			.table(table)
			.lock(ROW_EXCLUSIVE)
			.impact(TableImpact.REWRITE)
			.rows(planned.isPresent() ? planned.getAsLong() : -1)
			.reason(!where ? "Without WHERE, every row is written again and stays locked against other writers until"
					+ " the migration commits."
					: (planned.isPresent() ? "The planner expects it to write "
							+ Estimate.of(planned.getAsLong(), TableImpact.REWRITE).formattedRows()
							+ ", too many for one transaction: they are" : "The WHERE clause only joins the other table,"
									+ " so every row with a match is")
							+ " written again and stays locked against other writers until the migration commits.")
			.instead(BACKFILL);
	}

	/**
	 * Returns the first column that the {@code SET} list assigns and that an earlier statement
	 * of the section added to the (existing) table, or {@code null}. The columns it assigns count
	 * as filled from then on: a later {@code UPDATE} of them touches what the first one left.
	 */
	private static @Nullable String columnAddedHere(TokenCursor cursor, ObjectName table, AnalysisContext context) {
		String added = null;
		for (String column : assignedColumns(cursor)) {
			if (added == null && context.isAddedToExistingTableHere(table, column)) {
				added = column;
			}
			context.filled(table, column);
		}
		return added;
	}

	/** Returns the columns the {@code SET} list of an {@code UPDATE} assigns, {@code (a, b) = …} included. */
	private static List<String> assignedColumns(TokenCursor cursor) {
		TokenCursor set = new TokenCursor(cursor.rest());
		set.until("SET");
		if (!set.accept("SET")) {
			return List.of();
		}
		List<String> columns = new ArrayList<>();
		int depth = 0;
		boolean expectTarget = true;
		for (Token token : set.until("FROM", "WHERE", "RETURNING")) {
			if (expectTarget && depth <= 1) {
				String column = TokenCursor.identifierOf(token);
				if (column != null) {
					columns.add(column);
				}
			}
			if (TokenCursor.isSymbol(token, "(")) {
				expectTarget = expectTarget && depth == 0;
				depth++;
			}
			else if (TokenCursor.isSymbol(token, ")")) {
				depth--;
				expectTarget = false;
			}
			else if (depth == 0 && TokenCursor.isSymbol(token, ",")) {
				expectTarget = true;
			}
			else if (depth == 0) {
				expectTarget = false;
			}
		}
		return columns;
	}

	static void delete(TokenCursor cursor, AnalysisContext context, FindingCollector out) {
		cursor.accept("FROM");
		cursor.accept("ONLY");
		ObjectName table = cursor.objectName();
		if (table == null) {
			out.add(NOT_ANALYSED, "DELETE", "").reason("FORGE could not read the table's name.");
			return;
		}
		if (isSystemCatalog(table)) {
			catalogWrite("DELETE", table, out);
			return;
		}
		if (cursor.restHasTopLevel("WHERE")) {
			OptionalLong planned = context.isNew(table) ? OptionalLong.empty() : context.plannedRows(out.sql());
			if (planned.isPresent() && isMost(planned.getAsLong(), context.estimatedRows(table))) {
				out.add(LONG_LOCK, "DELETE", table.toString())
					.table(table)
					.lock(ROW_EXCLUSIVE)
					.impact(TableImpact.SCAN)
					.rows(planned.getAsLong())
					.reason("The planner expects it to delete " + Estimate.of(planned.getAsLong(), TableImpact.SCAN)
						.formattedRows() + ", too many for one transaction: they stay locked against other writers"
						+ " until the migration commits.")
					.instead(BACKFILL);
				return;
			}
			out.add(SAFE, "DELETE", table.toString())
				.table(table)
				.lock(ROW_EXCLUSIVE)
				.rows(planned.isPresent() ? planned.getAsLong() : -1)
				.reason("Only the rows that match the WHERE clause are deleted.");
			return;
		}
		out.add(DATA_LOSS, "DELETE", table.toString())
			.table(table)
			.lock(ROW_EXCLUSIVE)
			.impact(TableImpact.SCAN)
			.reason("Without WHERE, every row of the table is deleted.")
			.instead("Add a WHERE clause, or back the rows up first.");
	}

	/**
	 * Whether a statement touching so many rows holds its row locks for long: a hundred
	 * thousand rows, or most rows of a table of ten thousand or more.
	 */
	static boolean isMost(long rows, OptionalLong tableRows) {
		if (rows >= 100_000) {
			return true;
		}
		return tableRows.isPresent() && tableRows.getAsLong() >= 10_000 && rows * 2 > tableRows.getAsLong();
	}

	/**
	 * Whether the {@code WHERE} clause of an {@code UPDATE ... FROM} holds no constant to
	 * filter by: only conditions between the tables, so every row with a partner matches.
	 */
	private static boolean joinsOnly(TokenCursor cursor) {
		boolean inWhere = false;
		for (Token token : cursor.rest()) {
			if (token.is("WHERE")) {
				inWhere = true;
			}
			else if (inWhere && (token.is("RETURNING"))) {
				break;
			}
			else if (inWhere && (token.type() == TokenType.STRING || token.type() == TokenType.NUMBER
					|| token.is("NULL") || token.is("TRUE") || token.is("FALSE") || token.is("IN")
					|| token.is("LIKE") || token.is("ILIKE") || token.is("NOT") || TokenCursor.isSymbol(token, "<")
					|| TokenCursor.isSymbol(token, ">") || TokenCursor.isSymbol(token, "<=")
					|| TokenCursor.isSymbol(token, ">=") || TokenCursor.isSymbol(token, "<>"))) {
				return false;
			}
		}
		return inWhere;
	}

	/** Whether the table is one of PostgreSQL's system catalogs. */
	private static boolean isSystemCatalog(@Nullable ObjectName table) {
		if (table == null) {
			return false;
		}
		return "pg_catalog".equals(table.schema()) || "information_schema".equals(table.schema())
				|| (table.schema() == null && table.name().startsWith("pg_"));
	}

	private static void catalogWrite(String operation, ObjectName table, FindingCollector out) {
		out.add(NOT_ANALYSED, operation, table.toString())
			.table(table)
			.lock(ROW_EXCLUSIVE)
			.reason("A direct write to the system catalog " + table.name() + ": PostgreSQL checks nothing, the change"
					+ " bypasses its locks and caches, and a mistake can corrupt the database. FORGE cannot judge it.")
			.instead("Use the DDL statement that makes the change (ALTER TABLE, ALTER INDEX, ...).");
	}

	static void truncate(TokenCursor cursor, FindingCollector out) {
		cursor.accept("TABLE");
		boolean cascade = cursor.restHasTopLevel("CASCADE");
		for (List<Token> part : cursor.splitRestAtCommas()) {
			TokenCursor name = new TokenCursor(part);
			name.accept("ONLY");
			ObjectName table = name.objectName();
			if (table == null) {
				continue;
			}
			out.add(DATA_LOSS, "TRUNCATE", table.toString())
				.table(table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("Every row of the table is deleted"
						+ (cascade ? ", and CASCADE empties every table that references it too." : "."))
				.instead("Delete only the rows you mean to, and name every table explicitly.");
		}
	}

	static void select(TokenCursor cursor, FindingCollector out) {
		boolean forUpdate = cursor.restHasTopLevel("FOR") && (cursor.restHasTopLevel("UPDATE")
				|| cursor.restHasTopLevel("SHARE"));
		out.add(SAFE, "SELECT", "")
			.lock(forUpdate ? ROW_SHARE : ACCESS_SHARE)
			.reason("A query does not change the schema.");
	}

}
