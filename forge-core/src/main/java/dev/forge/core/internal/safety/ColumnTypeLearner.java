package dev.forge.core.internal.safety;

import java.util.List;
import java.util.Map;

import dev.forge.core.internal.script.Token;
import dev.forge.core.schema.ColumnType;

/**
 * Reads the column types a statement defines, for {@link ColumnTypes#after(List)}.
 */
final class ColumnTypeLearner {

	private static final List<String> NOT_COLUMNS = List.of("CONSTRAINT", "CHECK", "UNIQUE", "PRIMARY", "FOREIGN",
			"EXCLUDE", "LIKE");

	private ColumnTypeLearner() {
	}

	static void learn(List<Token> tokens, Map<String, String> types) {
		TokenCursor cursor = new TokenCursor(tokens);
		if (cursor.accept("CREATE")) {
			cursor.accept("UNLOGGED");
			if (cursor.accept("TABLE")) {
				cursor.accept("IF", "NOT", "EXISTS");
				ObjectName table = cursor.objectName();
				if (table != null && cursor.peekSymbol("(")) {
					for (List<Token> element : new TokenCursor(cursor.parenthesized()).splitRestAtCommas()) {
						column(table, new TokenCursor(element), types);
					}
				}
			}
		}
		else if (cursor.accept("ALTER", "TABLE")) {
			cursor.accept("IF", "EXISTS");
			cursor.accept("ONLY");
			ObjectName table = cursor.objectName();
			if (table == null || cursor.peekIs("RENAME")) {
				return;
			}
			for (List<Token> action : cursor.splitRestAtCommas()) {
				alter(table, new TokenCursor(action), types);
			}
		}
	}

	private static void alter(ObjectName table, TokenCursor action, Map<String, String> types) {
		if (action.accept("ADD")) {
			if (NOT_COLUMNS.contains(action.peekWord())) {
				return;
			}
			action.accept("COLUMN");
			action.accept("IF", "NOT", "EXISTS");
			column(table, action, types);
		}
		else if (action.accept("ALTER")) {
			action.accept("COLUMN");
			String column = action.identifier();
			if (column != null && (action.accept("SET", "DATA", "TYPE") || action.accept("TYPE"))) {
				put(table, column, SqlTypes.parse(action.until("COLLATE", "USING")), types);
			}
		}
	}

	private static void column(ObjectName table, TokenCursor element, Map<String, String> types) {
		if (NOT_COLUMNS.contains(element.peekWord())) {
			return;
		}
		String column = element.identifier();
		if (column != null) {
			put(table, column, ColumnDefinition.read(column, element).type(), types);
		}
	}

	private static void put(ObjectName table, String column, ColumnType type, Map<String, String> types) {
		types.put(table.name() + "." + column, type.toString());
		if (table.schema() != null) {
			types.put(table.schema() + "." + table.name() + "." + column, type.toString());
		}
	}

}
