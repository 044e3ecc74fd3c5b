package dev.forge.core.internal.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.forge.core.TableImpact;
import dev.forge.core.internal.script.Token;
import org.jspecify.annotations.Nullable;

import static dev.forge.core.LockLevel.SHARE;
import static dev.forge.core.LockLevel.SHARE_ROW_EXCLUSIVE;
import static dev.forge.core.LockLevel.SHARE_UPDATE_EXCLUSIVE;
import static dev.forge.core.SafetyClass.LONG_LOCK;
import static dev.forge.core.SafetyClass.NOT_ANALYSED;
import static dev.forge.core.SafetyClass.SAFE;

/**
 * {@code CREATE ...}: tables (remembered, so that later statements on them are exempt),
 * indexes with and without {@code CONCURRENTLY}, and the objects that lock no table.
 */
final class CreateRules {

	/** Objects whose creation touches no existing table. */
	private static final Set<String> HARMLESS = Set.of("TYPE", "DOMAIN", "FUNCTION", "PROCEDURE", "VIEW",
			"MATERIALIZED", "SEQUENCE", "SCHEMA", "EXTENSION", "AGGREGATE", "OPERATOR", "COLLATION", "CAST", "ROLE",
			"USER", "GROUP", "POLICY", "PUBLICATION", "TEXT", "CONVERSION", "LANGUAGE", "ACCESS", "EVENT",
			"RECURSIVE");

	private static final Set<String> TABLE_CONSTRAINTS = Set.of("CONSTRAINT", "CHECK", "UNIQUE", "PRIMARY",
			"FOREIGN", "EXCLUDE");

	private CreateRules() {
	}

	/** Analyses what follows {@code CREATE}. */
	static void analyze(TokenCursor cursor, AnalysisContext context, FindingCollector out) {
		cursor.accept("OR", "REPLACE");
		if (!cursor.accept("GLOBAL")) {
			cursor.accept("LOCAL");
		}
		boolean temporary = cursor.accept("TEMPORARY") || cursor.accept("TEMP");
		cursor.accept("UNLOGGED");
		String kind = cursor.peekWord();
		if (kind.equals("TABLE")) {
			cursor.next();
			table(cursor, context, out, temporary);
		}
		else if (kind.equals("INDEX") || kind.equals("UNIQUE")) {
			index(cursor, context, out);
		}
		else if (kind.equals("TRIGGER") || kind.equals("CONSTRAINT")) {
			trigger(cursor, out);
		}
		else if (kind.equals("STATISTICS")) {
			out.add(SAFE, "CREATE STATISTICS", "")
				.lock(SHARE_UPDATE_EXCLUSIVE)
				.reason("Extended statistics are only gathered by the next ANALYZE.");
		}
		else if (HARMLESS.contains(kind)) {
			cursor.next();
			cursor.accept("VIEW");
			cursor.accept("IF", "NOT", "EXISTS");
			ObjectName name = cursor.objectName();
			if (name != null) {
				created(kind, name, cursor, context);
			}
			out.add(SAFE, "CREATE " + kind + (kind.equals("MATERIALIZED") ? " VIEW" : ""),
					(name != null) ? name.toString() : "")
				.reason("A new object; no running code uses it yet, and no existing table is locked against"
						+ " writes.");
		}
		else {
			out.add(NOT_ANALYSED, "CREATE " + kind, "").reason("FORGE does not analyse CREATE " + kind + ".");
		}
	}

	/**
	 * Remembers a new view or materialized view (an index on it is as harmless as on a new
	 * table), what a function's volatility is, and that a dropped object exists again.
	 */
	private static void created(String kind, ObjectName name, TokenCursor cursor, AnalysisContext context) {
		switch (kind) {
			case "VIEW", "MATERIALIZED" -> {
				context.created(name);
				context.endState().created(kind.equals("VIEW") ? "VIEW" : "MATERIALIZED VIEW", name, null);
			}
			case "TYPE", "DOMAIN" -> context.endState().created(kind, name, null);
			case "FUNCTION", "PROCEDURE" -> {
				context.endState().created(kind, name, null);
				cursor.parenthesized();
				context.createdFunction(name, volatility(cursor));
			}
			default -> {
			}
		}
	}

	/** The volatility a {@code CREATE FUNCTION} declares; {@code VOLATILE} unless it says otherwise. */
	private static char volatility(TokenCursor cursor) {
		if (cursor.restHasTopLevel("IMMUTABLE")) {
			return 'i';
		}
		return cursor.restHasTopLevel("STABLE") ? 's' : 'v';
	}

	private static void table(TokenCursor cursor, AnalysisContext context, FindingCollector out, boolean temporary) {
		cursor.accept("IF", "NOT", "EXISTS");
		ObjectName table = cursor.objectName();
		if (table == null) {
			out.add(NOT_ANALYSED, "CREATE TABLE", "").reason("FORGE could not read the table's name.");
			return;
		}
		context.created(table);
		context.endState().created("TABLE", table, columns(new TokenCursor(cursor.rest())));
		boolean references = cursor.peekIs("PARTITION", "OF") || containsReferences(cursor);
		out.add(SAFE, "CREATE TABLE", table.toString())
			.lock(references ? SHARE_ROW_EXCLUSIVE : null)
			.reason(temporary ? "A temporary table is seen by this session only."
					: "A new table; no running code uses it yet."
							+ (references ? " Referenced (or parent) tables are locked only briefly." : ""));
	}

	/** The column definitions of {@code CREATE TABLE name (...)}, or {@code null} when there are others. */
	private static @Nullable List<ColumnDefinition> columns(TokenCursor cursor) {
		if (!cursor.peekSymbol("(")) {
			return null;
		}
		List<ColumnDefinition> columns = new ArrayList<>();
		for (List<Token> element : new TokenCursor(cursor.parenthesized()).splitRestAtCommas()) {
			TokenCursor definition = new TokenCursor(element);
			if (definition.peekIs("LIKE")) {
				return null;
			}
			if (TABLE_CONSTRAINTS.contains(definition.peekWord())) {
				continue;
			}
			String column = definition.identifier();
			if (column != null) {
				columns.add(ColumnDefinition.read(column, definition));
			}
		}
		// a parent's columns are not in the list
		return cursor.restHasTopLevel("INHERITS") ? null : columns;
	}

	private static boolean containsReferences(TokenCursor cursor) {
		return cursor.rest().stream().anyMatch((token) -> token.is("REFERENCES"));
	}

	private static void index(TokenCursor cursor, AnalysisContext context, FindingCollector out) {
		boolean unique = cursor.accept("UNIQUE");
		cursor.accept("INDEX");
		boolean concurrently = cursor.accept("CONCURRENTLY");
		cursor.accept("IF", "NOT", "EXISTS");
		ObjectName index = cursor.peekIs("ON") ? null : cursor.objectName();
		if (!cursor.accept("ON")) {
			out.add(NOT_ANALYSED, "CREATE INDEX", "").reason("FORGE could not read the index's table.");
			return;
		}
		cursor.accept("ONLY");
		ObjectName table = cursor.objectName();
		if (table == null) {
			out.add(NOT_ANALYSED, "CREATE INDEX", "").reason("FORGE could not read the index's table.");
			return;
		}
		if (index != null) {
			context.created((index.schema() != null) ? index : table.sibling(index.name()));
		}
		String operation = "CREATE " + (unique ? "UNIQUE " : "") + "INDEX" + (concurrently ? " CONCURRENTLY" : "");
		String indexName = (index != null) ? " (" + index.name() + ")" : "";
		if (concurrently) {
			out.add(SAFE, operation, table.toString())
				.table(table)
				.lock(SHARE_UPDATE_EXCLUSIVE)
				.impact(TableImpact.SCAN)
				.reason("The index" + indexName + " is built while reads and writes go on."
						+ (unique ? " It fails, leaving an INVALID index that FORGE drops before a retry, if"
								+ " duplicates exist." : "")
						+ corruptionNote(context));
			return;
		}
		out.add(LONG_LOCK, operation, table.toString())
			.table(table)
			.lock(SHARE)
			.impact(TableImpact.SCAN)
			.reason("The index" + indexName + " is built under a SHARE lock: reads go on, but every INSERT, UPDATE"
					+ " and DELETE on the table waits until the build is done.")
			.instead("CREATE " + (unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY, in a migration of its own"
					+ " (FORGE runs files with CONCURRENTLY outside a transaction).");
	}

	private static String corruptionNote(AnalysisContext context) {
		return (context.atLeast(140000) && !context.atLeast(140004))
				? " Beware: PostgreSQL 14.0 to 14.3 can corrupt indexes built concurrently; upgrade to 14.4+." : "";
	}

	private static void trigger(TokenCursor cursor, FindingCollector out) {
		cursor.accept("CONSTRAINT");
		cursor.accept("TRIGGER");
		ObjectName trigger = cursor.objectName();
		ObjectName table = null;
		while (!cursor.atEnd() && table == null) {
			if (cursor.accept("ON")) {
				table = cursor.objectName();
			}
			else {
				cursor.next();
			}
		}
		out.add(SAFE, "CREATE TRIGGER", (table != null) ? table + "." + trigger : String.valueOf(trigger))
			.table(table)
			.lock(SHARE_ROW_EXCLUSIVE)
			.reason("Only the catalog changes; writes wait for the brief SHARE ROW EXCLUSIVE lock. The trigger"
					+ " runs for old code's writes too.");
	}

}
