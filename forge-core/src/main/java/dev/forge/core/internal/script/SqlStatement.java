package dev.forge.core.internal.script;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One statement of a script, as written.
 */
public final class SqlStatement {

	private final String text;

	private final List<Token> tokens;

	private final int line;

	private @Nullable List<Token> significant;

	/**
	 * Creates a statement.
	 * @param text the exact source slice: leading whitespace and comments, the statement and
	 * its terminating semicolon (if any)
	 * @param tokens the tokens of {@code text}
	 * @param line the 1-based line of the first significant token, or of the slice's start
	 * when it has none
	 */
	public SqlStatement(String text, List<Token> tokens, int line) {
		this.text = text;
		this.tokens = List.copyOf(tokens);
		this.line = line;
	}

	/**
	 * Returns the exact source slice, so that the texts of all statements of a script join
	 * to the script.
	 * @return the source slice
	 */
	public String text() {
		return this.text;
	}

	/**
	 * Returns the SQL to execute: from the first to the last significant token, without the
	 * terminating semicolon. Comments between tokens are kept.
	 * @return the SQL, empty for a statement made only of whitespace and comments
	 */
	public String sql() {
		List<Token> significant = significantTokens();
		if (significant.isEmpty()) {
			return "";
		}
		int base = this.tokens.get(0).offset();
		Token first = significant.get(0);
		Token last = significant.get(significant.size() - 1);
		return this.text.substring(first.offset() - base, last.offset() + last.text().length() - base);
	}

	/**
	 * Returns the 1-based line where the statement starts.
	 * @return the line
	 */
	public int line() {
		return this.line;
	}

	/**
	 * Returns all tokens of {@link #text()}.
	 * @return the tokens
	 */
	public List<Token> tokens() {
		return this.tokens;
	}

	/**
	 * Returns the tokens that are neither whitespace, comments nor the terminating semicolon.
	 * @return the significant tokens
	 */
	public List<Token> significantTokens() {
		List<Token> significant = this.significant;
		if (significant == null) {
			significant = this.tokens.stream().filter((token) -> !token.isTrivia()).toList();
			if (!significant.isEmpty() && significant.get(significant.size() - 1).type() == TokenType.SEMICOLON) {
				significant = significant.subList(0, significant.size() - 1);
			}
			this.significant = significant;
		}
		return significant;
	}

	/**
	 * Returns whether this slice holds only whitespace, comments or a lone semicolon.
	 * @return {@code true} if there is nothing to execute
	 */
	public boolean isEmpty() {
		return significantTokens().isEmpty();
	}

	/**
	 * Returns whether PostgreSQL can run this statement inside a transaction block.
	 * {@code CREATE INDEX CONCURRENTLY}, {@code VACUUM} and the like cannot.
	 * @return {@code false} for statements that must run in autocommit mode
	 */
	public boolean canRunInTransaction() {
		return TransactionRules.canRunInTransaction(significantTokens());
	}

	/**
	 * Returns whether this statement waits for older transactions of other sessions, as
	 * {@code CREATE INDEX CONCURRENTLY}, {@code DROP INDEX CONCURRENTLY} and
	 * {@code REINDEX CONCURRENTLY} do. The wait holds no lock that blocks others, so a short
	 * {@code lock_timeout} would only cancel it.
	 * @return {@code true} for such statements
	 */
	public boolean waitsForOlderTransactions() {
		return TransactionRules.waitsForOlderTransactions(significantTokens());
	}

	/**
	 * Returns whether this statement opens or ends a transaction block.
	 * @return what it does to the session's transaction
	 */
	public TransactionControl transactionControl() {
		return TransactionRules.transactionControl(significantTokens());
	}

	@Override
	public String toString() {
		return "line " + this.line + ": " + this.text.strip();
	}

}
