package dev.forge.core.internal.safety;

import java.util.List;

import dev.forge.core.TableImpact;
import dev.forge.core.internal.script.Token;

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
		out.add(SAFE, "INSERT", String.valueOf(table))
			.table(table)
			.lock(ROW_EXCLUSIVE)
			.reason("Adding rows does not block readers or other writers.");
	}

	static void update(TokenCursor cursor, FindingCollector out) {
		cursor.accept("ONLY");
		ObjectName table = cursor.objectName();
		if (table == null) {
			out.add(NOT_ANALYSED, "UPDATE", "").reason("FORGE could not read the table's name.");
			return;
		}
		if (cursor.restHasTopLevel("WHERE")) {
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
			.reason("Without WHERE, every row is written again and stays locked against other writers until the"
					+ " migration commits.")
			.instead(BACKFILL);
	}

	static void delete(TokenCursor cursor, FindingCollector out) {
		cursor.accept("FROM");
		cursor.accept("ONLY");
		ObjectName table = cursor.objectName();
		if (table == null) {
			out.add(NOT_ANALYSED, "DELETE", "").reason("FORGE could not read the table's name.");
			return;
		}
		if (cursor.restHasTopLevel("WHERE")) {
			out.add(SAFE, "DELETE", table.toString())
				.table(table)
				.lock(ROW_EXCLUSIVE)
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
