package dev.forge.core.internal.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits PostgreSQL SQL into tokens without losing a character: the texts of the tokens,
 * joined, are the input.
 * <p>
 * Follows PostgreSQL's lexical rules with {@code standard_conforming_strings} on: a
 * backslash escapes only in {@code E'...'} strings; quotes double to escape; block comments
 * nest; {@code $tag$} quotes run to the same tag, while {@code $1} is a parameter and
 * {@code a$b} an identifier. A string continued on a later line ({@code 'a'} line break
 * {@code 'b'}) is one token, so an {@code E'...'} string keeps its backslash escapes there.
 * A script that turns the setting off is refused at its {@code SET}: from there on,
 * PostgreSQL would read statements differently from the way they were split.
 */
public final class SqlLexer {

	private static final int HEAD_SIZE = 5;

	private final String sql;

	private final List<Token> tokens = new ArrayList<>();

	private final boolean commentsOnly;

	/** The first significant tokens of the current statement, to spot a SET of the setting. */
	private final List<Token> statementHead = new ArrayList<>(HEAD_SIZE);

	private boolean significantSeen;

	private int position;

	private int line = 1;

	private SqlLexer(String sql, boolean commentsOnly) {
		this.sql = sql;
		this.commentsOnly = commentsOnly;
	}

	/**
	 * Tokenizes a script.
	 * @param sql the script
	 * @return every token, in order
	 * @throws SqlSyntaxException for an unterminated quote, identifier or comment, with the
	 * line where it opens
	 */
	public static List<Token> tokenize(String sql) {
		SqlLexer lexer = new SqlLexer(sql, false);
		lexer.run();
		return lexer.tokens;
	}

	/**
	 * Checks a script's lexical syntax like {@link #tokenize} but keeps only its comments
	 * and its first significant token: enough to find markers and directives, without the
	 * cost of a token for every word and space.
	 * @param sql the script
	 * @return the comment tokens and the first token that is neither comment nor whitespace,
	 * in order
	 * @throws SqlSyntaxException for an unterminated quote, identifier or comment, with the
	 * line where it opens
	 */
	public static List<Token> comments(String sql) {
		SqlLexer lexer = new SqlLexer(sql, true);
		lexer.run();
		return lexer.tokens;
	}

	private void run() {
		while (this.position < this.sql.length()) {
			int start = this.position;
			int startLine = this.line;
			TokenType type = next();
			Token token = null;
			if (type == TokenType.SEMICOLON) {
				this.statementHead.clear();
			}
			else if (this.statementHead.size() < HEAD_SIZE && type != TokenType.WHITESPACE
					&& type != TokenType.LINE_COMMENT && type != TokenType.BLOCK_COMMENT) {
				token = new Token(type, this.sql.substring(start, this.position), start, startLine);
				this.statementHead.add(token);
				refuseNonStandardStrings();
			}
			if (keep(type)) {
				this.tokens.add((token != null) ? token
						: new Token(type, this.sql.substring(start, this.position), start, startLine));
			}
		}
	}

	/**
	 * Refuses {@code SET [SESSION | LOCAL] standard_conforming_strings = off}: after it,
	 * PostgreSQL reads a backslash in {@code '...'} as an escape, so {@code 'it\'s'} is one
	 * string to the server and an unterminated one to this lexer, and a statement could be
	 * split where the server would not split it.
	 */
	private void refuseNonStandardStrings() {
		List<Token> head = this.statementHead;
		int size = head.size();
		if (size < 4 || !head.get(0).is("SET")) {
			return;
		}
		int name = (head.get(1).is("SESSION") || head.get(1).is("LOCAL")) ? 2 : 1;
		if (size != name + 3 || !head.get(name).is("standard_conforming_strings")
				|| !(head.get(name + 1).is("TO") || head.get(name + 1).text().equals("="))) {
			return;
		}
		String value = head.get(name + 2).text().replace("'", "").toLowerCase(Locale.ROOT);
		if (value.equals("off") || value.equals("false") || value.equals("no") || value.equals("0")) {
			throw new SqlSyntaxException("'SET standard_conforming_strings = off' is not supported: after it PostgreSQL"
					+ " reads a backslash in a '...' string as an escape, while FORGE splits statements the standard"
					+ " way, so the two would disagree on where strings and statements end. Remove the SET and write"
					+ " strings that need backslash escapes as E'...' (e.g. E'it\\'s')", head.get(0).line());
		}
	}

	private boolean keep(TokenType type) {
		if (!this.commentsOnly || type == TokenType.LINE_COMMENT || type == TokenType.BLOCK_COMMENT) {
			return true;
		}
		if (type == TokenType.WHITESPACE || this.significantSeen) {
			return false;
		}
		this.significantSeen = true;
		return true;
	}

	private TokenType next() {
		char c = this.sql.charAt(this.position);
		if (Character.isWhitespace(c)) {
			while (this.position < this.sql.length() && Character.isWhitespace(this.sql.charAt(this.position))) {
				advance();
			}
			return TokenType.WHITESPACE;
		}
		if (c == '-' && peek(1) == '-') {
			while (this.position < this.sql.length() && !isLineBreak(this.sql.charAt(this.position))) {
				this.position++;
			}
			return TokenType.LINE_COMMENT;
		}
		if (c == '/' && peek(1) == '*') {
			blockComment();
			return TokenType.BLOCK_COMMENT;
		}
		if (c == '\'') {
			quoted('\'', false, "string");
			return TokenType.STRING;
		}
		if (c == '"') {
			quoted('"', false, "quoted identifier");
			return TokenType.QUOTED_IDENTIFIER;
		}
		if (c == ';') {
			this.position++;
			return TokenType.SEMICOLON;
		}
		if (c == '$') {
			return dollar();
		}
		if (isIdentifierStart(c)) {
			return wordOrPrefixedString(c);
		}
		if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
			number();
			return TokenType.NUMBER;
		}
		this.position++;
		return TokenType.OTHER;
	}

	private TokenType wordOrPrefixedString(char c) {
		char upper = Character.toUpperCase(c);
		if ((upper == 'E') && peek(1) == '\'') {
			this.position++;
			quoted('\'', true, "escape string");
			return TokenType.STRING;
		}
		if ((upper == 'B' || upper == 'X' || upper == 'N') && peek(1) == '\'') {
			this.position++;
			quoted('\'', false, "string");
			return TokenType.STRING;
		}
		if (upper == 'U' && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
			char quote = peek(2);
			this.position += 2;
			quoted(quote, false, (quote == '\'') ? "Unicode string" : "quoted identifier");
			return (quote == '\'') ? TokenType.STRING : TokenType.QUOTED_IDENTIFIER;
		}
		while (this.position < this.sql.length() && isIdentifierPart(this.sql.charAt(this.position))) {
			this.position++;
		}
		return TokenType.WORD;
	}

	private void quoted(char quote, boolean backslashEscapes, String what) {
		int openLine = this.line;
		this.position++;
		while (this.position < this.sql.length()) {
			char c = this.sql.charAt(this.position);
			if (backslashEscapes && c == '\\' && this.position + 1 < this.sql.length()) {
				this.position++;
				advance();
				continue;
			}
			if (c == quote) {
				if (peek(1) == quote) {
					this.position += 2;
					continue;
				}
				this.position++;
				int continued = (quote == '\'') ? continuation(this.position) : -1;
				if (continued < 0) {
					return;
				}
				while (this.position <= continued) {
					advance();
				}
				continue;
			}
			advance();
		}
		throw new SqlSyntaxException("Unterminated " + what + " starting at line " + openLine, openLine);
	}

	/**
	 * Finds the quote that continues a string: PostgreSQL joins two string constants
	 * separated only by whitespace that holds a line break (and {@code --} comments ending
	 * in one). The continued part keeps the kind of the first, so after {@code E'...'} a
	 * backslash still escapes.
	 * @param from the index just past the closing quote
	 * @return the index of the continuing quote, or -1
	 */
	private int continuation(int from) {
		int index = from;
		boolean lineBreak = false;
		while (index < this.sql.length()) {
			char c = this.sql.charAt(index);
			if (isHorizontalSpace(c)) {
				index++;
			}
			else if (isLineBreak(c)) {
				lineBreak = true;
				index++;
			}
			else if (c == '-' && index + 1 < this.sql.length() && this.sql.charAt(index + 1) == '-') {
				while (index < this.sql.length() && !isLineBreak(this.sql.charAt(index))) {
					index++;
				}
			}
			else {
				break;
			}
		}
		return (lineBreak && index < this.sql.length() && this.sql.charAt(index) == '\'') ? index : -1;
	}

	private void blockComment() {
		int openLine = this.line;
		int depth = 0;
		while (this.position < this.sql.length()) {
			char c = this.sql.charAt(this.position);
			if (c == '/' && peek(1) == '*') {
				depth++;
				this.position += 2;
			}
			else if (c == '*' && peek(1) == '/') {
				depth--;
				this.position += 2;
				if (depth == 0) {
					return;
				}
			}
			else {
				advance();
			}
		}
		throw new SqlSyntaxException("Unterminated block comment starting at line " + openLine, openLine);
	}

	private TokenType dollar() {
		if (isDigit(peek(1))) {
			this.position++;
			while (this.position < this.sql.length() && isDigit(this.sql.charAt(this.position))) {
				this.position++;
			}
			return TokenType.OTHER;
		}
		int end = this.position + 1;
		if (end < this.sql.length() && isIdentifierStart(this.sql.charAt(end))) {
			while (end < this.sql.length() && isTagPart(this.sql.charAt(end))) {
				end++;
			}
		}
		if (end >= this.sql.length() || this.sql.charAt(end) != '$') {
			this.position++;
			return TokenType.OTHER;
		}
		String tag = this.sql.substring(this.position, end + 1);
		int openLine = this.line;
		int close = this.sql.indexOf(tag, end + 1);
		if (close < 0) {
			throw new SqlSyntaxException("Unterminated dollar-quoted string " + tag + " starting at line " + openLine,
					openLine);
		}
		int stop = close + tag.length();
		while (this.position < stop) {
			advance();
		}
		return TokenType.DOLLAR_STRING;
	}

	private void number() {
		while (this.position < this.sql.length()) {
			char c = this.sql.charAt(this.position);
			if ((c == 'e' || c == 'E') && (peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))) {
				this.position += 2;
			}
			else if (c == '.' && peek(1) != '.') {
				this.position++;
			}
			else if (Character.isLetterOrDigit(c) || c == '_') {
				this.position++;
			}
			else {
				return;
			}
		}
	}

	/** Moves past one character, counting line breaks ({@code \r\n}, {@code \n} or a lone {@code \r}). */
	private void advance() {
		char c = this.sql.charAt(this.position++);
		if (c == '\n' || (c == '\r' && peek(0) != '\n')) {
			this.line++;
		}
	}

	private char peek(int ahead) {
		int index = this.position + ahead;
		return (index < this.sql.length()) ? this.sql.charAt(index) : '\0';
	}

	private static boolean isLineBreak(char c) {
		return c == '\n' || c == '\r';
	}

	private static boolean isHorizontalSpace(char c) {
		return c == ' ' || c == '\t' || c == '\f' || c == '\u000B';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isIdentifierStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';
	}

	private static boolean isIdentifierPart(char c) {
		return isIdentifierStart(c) || isDigit(c) || c == '$';
	}

	private static boolean isTagPart(char c) {
		return isIdentifierStart(c) || isDigit(c);
	}

}
