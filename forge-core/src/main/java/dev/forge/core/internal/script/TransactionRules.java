package dev.forge.core.internal.script;

import java.util.List;
import java.util.Locale;

/**
 * Knows which statements PostgreSQL refuses to run inside a transaction block.
 */
final class TransactionRules {

	private TransactionRules() {
	}

	/**
	 * Returns what a statement does to the session's transaction: opens one ({@code BEGIN},
	 * {@code START TRANSACTION}), ends one ({@code COMMIT}, {@code END}, {@code ROLLBACK},
	 * {@code ABORT}) or neither (savepoints, prepared transactions and everything else).
	 */
	static TransactionControl transactionControl(List<Token> significant) {
		List<String> words = words(significant);
		String first = word(words, 0);
		String second = word(words, 1);
		return switch (first) {
			case "BEGIN" -> TransactionControl.OPENS;
			case "START" -> second.equals("TRANSACTION") ? TransactionControl.OPENS : TransactionControl.NONE;
			case "COMMIT", "ROLLBACK" -> (second.equals("PREPARED") || second.equals("TO")) ? TransactionControl.NONE
					: TransactionControl.ENDS;
			case "END", "ABORT" -> TransactionControl.ENDS;
			default -> TransactionControl.NONE;
		};
	}

	static boolean canRunInTransaction(List<Token> significant) {
		List<String> words = words(significant);
		if (words.isEmpty()) {
			return true;
		}
		String first = words.get(0);
		String second = word(words, 1);
		switch (first) {
			case "VACUUM":
				return false;
			case "CREATE":
				return !(isIndexConcurrently(words, 1) || second.equals("DATABASE") || second.equals("TABLESPACE")
						|| second.equals("SUBSCRIPTION"));
			case "DROP":
				return !(isIndexConcurrently(words, 1) || second.equals("DATABASE") || second.equals("TABLESPACE")
						|| second.equals("SUBSCRIPTION"));
			case "REINDEX":
				return !(second.equals("SCHEMA") || second.equals("DATABASE") || second.equals("SYSTEM")
						|| containsWord(significant, "CONCURRENTLY"));
			case "ALTER":
				return !(second.equals("SYSTEM") || (second.equals("TABLE") && containsWord(significant, "DETACH")
						&& containsWord(significant, "CONCURRENTLY")) || isMoveDatabase(words)
						|| isSubscriptionRefresh(words));
			case "DISCARD":
				return !second.equals("ALL");
			case "CLUSTER":
				return namesTable(significant);
			case "COMMIT", "ROLLBACK":
				return !second.equals("PREPARED");
			default:
				return true;
		}
	}

	/**
	 * Whether a statement waits for older transactions that touched its table (or, for
	 * {@code CREATE INDEX}, any older snapshot) before it completes:
	 * {@code CREATE|DROP [UNIQUE] INDEX CONCURRENTLY}, {@code REINDEX ... CONCURRENTLY} and
	 * {@code ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY}.
	 */
	static boolean waitsForOlderTransactions(List<Token> significant) {
		List<String> words = words(significant);
		return switch (word(words, 0)) {
			case "CREATE", "DROP" -> isIndexConcurrently(words, 1);
			case "REINDEX" -> containsWord(significant, "CONCURRENTLY");
			case "ALTER" -> word(words, 1).equals("TABLE") && containsWord(significant, "DETACH")
					&& containsWord(significant, "CONCURRENTLY");
			default -> false;
		};
	}

	/** {@code INDEX CONCURRENTLY} or {@code UNIQUE INDEX CONCURRENTLY} starting at {@code from}. */
	private static boolean isIndexConcurrently(List<String> words, int from) {
		int index = word(words, from).equals("UNIQUE") ? from + 1 : from;
		return word(words, index).equals("INDEX") && word(words, index + 1).equals("CONCURRENTLY");
	}

	/** {@code ALTER DATABASE name SET TABLESPACE ...}. */
	private static boolean isMoveDatabase(List<String> words) {
		return word(words, 1).equals("DATABASE") && word(words, 3).equals("SET")
				&& word(words, 4).equals("TABLESPACE");
	}

	/**
	 * {@code ALTER SUBSCRIPTION name REFRESH|SET|ADD|DROP PUBLICATION ...}, which refreshes
	 * unless {@code refresh = false} is given; treated as refreshing either way.
	 */
	private static boolean isSubscriptionRefresh(List<String> words) {
		return word(words, 1).equals("SUBSCRIPTION") && word(words, 4).equals("PUBLICATION")
				&& List.of("REFRESH", "SET", "ADD", "DROP").contains(word(words, 3));
	}

	/** Whether {@code CLUSTER} names a table: without one it clusters the whole database. */
	private static boolean namesTable(List<Token> significant) {
		int depth = 0;
		for (Token token : significant.subList(1, significant.size())) {
			if (token.text().equals("(")) {
				depth++;
			}
			else if (token.text().equals(")")) {
				depth--;
			}
			else if (depth == 0 && !token.is("VERBOSE")) {
				return true;
			}
		}
		return false;
	}

	private static boolean containsWord(List<Token> tokens, String word) {
		return tokens.stream().anyMatch((token) -> token.is(word));
	}

	private static List<String> words(List<Token> significant) {
		return significant.stream()
			.limit(8)
			.map((token) -> (token.type() == TokenType.WORD) ? token.text().toUpperCase(Locale.ROOT) : "")
			.toList();
	}

	private static String word(List<String> words, int index) {
		return (index < words.size()) ? words.get(index) : "";
	}

}
