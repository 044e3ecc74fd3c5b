package dev.forge.core.internal.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.forge.core.internal.script.Token;

import static dev.forge.core.LockLevel.ACCESS_EXCLUSIVE;
import static dev.forge.core.LockLevel.SHARE_UPDATE_EXCLUSIVE;
import static dev.forge.core.SafetyClass.BREAKING;
import static dev.forge.core.SafetyClass.DATA_LOSS;
import static dev.forge.core.SafetyClass.LONG_LOCK;
import static dev.forge.core.SafetyClass.NOT_ANALYSED;
import static dev.forge.core.SafetyClass.SAFE;

/**
 * {@code DROP TABLE}, {@code DROP INDEX [CONCURRENTLY]}, {@code DROP SCHEMA} and the other
 * objects old code may use.
 */
final class DropRules {

	/** Objects that old code may use, whose loss keeps no data. */
	private static final Set<String> USED_BY_CODE = Set.of("VIEW", "FUNCTION", "PROCEDURE", "SEQUENCE", "TYPE",
			"DOMAIN", "MATERIALIZED");

	/** Objects whose drop is harmless when the same transaction creates them again. */
	private static final Set<String> RESTORABLE = Set.of("VIEW", "MATERIALIZED VIEW", "FUNCTION", "PROCEDURE",
			"TYPE", "DOMAIN");

	private DropRules() {
	}

	/** Analyses what follows {@code DROP}. */
	static void analyze(TokenCursor cursor, AnalysisContext context, FindingCollector out) {
		String kind = cursor.peekWord();
		switch (kind) {
			case "TABLE" -> {
				cursor.next();
				tables(cursor, context, out);
			}
			case "INDEX" -> {
				cursor.next();
				indexes(cursor, out);
			}
			case "TRIGGER" -> {
				cursor.next();
				trigger(cursor, out);
			}
			case "SCHEMA", "DATABASE" -> {
				cursor.next();
				for (ObjectName name : names(cursor)) {
					FindingCollector.Draft breaking = out.add(BREAKING, "DROP " + kind, name.toString())
						.reason("Old code that uses its objects fails.");
					out.also(DATA_LOSS, breaking).reason("Every table in it is dropped with its data.");
				}
			}
			default -> {
				if (USED_BY_CODE.contains(kind)) {
					cursor.next();
					usedByCode(cursor, kind, context, out);
				}
				else {
					out.add(NOT_ANALYSED, "DROP " + kind, "").reason("FORGE does not analyse DROP " + kind + ".");
				}
			}
		}
	}

	private static void tables(TokenCursor cursor, AnalysisContext context, FindingCollector out) {
		boolean cascade = cursor.restHasTopLevel("CASCADE");
		for (ObjectName table : names(cursor)) {
			if (!cascade) {
				context.endState().dropped("TABLE", table, table.toString(), out, context.columnsOf(table).orElse(null));
			}
			FindingCollector.Draft breaking = out.add(BREAKING, "DROP TABLE", table.toString())
				.table(table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("Old code that still uses the table fails.")
				.instead("Deploy code that no longer uses the table first (phase 1), then drop it in a later"
						+ " migration (phase 2).");
			out.also(DATA_LOSS, breaking)
				.reason("The table's rows are gone; a rollback cannot bring them back."
						+ (cascade ? " CASCADE also drops the views and foreign keys that depend on it." : ""))
				.instead("Back the table up, or rename it aside and drop it once nothing needs it.");
		}
	}

	private static void indexes(TokenCursor cursor, FindingCollector out) {
		boolean concurrently = cursor.accept("CONCURRENTLY");
		for (ObjectName index : names(cursor)) {
			if (concurrently) {
				out.add(SAFE, "DROP INDEX CONCURRENTLY", index.toString())
					.table(index)
					.lock(SHARE_UPDATE_EXCLUSIVE)
					.reason("The index is dropped without blocking reads or writes of its table.");
			}
			else {
				out.add(LONG_LOCK, "DROP INDEX", index.toString())
					.table(index)
					.lock(ACCESS_EXCLUSIVE)
					.reason("The index's table is locked ACCESS EXCLUSIVE: queued behind running queries, the"
							+ " drop blocks every read and write of the table.")
					.instead("DROP INDEX CONCURRENTLY, in a no-transaction migration.");
			}
		}
	}

	/** {@code DROP TRIGGER [IF EXISTS] name ON table [CASCADE | RESTRICT]}. */
	private static void trigger(TokenCursor cursor, FindingCollector out) {
		cursor.accept("IF", "EXISTS");
		String trigger = cursor.identifier();
		ObjectName table = cursor.accept("ON") ? cursor.objectName() : null;
		if (trigger == null || table == null) {
			out.add(NOT_ANALYSED, "DROP TRIGGER", "").reason("FORGE could not read the trigger and its table.");
			return;
		}
		out.add(SAFE, "DROP TRIGGER", table + "." + trigger)
			.table(table)
			.lock(ACCESS_EXCLUSIVE)
			.reason("Only the catalog changes, under a brief ACCESS EXCLUSIVE lock on the table. What the trigger"
					+ " did (audit rows, derived values) stops for old code too.");
	}

	private static void usedByCode(TokenCursor cursor, String kind, AnalysisContext context, FindingCollector out) {
		cursor.accept("VIEW");
		String what = kind + (kind.equals("MATERIALIZED") ? " VIEW" : "");
		String operation = "DROP " + what;
		boolean cascade = cursor.restHasTopLevel("CASCADE");
		for (ObjectName name : names(cursor)) {
			// CASCADE also drops what depends on it, which FORGE does not see come back
			if (!cascade && RESTORABLE.contains(what)) {
				context.endState().dropped(what, name, name.toString(), out, null);
			}
			FindingCollector.Draft breaking = out.add(BREAKING, operation, name.toString())
				.reason("Old code that still uses it fails.")
				.instead("Deploy code that no longer uses it first, then drop it in a later migration.");
			if (cascade && (kind.equals("TYPE") || kind.equals("DOMAIN"))) {
				out.also(DATA_LOSS, breaking).reason("CASCADE drops every column of this type, with its data.");
			}
		}
	}

	/** Reads {@code [IF EXISTS] name [, name ...] [CASCADE | RESTRICT]}. */
	private static List<ObjectName> names(TokenCursor cursor) {
		cursor.accept("IF", "EXISTS");
		List<ObjectName> names = new ArrayList<>();
		for (List<Token> part : cursor.splitRestAtCommas()) {
			ObjectName name = new TokenCursor(part).objectName();
			if (name != null) {
				names.add(name);
			}
		}
		return names;
	}

}
