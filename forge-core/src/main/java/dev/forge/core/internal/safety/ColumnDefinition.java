package dev.forge.core.internal.safety;

import java.util.List;

import dev.forge.core.internal.script.Token;
import dev.forge.core.schema.ColumnType;
import org.jspecify.annotations.Nullable;

/**
 * A column definition as in {@code ADD COLUMN} or {@code CREATE TABLE}: the name, the type
 * and the column constraints that matter for safety.
 *
 * @param name the column's name
 * @param type the column's type
 * @param notNull whether it is declared {@code NOT NULL}
 * @param defaultExpression the tokens of its {@code DEFAULT}, or {@code null} for none
 * @param check whether it has a {@code CHECK} constraint
 * @param unique whether it has a {@code UNIQUE} or {@code PRIMARY KEY} constraint
 * @param references the table a {@code REFERENCES} constraint points to, or {@code null}
 * @param generatedStored whether it is {@code GENERATED ALWAYS AS (...) STORED}
 * @param identity whether it is {@code GENERATED ... AS IDENTITY}
 */
record ColumnDefinition(String name, ColumnType type, boolean notNull, @Nullable List<Token> defaultExpression,
		boolean check, boolean unique, @Nullable ObjectName references, boolean generatedStored, boolean identity) {

	private static final String[] AFTER_DEFAULT = { "CONSTRAINT", "NOT", "CHECK", "UNIQUE", "PRIMARY", "REFERENCES",
			"GENERATED", "COLLATE", "DEFERRABLE", "INITIALLY" };

	/** Reads the definition of the column {@code name}, from its type to the end. */
	static ColumnDefinition read(String name, TokenCursor cursor) {
		ColumnType type = SqlTypes.parse(cursor.until(AlterTableRules.COLUMN_CONSTRAINT_WORDS));
		boolean notNull = false;
		List<Token> defaultExpression = null;
		boolean check = false;
		boolean unique = false;
		ObjectName references = null;
		boolean generatedStored = false;
		boolean identity = false;
		while (!cursor.atEnd()) {
			if (cursor.accept("CONSTRAINT")) {
				cursor.identifier();
			}
			else if (cursor.accept("NOT", "NULL")) {
				notNull = true;
			}
			else if (cursor.accept("DEFAULT")) {
				defaultExpression = cursor.peekIs("NULL") ? List.of(cursor.next()) : cursor.until(AFTER_DEFAULT);
			}
			else if (cursor.accept("CHECK")) {
				cursor.parenthesized();
				check = true;
			}
			else if (cursor.accept("UNIQUE") || cursor.accept("PRIMARY", "KEY")) {
				unique = true;
			}
			else if (cursor.accept("REFERENCES")) {
				references = cursor.objectName();
				skipReferentialActions(cursor);
			}
			else if (cursor.accept("GENERATED")) {
				// BY DEFAULT first: its DEFAULT would otherwise end the clause
				boolean byDefault = cursor.accept("BY", "DEFAULT");
				List<Token> rest = cursor.until("CONSTRAINT", "NOT", "NULL", "DEFAULT", "CHECK", "UNIQUE", "PRIMARY",
						"REFERENCES");
				boolean isIdentity = byDefault || rest.stream().anyMatch((token) -> token.is("IDENTITY"));
				identity |= isIdentity;
				generatedStored |= !isIdentity;
			}
			else {
				cursor.next();
			}
		}
		return new ColumnDefinition(name, type, notNull, defaultExpression, check, unique, references,
				generatedStored, identity);
	}

	private static void skipReferentialActions(TokenCursor cursor) {
		cursor.parenthesized();
		while (!cursor.atEnd()) {
			if (cursor.peekSymbol("(")) {
				cursor.parenthesized();
				continue;
			}
			String word = cursor.peekWord();
			if (!List.of("MATCH", "FULL", "PARTIAL", "SIMPLE", "ON", "DELETE", "UPDATE", "SET", "NULL", "DEFAULT",
					"CASCADE", "RESTRICT", "NO", "ACTION").contains(word)) {
				return;
			}
			cursor.next();
		}
	}

	/** Returns whether the default is something other than {@code NULL}. */
	boolean hasDefault() {
		return this.defaultExpression != null && !(this.defaultExpression.size() == 1
				&& this.defaultExpression.get(0).is("NULL"));
	}

}
