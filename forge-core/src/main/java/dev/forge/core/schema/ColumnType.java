package dev.forge.core.schema;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL column type in canonical form: the short type name ({@code varchar},
 * {@code timestamptz}), its modifiers ({@code 200} or {@code 10, 2}) and whether it is an
 * array. {@link #parse(String)} accepts both the short names and the long forms that
 * {@code format_type} returns, so that types from models and from the catalogs compare equal.
 *
 * @param name the canonical lower-case type name
 * @param modifiers the type modifiers, such as length, or precision and scale
 * @param array whether the type is an array of {@code name}
 * @author FORGE
 * @since 0.1.0
 */
public record ColumnType(String name, List<Integer> modifiers, boolean array) {

	private static final Pattern TYPE = Pattern
		.compile("\\s*(.+?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*((?:\\[\\d*\\])*)\\s*");

	private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("character varying", "varchar"),
			Map.entry("character", "char"), Map.entry("bpchar", "char"), Map.entry("int", "integer"),
			Map.entry("int4", "integer"), Map.entry("int8", "bigint"), Map.entry("int2", "smallint"),
			Map.entry("bool", "boolean"), Map.entry("float8", "double precision"), Map.entry("float4", "real"),
			Map.entry("decimal", "numeric"), Map.entry("timestamp with time zone", "timestamptz"),
			Map.entry("timestamp without time zone", "timestamp"), Map.entry("time without time zone", "time"),
			Map.entry("time with time zone", "timetz"), Map.entry("bit varying", "varbit"));

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
	 * {@code character varying(200)}, {@code NUMERIC(10,2)} or {@code integer[]}.
	 * @param sql the type
	 * @return the canonical type
	 * @throws IllegalArgumentException if the text is not a type
	 */
	public static ColumnType parse(String sql) {
		Matcher matcher = TYPE.matcher(sql);
		if (sql.isBlank() || !matcher.matches()) {
			throw new IllegalArgumentException("Not a column type: '" + sql + "'");
		}
		String name = matcher.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
		name = ALIASES.getOrDefault(name, name);
		List<Integer> modifiers = (matcher.group(2) == null) ? List.of()
				: (matcher.group(3) == null) ? List.of(Integer.parseInt(matcher.group(2)))
						: List.of(Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)));
		return new ColumnType(name, modifiers, !matcher.group(4).isEmpty());
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
