package dev.forge.core.script;

import java.util.List;
import java.util.Locale;

/**
 * Knows which statements PostgreSQL refuses to run inside a transaction block.
 */
final class TransactionRules {

	private TransactionRules() {
	}

	static boolean canRunInTransaction(List<Token> significant) {
		List<String> words = significant.stream()
			.limit(8)
			.map((token) -> (token.type() == TokenType.WORD) ? token.text().toUpperCase(Locale.ROOT) : "")
			.toList();
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
						&& containsWord(significant, "CONCURRENTLY")));
			case "DISCARD":
				return !second.equals("ALL");
			default:
				return true;
		}
	}

	/** {@code INDEX CONCURRENTLY} or {@code UNIQUE INDEX CONCURRENTLY} starting at {@code from}. */
	private static boolean isIndexConcurrently(List<String> words, int from) {
		int index = word(words, from).equals("UNIQUE") ? from + 1 : from;
		return word(words, index).equals("INDEX") && word(words, index + 1).equals("CONCURRENTLY");
	}

	private static boolean containsWord(List<Token> tokens, String word) {
		return tokens.stream().anyMatch((token) -> token.is(word));
	}

	private static String word(List<String> words, int index) {
		return (index < words.size()) ? words.get(index) : "";
	}

}
