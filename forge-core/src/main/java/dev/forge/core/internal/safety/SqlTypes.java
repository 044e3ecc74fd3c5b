package dev.forge.core.internal.safety;

import java.util.List;
import java.util.stream.Collectors;

import dev.forge.core.internal.script.Token;
import dev.forge.core.schema.ColumnType;

/**
 * Reads the type of a column definition or of {@code ALTER COLUMN ... TYPE} from its
 * tokens, as {@link ColumnType} reads model and catalog types, so that the three compare
 * equal.
 */
final class SqlTypes {

	private SqlTypes() {
	}

	/**
	 * Parses the tokens of a type, e.g. {@code timestamp(3) with time zone} or {@code text[]}.
	 * A statement too broken to name a type gives a type of no name, which equals no real
	 * type: the analysis then assumes the worst of it instead of failing.
	 */
	static ColumnType parse(List<Token> tokens) {
		return parse(tokens.stream().filter((token) -> !token.isTrivia()).map(Token::text)
			.collect(Collectors.joining(" ")));
	}

	/** Parses a type as {@link #parse(List)} does, from its text. */
	static ColumnType parse(String text) {
		try {
			return ColumnType.parse(text);
		}
		catch (IllegalArgumentException ex) {
			return ColumnType.of("");
		}
	}

	static boolean isSerial(ColumnType type) {
		return type.name().equals("serial") || type.name().equals("bigserial") || type.name().equals("smallserial");
	}

	/** Returns the type a column really gets: {@code serial} is an {@code integer} with a default. */
	static ColumnType storedType(ColumnType type) {
		return switch (type.name()) {
			case "serial" -> ColumnType.INTEGER;
			case "bigserial" -> ColumnType.BIGINT;
			case "smallserial" -> ColumnType.of("smallint");
			default -> type;
		};
	}

	/** A length, precision or scale, or {@code 0} when the type has none there. */
	static int modifier(ColumnType type, int index) {
		return (index < type.modifiers().size()) ? type.modifiers().get(index) : 0;
	}

}
