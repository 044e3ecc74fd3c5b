package dev.forge.core.internal.safety;

import java.util.List;

import dev.forge.core.internal.script.Token;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a statement changes about columns, for {@link ColumnTypes#after(List)}: the
 * types it defines, the columns and tables it renames, and the {@code IS NOT NULL} checks it
 * adds, validates or drops.
 */
final class ColumnTypeLearner {

	private static final List<String> NOT_COLUMNS = List.of("CONSTRAINT", "CHECK", "UNIQUE", "PRIMARY", "FOREIGN",
			"EXCLUDE", "LIKE");

	private ColumnTypeLearner() {
	}

	static void learn(List<Token> tokens, LearnedColumnTypes learned) {
		TokenCursor cursor = new TokenCursor(tokens);
		if (cursor.accept("CREATE")) {
			cursor.accept("UNLOGGED");
			if (cursor.accept("TABLE")) {
				cursor.accept("IF", "NOT", "EXISTS");
				ObjectName table = cursor.objectName();
				if (table != null && cursor.peekSymbol("(")) {
					List<List<Token>> elements = new TokenCursor(cursor.parenthesized()).splitRestAtCommas();
					// LIKE and INHERITS bring columns the list does not show
					boolean complete = !cursor.restHasTopLevel("INHERITS")
							&& elements.stream().noneMatch((element) -> !element.isEmpty() && element.get(0).is("LIKE"));
					for (List<Token> element : elements) {
						TokenCursor definition = new TokenCursor(element);
						String column = NOT_COLUMNS.contains(definition.peekWord()) ? null : definition.identifier();
						if (column != null) {
							ColumnDefinition read = ColumnDefinition.read(column, definition);
							learned.type(table, column, read.type());
							// a primary key makes its columns NOT NULL too, which FORGE does not count here
							if (read.notNull()) {
								learned.notNull(table, column, true);
							}
							if (complete) {
								learned.created(table, column);
							}
						}
					}
				}
			}
		}
		else if (cursor.accept("ALTER", "TABLE")) {
			cursor.accept("IF", "EXISTS");
			cursor.accept("ONLY");
			ObjectName table = cursor.objectName();
			if (table == null) {
				return;
			}
			if (cursor.accept("RENAME")) {
				rename(table, cursor, learned);
				return;
			}
			for (List<Token> action : cursor.splitRestAtCommas()) {
				alter(table, new TokenCursor(action), learned);
			}
		}
	}

	private static void rename(ObjectName table, TokenCursor cursor, LearnedColumnTypes learned) {
		if (cursor.accept("TO")) {
			String to = cursor.identifier();
			if (to != null) {
				learned.renamedTable(table, to);
			}
			return;
		}
		if (cursor.peekIs("CONSTRAINT")) {
			return;
		}
		cursor.accept("COLUMN");
		String from = cursor.identifier();
		String to = cursor.accept("TO") ? cursor.identifier() : null;
		if (from != null && to != null) {
			learned.renamedColumn(table, from, to);
		}
	}

	private static void alter(ObjectName table, TokenCursor action, LearnedColumnTypes learned) {
		if (action.accept("ADD")) {
			if (action.peekIs("CONSTRAINT") || action.peekIs("CHECK")) {
				check(table, action, learned);
				return;
			}
			if (NOT_COLUMNS.contains(action.peekWord())) {
				return;
			}
			action.accept("COLUMN");
			action.accept("IF", "NOT", "EXISTS");
			column(table, action, learned);
		}
		else if (action.accept("ALTER")) {
			action.accept("COLUMN");
			String column = action.identifier();
			if (column != null && (action.accept("SET", "DATA", "TYPE") || action.accept("TYPE"))) {
				learned.type(table, column, SqlTypes.parse(action.until("COLLATE", "USING")));
			}
			else if (column != null && action.peekIs("SET", "NOT", "NULL")) {
				learned.notNull(table, column, true);
			}
			else if (column != null && action.peekIs("DROP", "NOT", "NULL")) {
				learned.notNull(table, column, false);
			}
		}
		else if (action.accept("VALIDATE", "CONSTRAINT")) {
			String constraint = action.identifier();
			if (constraint != null) {
				learned.validated(table, constraint);
			}
		}
		else if (action.accept("DROP", "CONSTRAINT")) {
			action.accept("IF", "EXISTS");
			String constraint = action.identifier();
			if (constraint != null) {
				learned.droppedConstraint(table, constraint);
			}
		}
	}

	private static void check(ObjectName table, TokenCursor action, LearnedColumnTypes learned) {
		String name = action.accept("CONSTRAINT") ? action.identifier() : null;
		if (!action.accept("CHECK")) {
			return;
		}
		String column = notNullColumn(action.parenthesized());
		if (column != null) {
			boolean notValid = action.peekIs("NOT", "VALID");
			// PostgreSQL's name for an unnamed check on one column
			String constraint = (name != null) ? name : table.name() + "_" + column + "_check";
			learned.check(table, new ColumnTypes.NotNullCheck(constraint, column, !notValid));
		}
	}

	/**
	 * Returns the column of a check expression that is {@code column IS NOT NULL} and nothing
	 * else, in as many parentheses as written, or {@code null}.
	 */
	static @Nullable String notNullColumn(List<Token> expression) {
		TokenCursor cursor = new TokenCursor(expression);
		if (cursor.peekSymbol("(")) {
			List<Token> inner = cursor.parenthesized();
			return cursor.atEnd() ? notNullColumn(inner) : null;
		}
		String column = cursor.identifier();
		return (column != null && cursor.accept("IS", "NOT", "NULL") && cursor.atEnd()) ? column : null;
	}

	private static void column(ObjectName table, TokenCursor element, LearnedColumnTypes learned) {
		if (NOT_COLUMNS.contains(element.peekWord())) {
			return;
		}
		String column = element.identifier();
		if (column != null) {
			ColumnDefinition definition = ColumnDefinition.read(column, element);
			learned.type(table, column, definition.type());
			learned.notNull(table, column, definition.notNull());
		}
	}

}
