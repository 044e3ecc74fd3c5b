package dev.forge.core.internal.generate;

import java.util.List;

import dev.forge.core.internal.schema.Identifiers;

import static dev.forge.core.internal.schema.Identifiers.quote;

/**
 * The trigger that keeps an old and a new column equal while old code (writing the old
 * column) and new code (writing the new one) run side by side, phase 1 of a two-phase
 * rename. On {@code INSERT} a given new value wins, else the old value is copied; on
 * {@code UPDATE} a changed new value wins, else the old value is copied, which also fills
 * rows the backfill has not reached yet.
 */
final class SyncTrigger {

	private final String table;

	private final String oldColumn;

	private final String newColumn;

	private final String name;

	private final boolean comparedAsText;

	/**
	 * Creates the trigger of two columns.
	 * @param comparedAsText whether the new column's type has no equality operator (such as
	 * {@code json}), so that its values are compared as text
	 */
	SyncTrigger(String table, String oldColumn, String newColumn, boolean comparedAsText) {
		this.table = table;
		this.oldColumn = oldColumn;
		this.newColumn = newColumn;
		this.comparedAsText = comparedAsText;
		this.name = Identifiers.name(table, List.of(oldColumn, newColumn), "sync");
	}

	/**
	 * Returns the statements that create the function and the trigger.
	 * @return the statements
	 */
	List<String> create() {
		String oldValue = "NEW." + quote(this.oldColumn);
		String newValue = "NEW." + quote(this.newColumn);
		String function = "CREATE FUNCTION " + quote(this.name) + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
				+ "BEGIN\n"
				+ "    IF TG_OP = 'INSERT' THEN\n"
				+ "        IF " + newValue + " IS NULL THEN\n"
				+ "            " + newValue + " := " + oldValue + ";\n"
				+ "        ELSE\n"
				+ "            " + oldValue + " := " + newValue + ";\n"
				+ "        END IF;\n"
				+ "    ELSIF " + compared(newValue) + " IS DISTINCT FROM " + compared("OLD." + quote(this.newColumn))
				+ " THEN\n"
				+ "        " + oldValue + " := " + newValue + ";\n"
				+ "    ELSE\n"
				+ "        " + newValue + " := " + oldValue + ";\n"
				+ "    END IF;\n"
				+ "    RETURN NEW;\n"
				+ "END\n"
				+ "$$";
		String trigger = "CREATE TRIGGER " + quote(this.name) + " BEFORE INSERT OR UPDATE ON " + quote(this.table)
				+ " FOR EACH ROW EXECUTE FUNCTION " + quote(this.name) + "()";
		return List.of(function, trigger);
	}

	private String compared(String value) {
		return this.comparedAsText ? value + "::text" : value;
	}

	/**
	 * Returns the statements that drop the trigger and the function.
	 * @return the statements
	 */
	List<String> drop() {
		return List.of("DROP TRIGGER " + quote(this.name) + " ON " + quote(this.table),
				"DROP FUNCTION " + quote(this.name) + "()");
	}

}
