package dev.forge.core.internal.script;

/**
 * One lexical token of a script.
 *
 * @param type the kind of token
 * @param text the exact source text of the token
 * @param offset the 0-based character offset of the token in the script
 * @param line the 1-based line on which the token starts
 */
public record Token(TokenType type, String text, int offset, int line) {

	/**
	 * Returns whether this token is whitespace or a comment.
	 * @return {@code true} for whitespace and comments
	 */
	public boolean isTrivia() {
		return this.type == TokenType.WHITESPACE || this.type == TokenType.LINE_COMMENT
				|| this.type == TokenType.BLOCK_COMMENT;
	}

	/**
	 * Returns whether this token is the given keyword, ignoring case.
	 * @param keyword the keyword
	 * @return {@code true} if this is a {@link TokenType#WORD} spelled {@code keyword}
	 */
	public boolean is(String keyword) {
		return this.type == TokenType.WORD && this.text.equalsIgnoreCase(keyword);
	}

}
