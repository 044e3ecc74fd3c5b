package dev.forge.core.internal.schema;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PostgreSQL identifier rules: quoting only where needed, and the names FORGE derives for
 * keys, indexes and constraints (PostgreSQL's own conventions, cut to 63 bytes).
 *
 * @author FORGE
 * @since 0.1.0
 */
public final class Identifiers {

	/** PostgreSQL's identifier length limit in bytes ({@code NAMEDATALEN - 1}). */
	public static final int MAX_LENGTH = 63;

	private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

	private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
			"asc", "asymmetric", "authorization", "binary", "both", "case", "cast", "check", "collate", "collation",
			"column", "concurrently", "constraint", "create", "cross", "current_catalog", "current_date",
			"current_role", "current_schema", "current_time", "current_timestamp", "current_user", "default",
			"deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign",
			"freeze", "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
			"into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
			"localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer",
			"overlaps", "placing", "primary", "references", "returning", "right", "select", "session_user",
			"similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to", "trailing", "true",
			"union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window", "with");

	private Identifiers() {
	}

	/**
	 * Quotes an identifier if PostgreSQL would not read it back unchanged otherwise.
	 * @param identifier the identifier
	 * @return the identifier, quoted when needed
	 */
	public static String quote(String identifier) {
		if (PLAIN.matcher(identifier).matches() && !RESERVED.contains(identifier)) {
			return identifier;
		}
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

	/**
	 * Quotes each identifier where needed and joins them with {@code ", "}.
	 * @param identifiers the identifiers
	 * @return the list
	 */
	public static String quoteAll(List<String> identifiers) {
		return String.join(", ", identifiers.stream().map(Identifiers::quote).toList());
	}

	/**
	 * Returns {@code <table>_<columns...>_<suffix>}, cut to {@value #MAX_LENGTH} bytes.
	 * @param table the table
	 * @param columns the columns
	 * @param suffix the suffix, such as {@code idx}, {@code key}, {@code fkey}
	 * @return the name
	 */
	public static String name(String table, List<String> columns, String suffix) {
		StringBuilder name = new StringBuilder(table);
		columns.forEach((column) -> name.append('_').append(column));
		return truncate(name.append('_').append(suffix).toString());
	}

	/**
	 * Cuts a name to the {@value #MAX_LENGTH} bytes PostgreSQL keeps.
	 * @param name the name
	 * @return the name as PostgreSQL stores it
	 */
	public static String truncate(String name) {
		if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_LENGTH) {
			return name;
		}
		StringBuilder result = new StringBuilder();
		int bytes = 0;
		for (int i = 0; i < name.length();) {
			int codePoint = name.codePointAt(i);
			int length = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
			if (bytes + length > MAX_LENGTH) {
				break;
			}
			result.appendCodePoint(codePoint);
			bytes += length;
			i += Character.charCount(codePoint);
		}
		return result.toString();
	}

}
