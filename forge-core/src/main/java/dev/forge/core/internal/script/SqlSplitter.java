package dev.forge.core.internal.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at top-level semicolons: not inside quotes, comments,
 * dollar-quoted bodies, parentheses (as in {@code CREATE RULE ... DO (...; ...)}) or
 * SQL-standard {@code BEGIN ATOMIC ... END} function bodies.
 * <p>
 * The script is read token by token and only the statements' texts are kept, so splitting
 * costs the size of the statements, not of their tokens.
 */
public final class SqlSplitter {

	private SqlSplitter() {
	}

	/**
	 * Splits a script whose first line is line 1.
	 * @param script the script
	 * @return the statements; joined, their {@link SqlStatement#text() texts} are the script
	 * @throws SqlSyntaxException for an unterminated quote, identifier or comment
	 */
	public static List<SqlStatement> split(String script) {
		return split(script, 1);
	}

	/**
	 * Splits a script that starts on the given line of a larger file, so that line numbers
	 * refer to that file.
	 * @param script the script
	 * @param firstLine the 1-based line of the file on which the script starts
	 * @return the statements; joined, their {@link SqlStatement#text() texts} are the script
	 * @throws SqlSyntaxException for an unterminated quote, identifier or comment
	 */
	public static List<SqlStatement> split(String script, int firstLine) {
		return split(script, 0, script.length(), firstLine);
	}

	/**
	 * Splits part of a file without copying it, so that line numbers refer to the file.
	 * @param text the file
	 * @param from where the part starts, at the start of a token
	 * @param to where it ends
	 * @param firstLine the 1-based line of the file at {@code from}
	 * @return the statements; joined, their {@link SqlStatement#text() texts} are the part
	 * @throws SqlSyntaxException for an unterminated quote, identifier or comment
	 */
	public static List<SqlStatement> split(String text, int from, int to, int firstLine) {
		Statements statements = new Statements(text, from);
		SqlLexer.scan(text, from, to, firstLine, statements);
		return statements.finish();
	}

	/** Gathers statements from the tokens of a scan. */
	private static final class Statements implements SqlLexer.TokenSink {

		private final String text;

		private final List<SqlStatement> statements = new ArrayList<>();

		private BlockTracker blocks = new BlockTracker();

		private int start;

		private int end;

		private int firstLine = -1;

		/** Where the first significant token starts, and its line; -1 before it. */
		private int sqlStart = -1;

		private int sqlLine;

		/** Where the last significant token ends, and the one before it. */
		private int lastEnd;

		private int beforeLastEnd = -1;

		private boolean lastIsSemicolon;

		Statements(String text, int from) {
			this.text = text;
			this.start = from;
			this.end = from;
		}

		@Override
		public void accept(TokenType type, int start, int end, int line) {
			if (this.firstLine < 0) {
				this.firstLine = line;
			}
			this.end = end;
			if (type == TokenType.WHITESPACE || type == TokenType.LINE_COMMENT || type == TokenType.BLOCK_COMMENT) {
				return;
			}
			this.blocks.accept(this.text, type, start, end);
			boolean semicolon = type == TokenType.SEMICOLON;
			if (semicolon && this.blocks.atTopLevel()) {
				add(this.lastEnd);
				return;
			}
			if (this.sqlStart < 0) {
				this.sqlStart = start;
				this.sqlLine = line;
			}
			this.beforeLastEnd = (this.sqlStart < start) ? this.lastEnd : -1;
			this.lastEnd = end;
			this.lastIsSemicolon = semicolon;
		}

		/**
		 * Ends the current statement: its SQL runs from its first significant token to the
		 * given offset.
		 */
		private void add(int sqlEnd) {
			if (this.sqlStart < 0 || sqlEnd <= this.sqlStart) {
				this.statements.add(new SqlStatement(this.text.substring(this.start, this.end), "", "", this.end,
						this.firstLine));
			}
			else {
				this.statements.add(new SqlStatement(trivia(this.start, this.sqlStart),
						this.text.substring(this.sqlStart, sqlEnd), trivia(sqlEnd, this.end), this.sqlStart,
						this.sqlLine));
			}
			this.start = this.end;
			this.firstLine = -1;
			this.sqlStart = -1;
			this.beforeLastEnd = -1;
			this.lastIsSemicolon = false;
			this.blocks = new BlockTracker();
		}

		/** The short texts around statements, shared rather than copied for each one. */
		private String trivia(int from, int to) {
			int length = to - from;
			if (length == 0) {
				return "";
			}
			if (length == 1) {
				char c = this.text.charAt(from);
				return switch (c) {
					case ';' -> ";";
					case '\n' -> "\n";
					case ' ' -> " ";
					default -> this.text.substring(from, to);
				};
			}
			if (length == 2 && this.text.startsWith("\n\n", from)) {
				return "\n\n";
			}
			return this.text.substring(from, to);
		}

		List<SqlStatement> finish() {
			if (this.end > this.start) {
				// a script that ends inside parentheses: its last semicolon is left out, as a terminating one is
				add(this.lastIsSemicolon ? this.beforeLastEnd : this.lastEnd);
			}
			return this.statements;
		}

	}

	/**
	 * Follows nesting that hides semicolons: parentheses and {@code BEGIN ATOMIC} bodies,
	 * where {@code CASE ... END} nests as well.
	 */
	private static final class BlockTracker {

		private int parentheses;

		private int atomicDepth;

		private boolean previousWordIsBegin;

		void accept(String text, TokenType type, int start, int end) {
			if (type == TokenType.OTHER && end - start == 1) {
				char c = text.charAt(start);
				if (c == '(') {
					this.parentheses++;
				}
				else if (c == ')' && this.parentheses > 0) {
					this.parentheses--;
				}
			}
			if (type == TokenType.WORD) {
				if (is(text, start, end, "ATOMIC") && this.previousWordIsBegin) {
					this.atomicDepth++;
				}
				else if (this.atomicDepth > 0 && is(text, start, end, "CASE")) {
					this.atomicDepth++;
				}
				else if (this.atomicDepth > 0 && is(text, start, end, "END")) {
					this.atomicDepth--;
				}
				this.previousWordIsBegin = is(text, start, end, "BEGIN");
			}
			else {
				this.previousWordIsBegin = false;
			}
		}

		private static boolean is(String text, int start, int end, String keyword) {
			return end - start == keyword.length() && text.regionMatches(true, start, keyword, 0, keyword.length());
		}

		boolean atTopLevel() {
			return this.parentheses == 0 && this.atomicDepth == 0;
		}

	}

}
