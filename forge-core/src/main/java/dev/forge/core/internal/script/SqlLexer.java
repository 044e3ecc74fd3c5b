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
 * A script that turns the setting off is refused at the statement that does it (a
 * {@code SET}, a call of {@code set_config} or an {@code UPDATE} of {@code pg_settings}):
 * from there on, PostgreSQL would read statements differently from the way they were
 * split.
 */
public final class SqlLexer {

	private static final int HEAD_SIZE = 5;

	private static final String SETTING = "standard_conforming_strings";

	private static final String QUOTED_SETTING = "'" + SETTING + "'";

	private final String sql;

	private final int end;

	private final TokenSink sink;

	/** The first significant tokens of the current statement, to spot a SET of the setting. */
	private final List<Token> statementHead = new ArrayList<>(HEAD_SIZE);

	/** The two significant tokens before the current one: type, start and end of each. */
	private final TokenType[] previousTypes = new TokenType[2];

	private final int[] previousStarts = new int[2];

	private final int[] previousEnds = new int[2];

	/** The line of the current statement's first significant token. */
	private int statementLine;

	private boolean setConfigSeen;

	private boolean pgSettingsSeen;

	private boolean settingNamed;

	private boolean settingNamedThenOff;

	private boolean settingAssignedOff;

	private int position;

	private int line;

	private SqlLexer(String sql, int from, int to, int firstLine, TokenSink sink) {
		this.sql = sql;
		this.position = from;
		this.end = to;
		this.line = firstLine;
		this.sink = sink;
	}

	/**
	 * Tokenizes a script.
	 * @param sql the script
	 * @return every token, in order
	 * @throws SqlSyntaxException for an unterminated quote, identifier or comment, with the
	 * line where it opens
	 */
	public static List<Token> tokenize(String sql) {
		List<Token> tokens = new ArrayList<>();
		scan(sql, 0, sql.length(), 1, (type, start, end, line) -> tokens.add(token(sql, type, start, end, line)));
		return tokens;
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
		return comments(sql, 0);
	}

	/**
	 * Like {@link #comments(String)} for the part of a script from an offset on (past a
	 * byte-order mark, say); the offsets of the tokens are offsets in {@code sql}.
	 * @param sql the script
	 * @param from where to start
	 * @return the comment tokens and the first significant token, in order
	 * @throws SqlSyntaxException for an unterminated quote, identifier or comment
	 */
	public static List<Token> comments(String sql, int from) {
		List<Token> tokens = new ArrayList<>();
		boolean[] significantSeen = new boolean[1];
		scan(sql, from, sql.length(), 1, (type, start, end, line) -> {
			if (type == TokenType.LINE_COMMENT || type == TokenType.BLOCK_COMMENT) {
				tokens.add(token(sql, type, start, end, line));
			}
			else if (type != TokenType.WHITESPACE && !significantSeen[0]) {
				significantSeen[0] = true;
				tokens.add(token(sql, type, start, end, line));
			}
		});
		return tokens;
	}

	/**
	 * Reads part of a script token by token, handing each to a sink without making an
	 * object of it, so that a large script costs no more than its largest statement.
	 * @param sql the script
	 * @param from the offset to start at, at the start of a token
	 * @param to the offset to end at
	 * @param firstLine the line at {@code from}
	 * @param sink what receives the tokens
	 * @throws SqlSyntaxException for an unterminated quote, identifier or comment
	 */
	static void scan(String sql, int from, int to, int firstLine, TokenSink sink) {
		new SqlLexer(sql, from, to, firstLine, sink).run();
	}

	static Token token(String sql, TokenType type, int start, int end, int line) {
		return new Token(type, sql.substring(start, end), start, line);
	}

	private void run() {
		while (this.position < this.end) {
			int start = this.position;
			int startLine = this.line;
			TokenType type = next();
			if (type == TokenType.SEMICOLON) {
				endStatement();
			}
			else if (type != TokenType.WHITESPACE && type != TokenType.LINE_COMMENT
					&& type != TokenType.BLOCK_COMMENT) {
				significant(type, start, startLine);
			}
			this.sink.accept(type, start, this.position, startLine);
		}
	}

	private void endStatement() {
		this.statementHead.clear();
		this.setConfigSeen = false;
		this.pgSettingsSeen = false;
		this.settingNamed = false;
		this.settingNamedThenOff = false;
		this.settingAssignedOff = false;
		this.previousTypes[0] = null;
		this.previousTypes[1] = null;
	}

	private void significant(TokenType type, int start, int startLine) {
		if (this.statementHead.isEmpty()) {
			this.statementLine = startLine;
		}
		if (this.statementHead.size() < HEAD_SIZE) {
			this.statementHead.add(token(this.sql, type, start, this.position, startLine));
			refuseNonStandardStrings();
		}
		if (type == TokenType.WORD) {
			this.setConfigSeen |= matches(start, this.position, "set_config");
			this.pgSettingsSeen |= matches(start, this.position, "pg_settings");
		}
		else if (type == TokenType.STRING) {
			readSettingValue(start);
		}
		this.previousTypes[0] = this.previousTypes[1];
		this.previousStarts[0] = this.previousStarts[1];
		this.previousEnds[0] = this.previousEnds[1];
		this.previousTypes[1] = type;
		this.previousStarts[1] = start;
		this.previousEnds[1] = this.position;
		if ((this.setConfigSeen && this.settingNamedThenOff)
				|| (this.pgSettingsSeen && this.settingNamed && this.settingAssignedOff)) {
			throw nonStandardStrings(
					this.setConfigSeen ? "set_config('standard_conforming_strings', 'off', ...)"
							: "UPDATE pg_settings SET setting = 'off' WHERE name = 'standard_conforming_strings'",
					this.statementLine);
		}
	}

	/**
	 * Follows the other ways of turning the setting off: {@code set_config(name, value, ...)},
	 * where the value follows the name, and {@code UPDATE pg_settings SET setting = value},
	 * whose {@code WHERE} names the setting.
	 */
	private void readSettingValue(int start) {
		if (matches(start, this.position, QUOTED_SETTING)) {
			this.settingNamed = true;
			return;
		}
		if (this.previousTypes[0] == null || this.previousTypes[1] != TokenType.OTHER) {
			return;
		}
		int separatorStart = this.previousStarts[1];
		int separatorEnd = this.previousEnds[1];
		if (this.previousTypes[0] == TokenType.STRING && matches(separatorStart, separatorEnd, ",")
				&& matches(this.previousStarts[0], this.previousEnds[0], QUOTED_SETTING)) {
			this.settingNamedThenOff |= isOff(this.sql.substring(start, this.position));
		}
		else if (this.previousTypes[0] == TokenType.WORD && matches(separatorStart, separatorEnd, "=")
				&& matches(this.previousStarts[0], this.previousEnds[0], "setting")) {
			this.settingAssignedOff |= isOff(this.sql.substring(start, this.position));
		}
	}

	private boolean matches(int start, int end, String text) {
		return end - start == text.length() && this.sql.regionMatches(true, start, text, 0, text.length());
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
		if (size != name + 3 || !head.get(name).is(SETTING)
				|| !(head.get(name + 1).is("TO") || head.get(name + 1).text().equals("="))) {
			return;
		}
		if (isOff(head.get(name + 2).text())) {
			throw nonStandardStrings("SET standard_conforming_strings = off", head.get(0).line());
		}
	}

	/** Whether PostgreSQL reads a value as boolean false (as its {@code parse_bool} does). */
	private static boolean isOff(String text) {
		String value = text.replace("'", "").trim().toLowerCase(Locale.ROOT);
		return value.equals("0") || (value.length() >= 2 && "off".startsWith(value))
				|| (!value.isEmpty() && ("false".startsWith(value) || "no".startsWith(value)));
	}

	private static SqlSyntaxException nonStandardStrings(String statement, int line) {
		return new SqlSyntaxException("'" + statement + "' is not supported: after it PostgreSQL"
				+ " reads a backslash in a '...' string as an escape, while FORGE splits statements the standard"
				+ " way, so the two would disagree on where strings and statements end. Remove the "
				+ (statement.startsWith("SET") ? "SET" : "statement")
				+ " and write strings that need backslash escapes as E'...' (e.g. E'it\\'s')", line);
	}

	/** Receives the tokens of a scan. */
	@FunctionalInterface
	interface TokenSink {

		/**
		 * Receives one token.
		 * @param type the kind of token
		 * @param start its offset in the script
		 * @param end the offset just past it
		 * @param line the line on which it starts
		 */
		void accept(TokenType type, int start, int end, int line);

	}

	private TokenType next() {
		char c = this.sql.charAt(this.position);
		if (Character.isWhitespace(c)) {
			while (this.position < this.end && Character.isWhitespace(this.sql.charAt(this.position))) {
				advance();
			}
			return TokenType.WHITESPACE;
		}
		if (c == '-' && peek(1) == '-') {
			while (this.position < this.end && !isLineBreak(this.sql.charAt(this.position))) {
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
		while (this.position < this.end && isIdentifierPart(this.sql.charAt(this.position))) {
			this.position++;
		}
		return TokenType.WORD;
	}

	private void quoted(char quote, boolean backslashEscapes, String what) {
		int openLine = this.line;
		this.position++;
		while (this.position < this.end) {
			char c = this.sql.charAt(this.position);
			if (backslashEscapes && c == '\\' && this.position + 1 < this.end) {
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
		while (index < this.end) {
			char c = this.sql.charAt(index);
			if (isHorizontalSpace(c)) {
				index++;
			}
			else if (isLineBreak(c)) {
				lineBreak = true;
				index++;
			}
			else if (c == '-' && index + 1 < this.end && this.sql.charAt(index + 1) == '-') {
				while (index < this.end && !isLineBreak(this.sql.charAt(index))) {
					index++;
				}
			}
			else {
				break;
			}
		}
		return (lineBreak && index < this.end && this.sql.charAt(index) == '\'') ? index : -1;
	}

	private void blockComment() {
		int openLine = this.line;
		int depth = 0;
		while (this.position < this.end) {
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
			while (this.position < this.end && isDigit(this.sql.charAt(this.position))) {
				this.position++;
			}
			return TokenType.OTHER;
		}
		int end = this.position + 1;
		if (end < this.end && isIdentifierStart(this.sql.charAt(end))) {
			while (end < this.end && isTagPart(this.sql.charAt(end))) {
				end++;
			}
		}
		if (end >= this.end || this.sql.charAt(end) != '$') {
			this.position++;
			return TokenType.OTHER;
		}
		String tag = this.sql.substring(this.position, end + 1);
		int openLine = this.line;
		int close = this.sql.indexOf(tag, end + 1);
		if (close < 0 || close + tag.length() > this.end) {
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
		while (this.position < this.end) {
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
		return (index < this.end) ? this.sql.charAt(index) : '\0';
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
