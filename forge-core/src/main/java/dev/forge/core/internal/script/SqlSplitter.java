package dev.forge.core.internal.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at top-level semicolons: not inside quotes, comments,
 * dollar-quoted bodies, parentheses (as in {@code CREATE RULE ... DO (...; ...)}) or
 * SQL-standard {@code BEGIN ATOMIC ... END} function bodies.
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
		List<Token> tokens;
		try {
			tokens = SqlLexer.tokenize(script);
		}
		catch (SqlSyntaxException ex) {
			int line = ex.line() + firstLine - 1;
			throw new SqlSyntaxException(ex.getMessage().replace("line " + ex.line(), "line " + line), line);
		}
		int shift = firstLine - 1;
		List<SqlStatement> statements = new ArrayList<>();
		List<Token> current = new ArrayList<>();
		BlockTracker blocks = new BlockTracker();
		for (Token token : tokens) {
			Token shifted = (shift == 0) ? token
					: new Token(token.type(), token.text(), token.offset(), token.line() + shift);
			current.add(shifted);
			blocks.accept(shifted);
			if (shifted.type() == TokenType.SEMICOLON && blocks.atTopLevel()) {
				statements.add(statement(script, current));
				current = new ArrayList<>();
				blocks = new BlockTracker();
			}
		}
		if (!current.isEmpty()) {
			statements.add(statement(script, current));
		}
		return statements;
	}

	private static SqlStatement statement(String script, List<Token> tokens) {
		Token first = tokens.get(0);
		Token last = tokens.get(tokens.size() - 1);
		String text = script.substring(first.offset(), last.offset() + last.text().length());
		int line = tokens.stream()
			.filter((token) -> !token.isTrivia() && token.type() != TokenType.SEMICOLON)
			.findFirst()
			.orElse(first)
			.line();
		return new SqlStatement(text, tokens, line);
	}

	/**
	 * Follows nesting that hides semicolons: parentheses and {@code BEGIN ATOMIC} bodies,
	 * where {@code CASE ... END} nests as well.
	 */
	private static final class BlockTracker {

		private int parentheses;

		private int atomicDepth;

		private Token previousWord;

		void accept(Token token) {
			if (token.isTrivia()) {
				return;
			}
			if (token.type() == TokenType.OTHER) {
				if (token.text().equals("(")) {
					this.parentheses++;
				}
				else if (token.text().equals(")") && this.parentheses > 0) {
					this.parentheses--;
				}
			}
			if (token.type() == TokenType.WORD) {
				if (token.is("ATOMIC") && this.previousWord != null && this.previousWord.is("BEGIN")) {
					this.atomicDepth++;
				}
				else if (this.atomicDepth > 0 && token.is("CASE")) {
					this.atomicDepth++;
				}
				else if (this.atomicDepth > 0 && token.is("END")) {
					this.atomicDepth--;
				}
				this.previousWord = token;
			}
			else {
				this.previousWord = null;
			}
		}

		boolean atTopLevel() {
			return this.parentheses == 0 && this.atomicDepth == 0;
		}

	}

}
