package dev.forge.core.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A PostgreSQL column type in canonical form: the short type name ({@code varchar},
 * {@code timestamptz}), its modifiers ({@code 200} or {@code 10, 2}) and whether it is an
 * array. {@link #parse(String)} accepts the short names, the long forms that
 * {@code format_type} returns and the spellings of migration files, so that types from
 * models, from the catalogs and from SQL compare equal.
 *
 * @param name the canonical lower-case type name
 * @param modifiers the type modifiers, such as length, or precision and scale
 * @param array whether the type is an array of {@code name}
 * @author FORGE
 * @since 0.1.0
 */
public record ColumnType(String name, List<Integer> modifiers, boolean array) {

	private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("character varying", "varchar"),
			Map.entry("char varying", "varchar"), Map.entry("character", "char"), Map.entry("bpchar", "char"),
			Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("int8", "bigint"),
			Map.entry("int2", "smallint"), Map.entry("bool", "boolean"), Map.entry("float", "double precision"),
			Map.entry("float8", "double precision"), Map.entry("float4", "real"), Map.entry("decimal", "numeric"),
			Map.entry("timestamp with time zone", "timestamptz"), Map.entry("timestamp without time zone", "timestamp"),
			Map.entry("time without time zone", "time"), Map.entry("time with time zone", "timetz"),
			Map.entry("bit varying", "varbit"), Map.entry("serial4", "serial"), Map.entry("serial8", "bigserial"),
			Map.entry("serial2", "smallserial"));

	/** {@code uuid}. */
	public static final ColumnType UUID = of("uuid");

	/** {@code text}. */
	public static final ColumnType TEXT = of("text");

	/** {@code integer}. */
	public static final ColumnType INTEGER = of("integer");

	/** {@code bigint}. */
	public static final ColumnType BIGINT = of("bigint");

	/** {@code boolean}. */
	public static final ColumnType BOOLEAN = of("boolean");

	/** {@code timestamptz}. */
	public static final ColumnType TIMESTAMPTZ = of("timestamptz");

	public ColumnType {
		modifiers = List.copyOf(modifiers);
	}

	/**
	 * Returns a type without modifiers.
	 * @param name the type name
	 * @return the type
	 */
	public static ColumnType of(String name) {
		return new ColumnType(name, List.of(), false);
	}

	/**
	 * Returns {@code varchar(length)}.
	 * @param length the maximum length
	 * @return the type
	 */
	public static ColumnType varchar(int length) {
		return new ColumnType("varchar", List.of(length), false);
	}

	/**
	 * Returns {@code numeric(precision, scale)}.
	 * @param precision the precision
	 * @param scale the scale
	 * @return the type
	 */
	public static ColumnType numeric(int precision, int scale) {
		return new ColumnType("numeric", List.of(precision, scale), false);
	}

	/**
	 * Parses a type as written in DDL or as returned by {@code format_type}, for example
	 * {@code character varying(200)}, {@code NUMERIC(10, 2)}, {@code integer[]},
	 * {@code int ARRAY}, {@code pg_catalog.int4} or {@code timestamp(3) with time zone}.
	 * Modifiers that are not numbers, such as those of PostGIS types, stay part of the name.
	 * @param sql the type
	 * @return the canonical type
	 * @throws IllegalArgumentException if the text names no type
	 */
	public static ColumnType parse(String sql) {
		List<String> words = new ArrayList<>();
		List<Integer> modifiers = new ArrayList<>();
		boolean array = false;
		boolean modifiersSeen = false;
		int i = 0;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '(') {
				int close = sql.indexOf(')', i);
				if (close < 0) {
					throw new IllegalArgumentException("Not a column type: '" + sql + "' (unclosed parenthesis)");
				}
				String inside = sql.substring(i + 1, close);
				if (!modifiersSeen && !addNumbers(inside, modifiers) && !words.isEmpty()) {
					// not lengths or precisions, e.g. geometry(Point, 4326): part of the name
					words.add(words.remove(words.size() - 1) + "(" + inside.replaceAll("\\s+", "")
						.toLowerCase(Locale.ROOT) + ")");
				}
				modifiersSeen = true;
				i = close + 1;
			}
			else if (c == '[') {
				int close = sql.indexOf(']', i);
				if (close < 0) {
					throw new IllegalArgumentException("Not a column type: '" + sql + "' (unclosed bracket)");
				}
				array = true;
				i = close + 1;
			}
			else if (c == '.' && !words.isEmpty()) {
				// a schema-qualified name: pg_catalog's types are the built-in ones
				String schema = words.remove(words.size() - 1);
				i++;
				while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
					i++;
				}
				int end = wordEnd(sql, i);
				String word = word(sql, i, end);
				words.add(schema.equals("pg_catalog") ? word : schema + "." + word);
				i = end;
			}
			else {
				int end = wordEnd(sql, i);
				if (end == i) {
					throw new IllegalArgumentException("Not a column type: '" + sql + "'");
				}
				String word = word(sql, i, end);
				if (word.equals("array") && !words.isEmpty()) {
					array = true;
				}
				else {
					words.add(word);
				}
				i = end;
			}
		}
		if (words.isEmpty()) {
			throw new IllegalArgumentException("Not a column type: '" + sql + "'");
		}
		String name = String.join(" ", words);
		return new ColumnType(ALIASES.getOrDefault(name, name), modifiers, array);
	}

	private static int wordEnd(String sql, int start) {
		if (start < sql.length() && sql.charAt(start) == '"') {
			int close = sql.indexOf('"', start + 1);
			return (close < 0) ? sql.length() : close + 1;
		}
		int end = start;
		while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
				|| sql.charAt(end) == '$')) {
			end++;
		}
		return end;
	}

	/** A word in lower case, or a quoted identifier as written between its quotes. */
	private static String word(String sql, int start, int end) {
		if (end > start && sql.charAt(start) == '"') {
			return sql.substring(start + 1, Math.max(start + 1, end - 1));
		}
		return sql.substring(start, end).toLowerCase(Locale.ROOT);
	}

	/** Adds the numbers of a modifier list, unless it holds anything but numbers. */
	private static boolean addNumbers(String inside, List<Integer> modifiers) {
		List<Integer> numbers = new ArrayList<>();
		for (String part : inside.split(",")) {
			try {
				numbers.add(Integer.parseInt(part.trim()));
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}
		modifiers.addAll(numbers);
		return true;
	}

	/**
	 * Returns the array type whose elements are of this type.
	 * @return the array type
	 */
	public ColumnType arrayOf() {
		return new ColumnType(this.name, this.modifiers, true);
	}

	/**
	 * Returns the type as written in generated DDL, upper case: {@code VARCHAR(200)}.
	 * @return the SQL
	 */
	public String sql() {
		return toString().toUpperCase(Locale.ROOT);
	}

	/**
	 * Returns whether changing a column from {@code from} to this type can neither fail nor
	 * be noticed by code that still uses the old type, and needs no table rewrite: a longer
	 * {@code varchar}, {@code varchar} to {@code text}, or more numeric precision at the
	 * same scale.
	 * @param from the current type
	 * @return {@code true} for a widening change
	 */
	public boolean isWideningOf(ColumnType from) {
		if (this.array != from.array) {
			return false;
		}
		if (this.name.equals("text") && from.name.equals("varchar")) {
			return true;
		}
		if (!this.name.equals(from.name)) {
			return false;
		}
		if (this.name.equals("varchar")) {
			return this.modifiers.isEmpty() || (!from.modifiers.isEmpty() && this.modifiers.get(0) >= from.modifiers.get(0));
		}
		if (this.name.equals("numeric")) {
			if (this.modifiers.isEmpty()) {
				return true;
			}
			return from.modifiers.size() == 2 && this.modifiers.size() == 2
					&& this.modifiers.get(0) >= from.modifiers.get(0) && this.modifiers.get(1).equals(from.modifiers.get(1));
		}
		return this.equals(from);
	}

	@Override
	public String toString() {
		StringBuilder sql = new StringBuilder(this.name);
		if (!this.modifiers.isEmpty()) {
			sql.append('(');
			for (int i = 0; i < this.modifiers.size(); i++) {
				sql.append((i > 0) ? "," : "").append(this.modifiers.get(i));
			}
			sql.append(')');
		}
		return this.array ? sql.append("[]").toString() : sql.toString();
	}

}
