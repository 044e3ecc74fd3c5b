package dev.forge.core.internal.safety;

import java.util.List;
import java.util.Locale;

import dev.forge.core.LockLevel;
import dev.forge.core.SafetyClass;
import dev.forge.core.TableImpact;
import dev.forge.core.internal.script.Token;
import org.jspecify.annotations.Nullable;

import static dev.forge.core.LockLevel.ACCESS_EXCLUSIVE;
import static dev.forge.core.LockLevel.SHARE_ROW_EXCLUSIVE;
import static dev.forge.core.SafetyClass.LONG_LOCK;
import static dev.forge.core.SafetyClass.SAFE;

/**
 * {@code ALTER TABLE ... ADD [CONSTRAINT name] CHECK | UNIQUE | PRIMARY KEY | FOREIGN KEY |
 * EXCLUDE ... [NOT VALID]}.
 */
final class ConstraintRules {

	private static final String VALIDATE_LATER = " NOT VALID, then VALIDATE CONSTRAINT in a later migration"
			+ " (it scans under SHARE UPDATE EXCLUSIVE, which lets reads and writes go on).";

	private ConstraintRules() {
	}

	static void addTableConstraint(TokenCursor cursor, ObjectName table, AnalysisContext context,
			FindingCollector out) {
		String name = cursor.accept("CONSTRAINT") ? cursor.identifier() : null;
		String kind = cursor.peekWord();
		List<Token> rest = cursor.rest();
		boolean notValid = containsSequence(rest, "NOT", "VALID");
		String target = (name != null) ? table + "." + name : table.toString();
		switch (kind) {
			case "CHECK" -> {
				if (notValid) {
					notValid(out, "ADD CHECK", target, table, ACCESS_EXCLUSIVE);
					remember(context, name, ACCESS_EXCLUSIVE);
				}
				else {
					out.add(LONG_LOCK, "ADD CHECK", target)
						.table(table)
						.lock(ACCESS_EXCLUSIVE)
						.impact(TableImpact.SCAN)
						.reason("Every row is checked while the table is locked ACCESS EXCLUSIVE.")
						.instead("ADD CONSTRAINT ... CHECK (...)" + VALIDATE_LATER);
				}
			}
			case "FOREIGN" -> {
				ObjectName referenced = referencedTable(cursor);
				String fkTarget = target + ((referenced != null) ? " \u2192 " + referenced : "");
				if (notValid) {
					notValid(out, "ADD FOREIGN KEY", fkTarget, table, SHARE_ROW_EXCLUSIVE);
					remember(context, name, SHARE_ROW_EXCLUSIVE);
				}
				else {
					out.add(LONG_LOCK, "ADD FOREIGN KEY", fkTarget)
						.table(table)
						.lock(SHARE_ROW_EXCLUSIVE)
						.impact(TableImpact.SCAN)
						.reason("Every row is checked against the referenced table while both are locked SHARE ROW"
								+ " EXCLUSIVE: writes to both wait.")
						.instead("ADD CONSTRAINT ... FOREIGN KEY ..." + VALIDATE_LATER);
				}
			}
			case "UNIQUE", "PRIMARY" -> uniqueOrPrimaryKey(out, table, target, kind, rest);
			case "EXCLUDE" -> out.add(LONG_LOCK, "ADD EXCLUDE", target)
				.table(table)
				.lock(ACCESS_EXCLUSIVE)
				.impact(TableImpact.SCAN)
				.reason("The exclusion index is built while the table is locked ACCESS EXCLUSIVE; exclusion"
						+ " constraints cannot be added NOT VALID.");
			default -> out.add(SafetyClass.NOT_ANALYSED, "ADD CONSTRAINT", target)
				.table(table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("FORGE does not know this kind of constraint.");
		}
	}

	private static void uniqueOrPrimaryKey(FindingCollector out, ObjectName table, String target, String kind,
			List<Token> rest) {
		String operation = kind.equals("UNIQUE") ? "ADD UNIQUE" : "ADD PRIMARY KEY";
		boolean usingIndex = containsSequence(rest, "USING", "INDEX") && !containsSequence(rest, "INDEX", "TABLESPACE");
		if (usingIndex) {
			out.add(SAFE, operation, target)
				.table(table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("The constraint takes over an index that already exists"
						+ (kind.equals("PRIMARY") ? " (its columns must already be NOT NULL, or they are scanned)."
								: "."));
			return;
		}
		out.add(LONG_LOCK, operation, target)
			.table(table)
			.lock(ACCESS_EXCLUSIVE)
			.impact(TableImpact.SCAN)
			.reason("The " + operation.substring(4).toLowerCase(Locale.ROOT) + " index is built while the table is"
					+ " locked ACCESS EXCLUSIVE: every query waits.")
			.instead("CREATE UNIQUE INDEX CONCURRENTLY in a no-transaction migration, then ADD CONSTRAINT ... "
					+ operation.substring(4) + " USING INDEX.");
	}

	private static void notValid(FindingCollector out, String operation, String target, ObjectName table,
			LockLevel lock) {
		out.add(SAFE, operation, target)
			.table(table)
			.lock(lock)
			.reason("NOT VALID skips checking existing rows; only new writes are checked.");
	}

	private static void remember(AnalysisContext context, @Nullable String name,
			LockLevel lock) {
		if (name != null) {
			context.addedNotValid(name, lock);
		}
	}

	private static @Nullable ObjectName referencedTable(TokenCursor cursor) {
		while (!cursor.atEnd()) {
			if (cursor.accept("REFERENCES")) {
				return cursor.objectName();
			}
			cursor.next();
		}
		return null;
	}

	private static boolean containsSequence(List<Token> tokens, String first, String second) {
		for (int i = 0; i + 1 < tokens.size(); i++) {
			if (tokens.get(i).is(first) && tokens.get(i + 1).is(second)) {
				return true;
			}
		}
		return false;
	}

}
