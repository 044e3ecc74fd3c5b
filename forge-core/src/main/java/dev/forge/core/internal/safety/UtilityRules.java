package dev.forge.core.internal.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.forge.core.LockLevel;
import dev.forge.core.TableImpact;
import dev.forge.core.internal.script.Token;
import org.jspecify.annotations.Nullable;

import static dev.forge.core.LockLevel.ACCESS_EXCLUSIVE;
import static dev.forge.core.LockLevel.EXCLUSIVE;
import static dev.forge.core.LockLevel.SHARE;
import static dev.forge.core.LockLevel.SHARE_UPDATE_EXCLUSIVE;
import static dev.forge.core.SafetyClass.LONG_LOCK;
import static dev.forge.core.SafetyClass.NOT_ANALYSED;
import static dev.forge.core.SafetyClass.SAFE;

/**
 * Settings, explicit locks, maintenance commands and code FORGE cannot see into.
 */
final class UtilityRules {

	private static final String REPACK = "Use pg_repack (or REPACK CONCURRENTLY where available) instead of"
			+ " locking the table for the whole copy.";

	private UtilityRules() {
	}

	static void set(TokenCursor cursor, AnalysisContext context, FindingCollector out) {
		cursor.accept("SESSION");
		boolean local = cursor.accept("LOCAL");
		String name = String.valueOf(cursor.identifier());
		if (name.equals("time") && cursor.accept("ZONE")) {
			name = "timezone";
		}
		List<String> value = new ArrayList<>();
		cursor.accept("TO");
		cursor.acceptSymbol("=");
		for (Token token : cursor.rest()) {
			value.add(token.text());
		}
		context.setting(name, settingValue(value), local);
		out.add(SAFE, "SET " + name, String.join(" ", value)).reason(name.equals("lock_timeout")
				? "Bounds how long the following statements wait for a lock." : "A session setting.");
	}

	static void reset(TokenCursor cursor, AnalysisContext context, FindingCollector out) {
		String name = String.valueOf(cursor.identifier());
		context.setting(name.equals("time") ? "timezone" : name, null, false);
		harmless("RESET", "A session setting.", out);
	}

	/** The value of {@code SET name = 'value'} without its quotes; {@code null} for {@code DEFAULT} and lists. */
	private static @Nullable String settingValue(List<String> words) {
		if (words.size() != 1 || words.get(0).equalsIgnoreCase("DEFAULT") || words.get(0).equalsIgnoreCase("LOCAL")) {
			return null;
		}
		String value = words.get(0);
		return (value.length() >= 2 && value.startsWith("'") && value.endsWith("'"))
				? value.substring(1, value.length() - 1).replace("''", "'") : value;
	}

	static void lock(TokenCursor cursor, FindingCollector out) {
		cursor.accept("TABLE");
		cursor.accept("ONLY");
		List<Token> rest = cursor.rest();
		StringBuilder mode = new StringBuilder();
		boolean inMode = false;
		for (Token token : rest) {
			if (token.is("IN")) {
				inMode = true;
			}
			else if (token.is("MODE")) {
				inMode = false;
			}
			else if (inMode) {
				mode.append(token.text()).append(' ');
			}
		}
		LockLevel level = LockLevel.ofSqlName(mode.toString()).orElse(ACCESS_EXCLUSIVE);
		for (List<Token> part : cursor.splitRestAtCommas()) {
			ObjectName table = new TokenCursor(part).objectName();
			if (table == null) {
				continue;
			}
			boolean blocks = level.blocksWrites();
			out.add(blocks ? LONG_LOCK : SAFE, "LOCK TABLE", table.toString())
				.table(table)
				.lock(level)
				.reason("The " + level.sqlName() + " lock is held until the migration commits"
						+ (blocks ? (level.blocksReads() ? "; every query on the table waits." : "; writes wait.")
								: "."))
				.instead(blocks ? "Lock only what the statements need, for as short a time as possible." : null);
		}
	}

	static void vacuum(TokenCursor cursor, FindingCollector out) {
		boolean full = cursor.peekIs("FULL") || cursor.rest().stream().limit(6).anyMatch((token) -> token.is("FULL"));
		if (full) {
			out.add(LONG_LOCK, "VACUUM FULL", "")
				.lock(ACCESS_EXCLUSIVE)
				.impact(TableImpact.REWRITE)
				.reason("The table is copied under ACCESS EXCLUSIVE: every query on it waits.")
				.instead(REPACK);
			return;
		}
		out.add(SAFE, "VACUUM", "").lock(SHARE_UPDATE_EXCLUSIVE).reason("Reads and writes go on.");
	}

	static void cluster(FindingCollector out) {
		out.add(LONG_LOCK, "CLUSTER", "")
			.lock(ACCESS_EXCLUSIVE)
			.impact(TableImpact.REWRITE)
			.reason("The table is rewritten in index order under ACCESS EXCLUSIVE: every query on it waits.")
			.instead(REPACK);
	}

	/** {@code REINDEX [(options)] INDEX|TABLE|SCHEMA|DATABASE|SYSTEM [CONCURRENTLY] name}. */
	static void reindex(TokenCursor cursor, FindingCollector out) {
		cursor.parenthesized();
		String kind = cursor.peekWord();
		cursor.next();
		boolean concurrently = cursor.accept("CONCURRENTLY");
		ObjectName name = cursor.objectName();
		String target = kind.equals("INDEX") || kind.equals("TABLE") ? String.valueOf(name)
				: kind.toLowerCase(Locale.ROOT) + ((name != null) ? " " + name : "");
		ObjectName table = (kind.equals("INDEX") || kind.equals("TABLE")) ? name : null;
		if (concurrently) {
			out.add(SAFE, "REINDEX CONCURRENTLY", target)
				.table(table)
				.lock(SHARE_UPDATE_EXCLUSIVE)
				.impact(TableImpact.SCAN)
				.reason("Indexes are rebuilt while reads and writes go on.");
			return;
		}
		out.add(LONG_LOCK, "REINDEX", target)
			.table(table)
			.lock(SHARE)
			.impact(TableImpact.SCAN)
			.reason("Writes wait for the rebuild, and reads that use the index wait on its ACCESS EXCLUSIVE lock.")
			.instead("REINDEX ... CONCURRENTLY (PostgreSQL 12+), in a no-transaction migration.");
	}

	static void refresh(TokenCursor cursor, FindingCollector out) {
		cursor.accept("MATERIALIZED", "VIEW");
		boolean concurrently = cursor.accept("CONCURRENTLY");
		ObjectName view = cursor.objectName();
		if (concurrently) {
			out.add(SAFE, "REFRESH MATERIALIZED VIEW CONCURRENTLY", String.valueOf(view))
				.table(view)
				.lock(EXCLUSIVE)
				.reason("Reads of the view go on while it is refreshed.");
			return;
		}
		out.add(LONG_LOCK, "REFRESH MATERIALIZED VIEW", String.valueOf(view))
			.table(view)
			.lock(ACCESS_EXCLUSIVE)
			.impact(TableImpact.REWRITE)
			.reason("Reads of the view wait until it is refreshed.")
			.instead("REFRESH MATERIALIZED VIEW CONCURRENTLY (needs a unique index on the view).");
	}

	static void comment(TokenCursor cursor, FindingCollector out) {
		out.add(SAFE, "COMMENT", "").lock(SHARE_UPDATE_EXCLUSIVE).reason("Only a description changes.");
	}

	static void harmless(String operation, String reason, FindingCollector out) {
		out.add(SAFE, operation, "").reason(reason);
	}

	static void transactionControl(String word, FindingCollector out) {
		out.add(NOT_ANALYSED, word.toUpperCase(Locale.ROOT), "")
			.reason("FORGE runs each migration in its own transaction (or statement by statement); transaction"
					+ " control inside a file breaks that.")
			.instead("Remove it, and use -- forge:no-transaction for files that must not run in a transaction.");
	}

	static void code(String word, FindingCollector out) {
		out.add(NOT_ANALYSED, word.toUpperCase(Locale.ROOT), "")
			.reason("FORGE does not analyse code run by " + word.toUpperCase(Locale.ROOT)
					+ "; review what it does by hand.");
	}

}
