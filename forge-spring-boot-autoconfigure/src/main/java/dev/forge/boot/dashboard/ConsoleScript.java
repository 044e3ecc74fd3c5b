package dev.forge.boot.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads the SQL typed into the console as PostgreSQL splits it into statements, so that
 * the console can refuse what it must not run before anything runs. Each statement is
 * given by its words (keywords and plain identifiers, in upper case); strings, quoted
 * identifiers, dollar-quoted bodies and comments are skipped, and the semicolons inside a
 * {@code BEGIN ATOMIC ... END} body do not end the statement.
 */
final class ConsoleScript {

	private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");

	private ConsoleScript() {
	}

	/**
	 * Checks every statement of a script.
	 * @param sql the script
	 * @return why the script is refused, or {@code null} if it may run
	 */
	static @Nullable String refusal(String sql) {
		for (List<String> words : statements(sql)) {
			String refusal = refusal(words);
			if (refusal != null) {
				return refusal;
			}
		}
		return null;
	}

	private static @Nullable String refusal(List<String> words) {
		String first = words.get(0);
		String second = (words.size() > 1) ? words.get(1) : "";
		String statement = (first + " " + second).strip();
		boolean savepoint = first.equals("ROLLBACK") && words.subList(1, Math.min(words.size(), 3)).contains("TO");
		boolean transactionControl = switch (first) {
			case "BEGIN", "START", "COMMIT", "END", "ABORT" -> true;
			case "ROLLBACK" -> !savepoint;
			case "PREPARE" -> second.equals("TRANSACTION");
			default -> false;
		};
		if (transactionControl) {
			return statement + " is refused: the console runs all statements in one transaction of its own, which"
					+ " it commits when every statement has succeeded and rolls back at the first error. Leave out"
					+ " BEGIN, COMMIT and ROLLBACK (savepoints are fine).";
		}
		if ((first.equals("SET") || first.equals("RESET")) && words.contains("STATEMENT_TIMEOUT")) {
			return statement + " statement_timeout is refused: the console keeps its limit of "
					+ SqlConsole.STATEMENT_TIMEOUT.toSeconds() + " s per call.";
		}
		boolean outlivesTheCall = switch (first) {
			case "SET" -> !(second.equals("LOCAL") || second.equals("TRANSACTION") || second.equals("CONSTRAINTS"));
			case "RESET", "DISCARD", "LISTEN" -> true;
			default -> false;
		};
		if (outlivesTheCall) {
			return statement + " is refused: it would outlive this call on a connection that the application uses."
					+ " Use SET LOCAL, which lasts until the console's transaction ends.";
		}
		return null;
	}

	/**
	 * Splits a script into statements.
	 * @param sql the script
	 * @return the words of each statement that has any
	 */
	static List<List<String>> statements(String sql) {
		List<List<String>> statements = new ArrayList<>();
		List<String> words = new ArrayList<>();
		int atomicDepth = 0;
		int length = sql.length();
		int i = 0;
		while (i < length) {
			char c = sql.charAt(i);
			if (c == '-' && sql.startsWith("--", i)) {
				int end = sql.indexOf('\n', i);
				i = (end < 0) ? length : end + 1;
			}
			else if (c == '/' && sql.startsWith("/*", i)) {
				i = endOfBlockComment(sql, i);
			}
			else if (c == '\'') {
				i = endOfString(sql, i, false);
			}
			else if (c == '"') {
				i = endOfQuotedIdentifier(sql, i);
				words.add("\"");
			}
			else if (c == '$') {
				Matcher tag = DOLLAR_TAG.matcher(sql).region(i, length);
				if (tag.lookingAt()) {
					int end = sql.indexOf(tag.group(), tag.end());
					i = (end < 0) ? length : end + tag.group().length();
				}
				else {
					i++;
				}
			}
			else if (c == ';') {
				i++;
				if (atomicDepth == 0 && !words.isEmpty()) {
					statements.add(words);
					words = new ArrayList<>();
				}
			}
			else if (Character.isLetter(c) || c == '_') {
				int start = i;
				while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
						|| sql.charAt(i) == '$')) {
					i++;
				}
				String word = sql.substring(start, i).toUpperCase(Locale.ROOT);
				if (word.equals("E") && i < length && sql.charAt(i) == '\'') {
					i = endOfString(sql, i, true);
					continue;
				}
				if (word.equals("ATOMIC") && !words.isEmpty() && words.get(words.size() - 1).equals("BEGIN")) {
					atomicDepth++;
				}
				else if (atomicDepth > 0 && word.equals("CASE")) {
					atomicDepth++;
				}
				else if (atomicDepth > 0 && word.equals("END")) {
					atomicDepth--;
				}
				words.add(word);
			}
			else {
				i++;
			}
		}
		if (!words.isEmpty()) {
			statements.add(words);
		}
		return statements;
	}

	private static int endOfBlockComment(String sql, int start) {
		int depth = 0;
		int i = start;
		while (i < sql.length()) {
			if (sql.startsWith("/*", i)) {
				depth++;
				i += 2;
			}
			else if (sql.startsWith("*/", i)) {
				depth--;
				i += 2;
				if (depth == 0) {
					return i;
				}
			}
			else {
				i++;
			}
		}
		return i;
	}

	private static int endOfString(String sql, int quote, boolean backslashEscapes) {
		int i = quote + 1;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (backslashEscapes && c == '\\') {
				i += 2;
			}
			else if (c == '\'') {
				if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
					i += 2;
				}
				else {
					return i + 1;
				}
			}
			else {
				i++;
			}
		}
		return sql.length();
	}

	private static int endOfQuotedIdentifier(String sql, int quote) {
		int i = quote + 1;
		while (i < sql.length()) {
			if (sql.charAt(i) == '"') {
				if (i + 1 < sql.length() && sql.charAt(i + 1) == '"') {
					i += 2;
				}
				else {
					return i + 1;
				}
			}
			else {
				i++;
			}
		}
		return sql.length();
	}

}
