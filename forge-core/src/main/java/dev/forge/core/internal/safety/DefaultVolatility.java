package dev.forge.core.internal.safety;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.forge.core.internal.script.Token;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a column default is volatile, i.e. evaluated again for every row. Since
 * PostgreSQL 11, {@code ADD COLUMN} with a non-volatile default stores the value once in the
 * catalog instead of rewriting the table; a volatile default still rewrites it.
 * <p>
 * Function calls are judged by {@code pg_proc.provolatile}: as a function created earlier in
 * the section declares it, else as the live database says, else (no database at hand) by
 * the name of a built-in: {@code now()} and {@code CURRENT_TIMESTAMP} are stable,
 * {@code random()}, {@code gen_random_uuid()} and {@code clock_timestamp()} volatile. A
 * function FORGE does not know is taken as volatile.
 */
final class DefaultVolatility {

	private static final Set<String> VOLATILE = Set.of("random", "random_normal", "gen_random_uuid", "uuidv4",
			"uuidv7", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "clock_timestamp", "timeofday",
			"nextval", "setval", "txid_current", "pg_current_xact_id", "gen_random_bytes");

	/** Stable or immutable built-ins, and type names that appear with parentheses in casts. */
	private static final Set<String> NOT_VOLATILE = Set.of("now", "transaction_timestamp", "statement_timestamp",
			"current_timestamp", "current_time", "localtimestamp", "localtime", "current_date", "current_user",
			"current_schema", "session_user", "lower", "upper", "trim", "btrim", "concat", "length", "coalesce",
			"nullif", "greatest", "least", "abs", "round", "trunc", "floor", "ceil", "make_date", "make_time",
			"make_timestamp", "make_timestamptz", "make_interval", "date_trunc", "to_timestamp", "to_date",
			"to_char", "to_jsonb", "to_json", "jsonb_build_object", "json_build_object", "jsonb_build_array",
			"json_build_array", "array", "row", "cast", "varchar", "character", "char", "numeric", "decimal",
			"bit", "timestamp", "time", "interval", "float", "uuid", "md5", "replace", "substring", "left",
			"right", "format", "array_fill", "current_setting", "pg_catalog");

	private DefaultVolatility() {
	}

	/**
	 * Returns the first volatile or unknown function the expression calls, or {@code null}
	 * when it calls none.
	 */
	static @Nullable String volatileCall(List<Token> expression, AnalysisContext context) {
		for (int i = 0; i + 1 < expression.size(); i++) {
			Token token = expression.get(i);
			String name = TokenCursor.identifierOf(token);
			if (name == null || !TokenCursor.isSymbol(expression.get(i + 1), "(") || isCastTarget(expression, i)) {
				continue;
			}
			String schema = (i >= 2 && TokenCursor.isSymbol(expression.get(i - 1), "."))
					? TokenCursor.identifierOf(expression.get(i - 2)) : null;
			Optional<Character> known = context.volatility(schema, name);
			if (known.isPresent() ? known.get() == 'v' : isVolatileByName(name)) {
				return ((schema != null) ? schema + "." : "") + name + "()";
			}
		}
		return null;
	}

	private static boolean isVolatileByName(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return VOLATILE.contains(lower) || !NOT_VOLATILE.contains(lower);
	}

	/** {@code '1'::numeric(10,2)} and {@code CAST(x AS varchar(3))}: a type, not a call. */
	private static boolean isCastTarget(List<Token> tokens, int index) {
		if (index >= 2 && TokenCursor.isSymbol(tokens.get(index - 1), ":")
				&& TokenCursor.isSymbol(tokens.get(index - 2), ":")) {
			return true;
		}
		return index >= 1 && tokens.get(index - 1).is("AS");
	}

}
