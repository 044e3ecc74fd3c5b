package dev.forge.core.internal.safety;

import java.util.Locale;

import dev.forge.core.TableImpact;

import static dev.forge.core.LockLevel.ACCESS_EXCLUSIVE;
import static dev.forge.core.LockLevel.SHARE;
import static dev.forge.core.LockLevel.SHARE_UPDATE_EXCLUSIVE;
import static dev.forge.core.SafetyClass.BREAKING;
import static dev.forge.core.SafetyClass.LONG_LOCK;
import static dev.forge.core.SafetyClass.NOT_ANALYSED;
import static dev.forge.core.SafetyClass.SAFE;

/**
 * {@code ALTER} of everything but tables: indexes, enum and composite types, domains,
 * sequences, views, schemas.
 */
final class AlterObjectRules {

	private AlterObjectRules() {
	}

	/** Analyses what follows {@code ALTER}, for a kind other than {@code TABLE}. */
	static void analyze(String kind, TokenCursor cursor, AnalysisContext context, FindingCollector out) {
		switch (kind) {
			case "INDEX" -> index(cursor, context, out);
			case "TYPE" -> type(cursor, out);
			case "DOMAIN" -> domain(cursor, out);
			case "SEQUENCE" -> out.add(SAFE, "ALTER SEQUENCE", String.valueOf(cursor.objectName()))
				.reason("Only how new values are generated changes.");
			case "VIEW", "MATERIALIZED", "SCHEMA", "FUNCTION", "PROCEDURE" -> renamable(kind, cursor, out);
			default -> out.add(NOT_ANALYSED, "ALTER " + kind, "").reason("FORGE does not analyse ALTER " + kind + ".");
		}
	}

	private static void index(TokenCursor cursor, AnalysisContext context, FindingCollector out) {
		cursor.accept("IF", "EXISTS");
		ObjectName index = cursor.objectName();
		if (cursor.accept("RENAME", "TO")) {
			out.add(SAFE, "RENAME INDEX", index + " \u2192 " + cursor.identifier())
				.table(index)
				.lock(context.atLeast(120000) ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE)
				.reason("Only the index's name changes; code does not refer to it.");
		}
		else if (cursor.peekIs("SET", "TABLESPACE")) {
			out.add(LONG_LOCK, "ALTER INDEX SET TABLESPACE", String.valueOf(index))
				.table(index)
				.lock(ACCESS_EXCLUSIVE)
				.impact(TableImpact.REWRITE)
				.reason("The index is copied while queries that use it wait.")
				.instead("Build a new index CONCURRENTLY in the tablespace, then drop the old one CONCURRENTLY.");
		}
		else if (cursor.peekIsWithParenthesis("SET") || cursor.peekIsWithParenthesis("RESET") || cursor.peekIs("ALTER")) {
			out.add(SAFE, "ALTER INDEX", String.valueOf(index))
				.table(index)
				.lock(SHARE_UPDATE_EXCLUSIVE)
				.reason("Only index settings change; they apply from the next rebuild.");
		}
		else {
			out.add(NOT_ANALYSED, "ALTER INDEX", String.valueOf(index))
				.reason("FORGE does not know this ALTER INDEX action.");
		}
	}

	private static void type(TokenCursor cursor, FindingCollector out) {
		ObjectName type = cursor.objectName();
		String target = String.valueOf(type);
		if (cursor.accept("ADD", "VALUE")) {
			cursor.accept("IF", "NOT", "EXISTS");
			String value = cursor.nextText();
			boolean placed = cursor.peekIs("BEFORE") || cursor.peekIs("AFTER");
			out.add(SAFE, "ADD VALUE", target + " " + value)
				.reason("A new enum value changes no existing row; old code only sees it once new code writes it."
						+ (placed ? "" : " It sorts after every existing value."));
		}
		else if (cursor.accept("RENAME", "VALUE")) {
			String from = cursor.nextText();
			cursor.accept("TO");
			String to = cursor.nextText();
			out.add(BREAKING, "RENAME VALUE", target + " " + from + " \u2192 " + to)
				.reason("Old code still reads and writes the old value, and fails.")
				.instead("Add the new value, make code accept both, backfill, then stop using the old value.");
		}
		else if (cursor.accept("RENAME", "TO")) {
			out.add(BREAKING, "RENAME TYPE", target + " \u2192 " + cursor.identifier())
				.reason("Old code that casts to the old type name fails.")
				.instead("Keep the type's name.");
		}
		else if (cursor.accept("RENAME", "ATTRIBUTE")) {
			out.add(BREAKING, "RENAME ATTRIBUTE", target + "." + cursor.identifier())
				.reason("Old code that uses the old attribute name fails.");
		}
		else if (cursor.peekIs("OWNER", "TO")) {
			out.add(SAFE, "ALTER TYPE OWNER", target).reason("Only the owner changes.");
		}
		else if (cursor.peekIs("SET", "SCHEMA")) {
			out.add(BREAKING, "ALTER TYPE SET SCHEMA", target)
				.reason("Old code that finds the type through its search path no longer finds it.");
		}
		else {
			out.add(NOT_ANALYSED, "ALTER TYPE", target).reason("FORGE does not know this ALTER TYPE action.");
		}
	}

	private static void domain(TokenCursor cursor, FindingCollector out) {
		ObjectName domain = cursor.objectName();
		String target = String.valueOf(domain);
		boolean notValid = cursor.restHasTopLevel("VALID") && cursor.restHasTopLevel("NOT");
		if (cursor.accept("ADD")) {
			out.add(notValid ? SAFE : LONG_LOCK, "ALTER DOMAIN ADD CONSTRAINT", target)
				.impact(notValid ? TableImpact.NONE : TableImpact.SCAN)
				.reason(notValid ? "NOT VALID skips checking existing values."
						: "Every column of this domain, in every table, is checked under a lock that blocks writes.")
				.instead(notValid ? null : "ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT in a later"
						+ " migration.");
		}
		else if (cursor.accept("VALIDATE", "CONSTRAINT")) {
			out.add(LONG_LOCK, "ALTER DOMAIN VALIDATE CONSTRAINT", target)
				.lock(SHARE)
				.impact(TableImpact.SCAN)
				.reason("Every table with a column of this domain is scanned under a SHARE lock: writes to those"
						+ " tables wait until the check is done (unlike VALIDATE CONSTRAINT on a table).")
				.instead("Run it when the tables are quiet, or check a table-level CHECK constraint (NOT VALID, then"
						+ " VALIDATE) on each column instead of the domain's.");
		}
		else if (cursor.accept("SET", "NOT", "NULL")) {
			out.add(LONG_LOCK, "ALTER DOMAIN SET NOT NULL", target)
				.impact(TableImpact.SCAN)
				.reason("Every column of this domain is scanned for NULLs.");
		}
		else if (cursor.peekIs("SET", "DEFAULT") || cursor.peekIs("DROP", "DEFAULT") || cursor.peekIs("DROP", "NOT")
				|| cursor.peekIs("DROP", "CONSTRAINT") || cursor.peekIs("OWNER")) {
			out.add(SAFE, "ALTER DOMAIN", target).reason("Existing values are not checked again.");
		}
		else {
			out.add(NOT_ANALYSED, "ALTER DOMAIN", target).reason("FORGE does not know this ALTER DOMAIN action.");
		}
	}

	private static void renamable(String kind, TokenCursor cursor, FindingCollector out) {
		cursor.accept("VIEW");
		cursor.accept("IF", "EXISTS");
		String what = kind.equals("MATERIALIZED") ? "MATERIALIZED VIEW" : kind;
		ObjectName name = cursor.objectName();
		cursor.parenthesized();
		if (cursor.peekIs("RENAME") || cursor.peekIs("SET", "SCHEMA")) {
			out.add(BREAKING, "RENAME " + what, String.valueOf(name))
				.reason("Old code that uses the old name fails.")
				.instead("Create the new " + what.toLowerCase(Locale.ROOT) + " next to the old one, move"
						+ " code over, then drop the old one.");
		}
		else if (cursor.peekIs("OWNER") || cursor.peekIs("SET") || cursor.peekIs("RESET")) {
			out.add(SAFE, "ALTER " + what, String.valueOf(name)).reason("Only settings of the object change.");
		}
		else {
			out.add(NOT_ANALYSED, "ALTER " + what, String.valueOf(name))
				.reason("FORGE does not know this ALTER " + what + " action.");
		}
	}

}
