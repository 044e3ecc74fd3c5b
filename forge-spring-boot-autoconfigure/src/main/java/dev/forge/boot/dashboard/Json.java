package dev.forge.boot.dashboard;

import java.time.temporal.TemporalAccessor;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes the dashboard's JSON: maps, lists, strings, numbers, booleans and {@code null};
 * enums and dates as strings. Small on purpose, so that the dashboard needs no JSON
 * library on the application's class path.
 */
final class Json {

	private Json() {
	}

	static String write(@Nullable Object value) {
		StringBuilder json = new StringBuilder();
		write(json, value);
		return json.toString();
	}

	private static void write(StringBuilder json, @Nullable Object value) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
			json.append(value);
		}
		else if (value instanceof Number number) {
			double d = number.doubleValue();
			json.append((Double.isFinite(d)) ? number.toString() : "null");
		}
		else if (value instanceof Map<?, ?> map) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!first) {
					json.append(',');
				}
				first = false;
				string(json, String.valueOf(entry.getKey()));
				json.append(':');
				write(json, entry.getValue());
			}
			json.append('}');
		}
		else if (value instanceof Iterable<?> items) {
			json.append('[');
			boolean first = true;
			for (Object item : items) {
				if (!first) {
					json.append(',');
				}
				first = false;
				write(json, item);
			}
			json.append(']');
		}
		else if (value instanceof Enum<?> constant) {
			string(json, constant.name());
		}
		else if (value instanceof CharSequence || value instanceof TemporalAccessor || value instanceof Character) {
			string(json, value.toString());
		}
		else {
			throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON");
		}
	}

	private static void string(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				case '<' -> json.append("\\u003c");
				default -> {
					if (c < 0x20 || c == '\u2028' || c == '\u2029') {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
