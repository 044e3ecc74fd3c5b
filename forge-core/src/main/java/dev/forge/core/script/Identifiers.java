package dev.forge.core.script;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Quotes PostgreSQL identifiers only where needed.
 */
public final class Identifiers {

	private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

	private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
			"asc", "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
			"current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
			"default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
			"foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral",
			"leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
			"placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
			"system_user", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic",
			"when", "where", "window", "with", "authorization", "binary", "collation", "concurrently", "cross",
			"current_schema", "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left", "like", "natural",
			"notnull", "outer", "overlaps", "right", "similar", "tablesample", "verbose");

	private Identifiers() {
	}

	/**
	 * Quotes an identifier unless it is lower-case, plain and not a reserved word.
	 * @param identifier the identifier
	 * @return the identifier, quoted if needed
	 */
	public static String quote(String identifier) {
		if (PLAIN.matcher(identifier).matches() && !RESERVED.contains(identifier)) {
			return identifier;
		}
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}
