package dev.forge.core.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.forge.core.script.SqlLexer;
import dev.forge.core.script.Token;
import dev.forge.core.script.TokenType;

/**
 * A column type reduced to what decides whether changing it rewrites the table: the base
 * type under one canonical spelling, its modifiers (length, precision, scale) and whether it
 * is an array.
 *
 * @param base the canonical base type, e.g. {@code varchar}, {@code timestamptz}
 * @param modifiers the numbers in parentheses, e.g. {@code [10, 2]} for {@code numeric(10,2)}
 * @param array whether it is an array type
 */
record ColumnType(String base, List<Integer> modifiers, boolean array) {

	private static final Map<String, String> CANONICAL = Map.ofEntries(Map.entry("character varying", "varchar"),
			Map.entry("char varying", "varchar"), Map.entry("character", "bpchar"), Map.entry("char", "bpchar"),
			Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("int8", "bigint"),
			Map.entry("int2", "smallint"), Map.entry("decimal", "numeric"), Map.entry("bool", "boolean"),
			Map.entry("float8", "double precision"), Map.entry("float", "double precision"),
			Map.entry("float4", "real"), Map.entry("timestamp without time zone", "timestamp"),
			Map.entry("timestamp with time zone", "timestamptz"), Map.entry("time without time zone", "time"),
			Map.entry("time with time zone", "timetz"), Map.entry("bit varying", "varbit"),
			Map.entry("serial4", "serial"), Map.entry("serial8", "bigserial"), Map.entry("serial2", "smallserial"));

	/** Parses a type as PostgreSQL's {@code format_type} or a migration spells it. */
	static ColumnType parse(String type) {
		return parse(SqlLexer.tokenize(type).stream().filter((token) -> !token.isTrivia()).toList());
	}

	/** Parses the tokens of a type, e.g. {@code timestamp(3) with time zone} or {@code text[]}. */
	static ColumnType parse(List<Token> tokens) {
		List<String> words = new ArrayList<>();
		List<Integer> modifiers = new ArrayList<>();
		boolean array = false;
		boolean qualified = false;
		TokenCursor cursor = new TokenCursor(tokens);
		while (!cursor.atEnd()) {
			if (cursor.peekSymbol("(")) {
				List<Token> inner = cursor.parenthesized();
				if (modifiers.isEmpty()) {
					inner.stream().filter((token) -> token.type() == TokenType.NUMBER).forEach((token) -> {
						try {
							modifiers.add(Integer.parseInt(token.text()));
						}
						catch (NumberFormatException ex) {
							// not a plain modifier; leave it out
						}
					});
				}
				continue;
			}
			Token token = cursor.next();
			if (token.is("ARRAY") || TokenCursor.isSymbol(token, "[")) {
				array = true;
			}
			else if (TokenCursor.isSymbol(token, ".")) {
				qualified = true;
			}
			else {
				String word = TokenCursor.identifierOf(token);
				if (word != null) {
					if (qualified && !words.isEmpty()) {
						String schema = words.remove(words.size() - 1);
						word = schema.equals("pg_catalog") ? word : schema + "." + word;
					}
					words.add(word);
				}
				qualified = false;
			}
		}
		String base = String.join(" ", words);
		return new ColumnType(CANONICAL.getOrDefault(base, base), List.copyOf(modifiers), array);
	}

	boolean hasModifiers() {
		return !this.modifiers.isEmpty();
	}

	int modifier(int index, int fallback) {
		return (index < this.modifiers.size()) ? this.modifiers.get(index) : fallback;
	}

	boolean isSerial() {
		return this.base.equals("serial") || this.base.equals("bigserial") || this.base.equals("smallserial");
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(this.base);
		if (hasModifiers()) {
			text.append('(');
			for (int i = 0; i < this.modifiers.size(); i++) {
				text.append((i > 0) ? "," : "").append(this.modifiers.get(i));
			}
			text.append(')');
		}
		return text.append(this.array ? "[]" : "").toString();
	}

}
