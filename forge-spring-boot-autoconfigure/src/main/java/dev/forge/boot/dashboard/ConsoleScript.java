package dev.forge.boot.dashboard;

import java.util.List;

import dev.forge.core.SqlStatementWords;
import org.jspecify.annotations.Nullable;

/**
 * Reads the SQL typed into the console as FORGE splits migration files into statements
 * ({@link SqlStatementWords}), so that the console can refuse what it must not run before
 * anything runs.
 */
final class ConsoleScript {

	private ConsoleScript() {
	}

	/**
	 * Checks every statement of a script.
	 * @param sql the script
	 * @return why the script is refused, or {@code null} if it may run
	 */
	static @Nullable String refusal(String sql) {
		List<List<String>> statements;
		try {
			statements = statements(sql);
		}
		catch (IllegalArgumentException ex) {
			String reason = ex.getMessage();
			return reason.endsWith(".") ? reason : reason + ".";
		}
		for (List<String> words : statements) {
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
	 * @throws IllegalArgumentException for a script that cannot be split
	 */
	static List<List<String>> statements(String sql) {
		return SqlStatementWords.of(sql);
	}

}
