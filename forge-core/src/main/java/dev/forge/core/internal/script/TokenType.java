package dev.forge.core.internal.script;

/**
 * Kinds of lexical tokens in PostgreSQL SQL.
 */
public enum TokenType {

	/** A keyword or unquoted identifier, e.g. {@code CREATE}, {@code users}. */
	WORD,

	/** A double-quoted identifier, e.g. {@code "Order;Lines"}, quotes included. */
	QUOTED_IDENTIFIER,

	/** A string constant: {@code '...'}, {@code E'...'}, {@code U&'...'}, {@code B'...'}, {@code X'...'}. */
	STRING,

	/** A dollar-quoted string, e.g. {@code $$...$$} or {@code $body$...$body$}. */
	DOLLAR_STRING,

	/** A numeric constant. */
	NUMBER,

	/** A {@code --} comment, up to but not including the line break. */
	LINE_COMMENT,

	/** A {@code /* ... *}{@code /} comment, nesting included. */
	BLOCK_COMMENT,

	/** Spaces, tabs and line breaks. */
	WHITESPACE,

	/** The {@code ;} that ends a statement. */
	SEMICOLON,

	/** Operators, punctuation, parameters such as {@code $1}, and anything else. */
	OTHER

}
