package dev.forge.core.internal.script;

import java.util.List;

/**
 * One statement of a script, as written. Only its text is kept: its tokens are read again
 * from the text when they are asked for, so that a parsed file costs about its size, and
 * the tokens of its largest statement while that one is analysed.
 */
public final class SqlStatement {

	private static final byte UNKNOWN = 0;

	private static final byte CAN_RUN_IN_TRANSACTION = 1;

	private static final byte WAITS_FOR_OLDER_TRANSACTIONS = 2;

	private static final byte KNOWN = 4;

	private final String leading;

	private final String sql;

	private final String trailing;

	private final int offset;

	private final int line;

	private static final int CONTROL_SHIFT = 3;

	private static final TransactionControl[] CONTROLS = TransactionControl.values();

	// one field, so that a statement read on one thread answers the same on another
	private byte traits = UNKNOWN;

	/**
	 * Creates a statement.
	 * @param leading the whitespace and comments before the statement
	 * @param sql the statement, from its first to its last significant token, without the
	 * terminating semicolon
	 * @param trailing what follows up to the terminating semicolon, that included
	 * @param offset the offset of {@code sql} in its script, for {@link Token#offset()}
	 * @param line the 1-based line of the first significant token, or of the slice's start
	 * when it has none
	 */
	SqlStatement(String leading, String sql, String trailing, int offset, int line) {
		this.leading = leading;
		this.sql = sql;
		this.trailing = trailing;
		this.offset = offset;
		this.line = line;
	}

	/**
	 * Returns the exact source slice: leading whitespace and comments, the statement and its
	 * terminating semicolon (if any), so that the texts of all statements of a script join
	 * to the script.
	 * @return the source slice
	 */
	public String text() {
		return this.leading + this.sql + this.trailing;
	}

	/**
	 * Returns the SQL to execute: from the first to the last significant token, without the
	 * terminating semicolon. Comments between tokens are kept.
	 * @return the SQL, empty for a statement made only of whitespace and comments
	 */
	public String sql() {
		return this.sql;
	}

	/**
	 * Returns the 1-based line where the statement starts.
	 * @return the line
	 */
	public int line() {
		return this.line;
	}

	/**
	 * Returns all tokens of {@link #text()}, read again from the text.
	 * @return the tokens
	 */
	public List<Token> tokens() {
		String text = text();
		// an empty statement's line is that of its start
		int textLine = this.sql.isEmpty() ? this.line : this.line - lineBreaks(this.leading);
		int base = this.offset - this.leading.length();
		TokenList tokens = new TokenList(text, base);
		SqlLexer.scan(text, 0, text.length(), textLine, tokens::add);
		return tokens;
	}

	/**
	 * Returns the tokens that are neither whitespace, comments nor the terminating semicolon,
	 * read again from the text: a caller that keeps them keeps their memory.
	 * @return the significant tokens
	 */
	public List<Token> significantTokens() {
		TokenList tokens = new TokenList(this.sql, this.offset);
		if (!this.sql.isEmpty()) {
			SqlLexer.scan(this.sql, 0, this.sql.length(), this.line, (type, start, end, line) -> {
				if (type != TokenType.WHITESPACE && type != TokenType.LINE_COMMENT
						&& type != TokenType.BLOCK_COMMENT) {
					tokens.add(type, start, end, line);
				}
			});
		}
		return tokens;
	}

	/**
	 * Returns whether this slice holds only whitespace, comments or a lone semicolon.
	 * @return {@code true} if there is nothing to execute
	 */
	public boolean isEmpty() {
		return this.sql.isEmpty();
	}

	/**
	 * Returns whether PostgreSQL can run this statement inside a transaction block.
	 * {@code CREATE INDEX CONCURRENTLY}, {@code VACUUM} and the like cannot.
	 * @return {@code false} for statements that must run in autocommit mode
	 */
	public boolean canRunInTransaction() {
		return (traits() & CAN_RUN_IN_TRANSACTION) != 0;
	}

	/**
	 * Returns whether this statement waits for older transactions of other sessions, as
	 * {@code CREATE INDEX CONCURRENTLY}, {@code DROP INDEX CONCURRENTLY} and
	 * {@code REINDEX CONCURRENTLY} do. The wait holds no lock that blocks others, so a short
	 * {@code lock_timeout} would only cancel it.
	 * @return {@code true} for such statements
	 */
	public boolean waitsForOlderTransactions() {
		return (traits() & WAITS_FOR_OLDER_TRANSACTIONS) != 0;
	}

	/**
	 * Returns whether this statement opens or ends a transaction block.
	 * @return what it does to the session's transaction
	 */
	public TransactionControl transactionControl() {
		return CONTROLS[traits() >> CONTROL_SHIFT];
	}

	/** Reads the tokens once for the three questions that are asked of every statement. */
	private byte traits() {
		byte traits = this.traits;
		if (traits == UNKNOWN) {
			List<Token> significant = significantTokens();
			traits = KNOWN;
			if (TransactionRules.canRunInTransaction(significant)) {
				traits |= CAN_RUN_IN_TRANSACTION;
			}
			if (TransactionRules.waitsForOlderTransactions(significant)) {
				traits |= WAITS_FOR_OLDER_TRANSACTIONS;
			}
			traits |= (byte) (TransactionRules.transactionControl(significant).ordinal() << CONTROL_SHIFT);
			this.traits = traits;
		}
		return traits;
	}

	private static int lineBreaks(String text) {
		int breaks = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
				breaks++;
			}
		}
		return breaks;
	}

	@Override
	public String toString() {
		return "line " + this.line + ": " + text().strip();
	}

}
