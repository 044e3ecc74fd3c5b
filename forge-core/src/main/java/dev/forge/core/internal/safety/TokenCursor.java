package dev.forge.core.internal.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.forge.core.internal.script.Token;
import dev.forge.core.internal.script.TokenType;
import org.jspecify.annotations.Nullable;

/**
 * Reads the significant tokens of one statement (or part of one) from left to right.
 */
final class TokenCursor {

	private final List<Token> tokens;

	private int position;

	TokenCursor(List<Token> tokens) {
		this.tokens = tokens;
	}

	boolean atEnd() {
		return this.position >= this.tokens.size();
	}

	@Nullable Token peek() {
		return peek(0);
	}

	@Nullable Token peek(int ahead) {
		int index = this.position + ahead;
		return (index < this.tokens.size()) ? this.tokens.get(index) : null;
	}

	/** Returns the next token's text, upper case for words, or {@code ""} at the end. */
	String peekWord() {
		Token token = peek();
		return (token != null && token.type() == TokenType.WORD) ? token.text().toUpperCase(Locale.ROOT) : "";
	}

	/** Returns whether the next tokens are these keywords. */
	boolean peekIs(String... words) {
		for (int i = 0; i < words.length; i++) {
			Token token = peek(i);
			if (token == null || !token.is(words[i])) {
				return false;
			}
		}
		return true;
	}

	/** Returns whether the next tokens are this keyword and an opening parenthesis. */
	boolean peekIsWithParenthesis(String word) {
		Token next = peek(1);
		return peekIs(word) && next != null && isSymbol(next, "(");
	}

	/** Moves past these keywords if they come next. */
	boolean accept(String... words) {
		if (!peekIs(words)) {
			return false;
		}
		this.position += words.length;
		return true;
	}

	/** Returns whether the next token is this punctuation, e.g. {@code (}. */
	boolean peekSymbol(String symbol) {
		Token token = peek();
		return token != null && token.type() == TokenType.OTHER && token.text().equals(symbol);
	}

	boolean acceptSymbol(String symbol) {
		if (!peekSymbol(symbol)) {
			return false;
		}
		this.position++;
		return true;
	}

	@Nullable Token next() {
		Token token = peek();
		if (token != null) {
			this.position++;
		}
		return token;
	}

	/** Moves past the next token and returns its text, or {@code ""} at the end. */
	String nextText() {
		Token token = next();
		return (token != null) ? token.text() : "";
	}

	/** Reads an identifier, folded as PostgreSQL folds it, or returns {@code null}. */
	@Nullable String identifier() {
		Token token = peek();
		if (token == null) {
			return null;
		}
		String name = identifierOf(token);
		if (name != null) {
			this.position++;
		}
		return name;
	}

	/** Reads a name such as {@code users}, {@code app.users} or {@code "App"."Users"}. */
	@Nullable ObjectName objectName() {
		String first = identifier();
		if (first == null) {
			return null;
		}
		List<String> parts = new ArrayList<>(List.of(first));
		while (peekSymbol(".") && peek(1) != null && identifierOf(peek(1)) != null) {
			this.position++;
			parts.add(identifier());
		}
		String name = parts.get(parts.size() - 1);
		String schema = (parts.size() > 1) ? parts.get(parts.size() - 2) : null;
		return new ObjectName(schema, name);
	}

	/** Moves past a parenthesised group if one comes next; returns its inner tokens. */
	List<Token> parenthesized() {
		if (!peekSymbol("(")) {
			return List.of();
		}
		int depth = 0;
		int start = this.position + 1;
		while (!atEnd()) {
			Token token = this.tokens.get(this.position++);
			if (isSymbol(token, "(")) {
				depth++;
			}
			else if (isSymbol(token, ")") && --depth == 0) {
				return this.tokens.subList(start, this.position - 1);
			}
		}
		return this.tokens.subList(start, this.position);
	}

	/** Returns the tokens not read yet. */
	List<Token> rest() {
		return this.tokens.subList(Math.min(this.position, this.tokens.size()), this.tokens.size());
	}

	/** Reads tokens up to (not including) the first top-level one that is one of these keywords. */
	List<Token> until(String... words) {
		int start = this.position;
		int depth = 0;
		while (!atEnd()) {
			Token token = this.tokens.get(this.position);
			if (depth == 0 && isAnyWord(token, words)) {
				break;
			}
			depth += depthChange(token);
			this.position++;
		}
		return this.tokens.subList(start, this.position);
	}

	/** Returns whether one of these keywords occurs outside parentheses in the rest. */
	boolean restHasTopLevel(String word) {
		int depth = 0;
		for (Token token : rest()) {
			if (depth == 0 && token.is(word)) {
				return true;
			}
			depth += depthChange(token);
		}
		return false;
	}

	/** Splits the rest at top-level commas. */
	List<List<Token>> splitRestAtCommas() {
		List<List<Token>> parts = new ArrayList<>();
		List<Token> rest = rest();
		int depth = 0;
		int start = 0;
		for (int i = 0; i < rest.size(); i++) {
			Token token = rest.get(i);
			if (depth == 0 && isSymbol(token, ",")) {
				parts.add(rest.subList(start, i));
				start = i + 1;
			}
			depth += depthChange(token);
		}
		parts.add(rest.subList(start, rest.size()));
		this.position = this.tokens.size();
		return parts;
	}

	static @Nullable String identifierOf(@Nullable Token token) {
		if (token == null) {
			return null;
		}
		if (token.type() == TokenType.WORD) {
			return token.text().toLowerCase(Locale.ROOT);
		}
		if (token.type() == TokenType.QUOTED_IDENTIFIER) {
			String text = token.text();
			if (text.startsWith("U&") || text.startsWith("u&")) {
				text = text.substring(2);
			}
			return text.substring(1, text.length() - 1).replace("\"\"", "\"");
		}
		return null;
	}

	static boolean isSymbol(Token token, String symbol) {
		return token.type() == TokenType.OTHER && token.text().equals(symbol);
	}

	private static boolean isAnyWord(Token token, String... words) {
		for (String word : words) {
			if (token.is(word)) {
				return true;
			}
		}
		return false;
	}

	private static int depthChange(Token token) {
		if (isSymbol(token, "(") || isSymbol(token, "[")) {
			return 1;
		}
		if (isSymbol(token, ")") || isSymbol(token, "]")) {
			return -1;
		}
		return 0;
	}

}
