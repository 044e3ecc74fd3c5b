package dev.forge.core.internal.safety;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.forge.core.LockLevel;
import dev.forge.core.SafetyClass;
import dev.forge.core.TableImpact;
import dev.forge.core.internal.script.Token;
import org.jspecify.annotations.Nullable;

import static dev.forge.core.LockLevel.ACCESS_EXCLUSIVE;
import static dev.forge.core.LockLevel.SHARE_ROW_EXCLUSIVE;
import static dev.forge.core.LockLevel.SHARE_UPDATE_EXCLUSIVE;
import static dev.forge.core.SafetyClass.BREAKING;
import static dev.forge.core.SafetyClass.DATA_LOSS;
import static dev.forge.core.SafetyClass.LONG_LOCK;
import static dev.forge.core.SafetyClass.NOT_ANALYSED;
import static dev.forge.core.SafetyClass.SAFE;

/**
 * {@code ALTER TABLE} and each of its sub-commands. Locks follow the {@code ALTER TABLE}
 * page of the PostgreSQL documentation: {@code ACCESS EXCLUSIVE} unless noted otherwise.
 */
final class AlterTableRules {

	/** Words that start a column constraint in a column definition. */
	static final String[] COLUMN_CONSTRAINT_WORDS = { "CONSTRAINT", "NOT", "NULL", "DEFAULT", "CHECK", "UNIQUE",
			"PRIMARY", "REFERENCES", "GENERATED", "COLLATE", "DEFERRABLE", "INITIALLY", "COMPRESSION", "STORAGE" };

	private static final String TWO_PHASE_RENAME = "Rename in two phases: add the new column (or a view with the new"
			+ " table name), write to both and backfill, deploy code that uses only the new name, then drop the old"
			+ " one in a later migration. Or keep the database name and map it in code.";

	private static final String STOP_USING_FIRST = "Deploy code that no longer uses it first (phase 1), then drop"
			+ " it in a later migration (phase 2).";

	private final AnalysisContext context;

	private final FindingCollector out;

	private final ObjectName table;

	private AlterTableRules(AnalysisContext context, FindingCollector out, ObjectName table) {
		this.context = context;
		this.out = out;
		this.table = table;
	}

	/** Analyses what follows {@code ALTER TABLE}. */
	static void analyze(TokenCursor cursor, AnalysisContext context, FindingCollector out) {
		if (cursor.peekIs("ALL", "IN")) {
			out.add(NOT_ANALYSED, "ALTER TABLE ALL IN TABLESPACE", "")
				.reason("FORGE does not analyse statements on every table of a tablespace.");
			return;
		}
		cursor.accept("IF", "EXISTS");
		cursor.accept("ONLY");
		ObjectName table = cursor.objectName();
		if (table == null) {
			out.add(NOT_ANALYSED, "ALTER TABLE", "").reason("FORGE could not read the table's name.");
			return;
		}
		cursor.acceptSymbol("*");
		new AlterTableRules(context, out, table).actions(cursor);
	}

	private void actions(TokenCursor cursor) {
		if (cursor.accept("RENAME")) {
			rename(cursor);
			return;
		}
		if (cursor.accept("SET", "SCHEMA")) {
			String schema = String.valueOf(cursor.identifier());
			this.out.add(BREAKING, "SET SCHEMA", this.table + " \u2192 " + schema + "." + this.table.name())
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("Old code that finds the table through its search path no longer finds it.")
				.instead("Keep the table where it is, or move it in two phases behind a view.");
			return;
		}
		if (cursor.peekIs("ATTACH", "PARTITION") || cursor.peekIs("DETACH", "PARTITION")) {
			partition(cursor);
			return;
		}
		for (List<Token> action : cursor.splitRestAtCommas()) {
			action(new TokenCursor(action));
		}
	}

	private void rename(TokenCursor cursor) {
		if (cursor.accept("TO")) {
			String newName = String.valueOf(cursor.identifier());
			this.out.add(BREAKING, "RENAME TABLE", this.table + " \u2192 " + newName)
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("Old code still uses the old table name and fails.")
				.instead(TWO_PHASE_RENAME);
			if (this.context.isNew(this.table)) {
				this.context.created(this.table.sibling(newName));
			}
			return;
		}
		if (cursor.accept("CONSTRAINT")) {
			String constraint = String.valueOf(cursor.identifier());
			this.out.add(SAFE, "RENAME CONSTRAINT", this.table + "." + constraint)
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("Only the constraint's name changes; code does not refer to it.");
			return;
		}
		cursor.accept("COLUMN");
		String from = cursor.identifier();
		String to = cursor.accept("TO") ? cursor.identifier() : null;
		if (from == null || to == null) {
			this.out.add(NOT_ANALYSED, "ALTER TABLE RENAME", this.table.toString())
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("FORGE could not read this RENAME.");
			return;
		}
		this.out.add(BREAKING, "RENAME COLUMN", this.table + "." + from + " \u2192 " + this.table + "." + to)
			.table(this.table)
			.lock(ACCESS_EXCLUSIVE)
			.reason("Old code still uses the old column name and fails.")
			.instead(TWO_PHASE_RENAME);
	}

	private void partition(TokenCursor cursor) {
		boolean attach = cursor.accept("ATTACH", "PARTITION");
		if (!attach) {
			cursor.accept("DETACH", "PARTITION");
		}
		ObjectName partition = cursor.objectName();
		String target = this.table + " \u2192 " + partition;
		if (attach) {
			this.out.add(LONG_LOCK, "ATTACH PARTITION", target)
				.table(this.table)
				.lock(SHARE_UPDATE_EXCLUSIVE)
				.impact(TableImpact.SCAN)
				.reason("The partition is locked ACCESS EXCLUSIVE and scanned to check the partition bound.")
				.instead("Add a CHECK constraint matching the bound (NOT VALID, then VALIDATE) before attaching,"
						+ " so PostgreSQL skips the scan.");
		}
		else if (cursor.restHasTopLevel("CONCURRENTLY")) {
			this.out.add(SAFE, "DETACH PARTITION CONCURRENTLY", target)
				.table(this.table)
				.lock(SHARE_UPDATE_EXCLUSIVE)
				.reason("Reads and writes go on while the partition is detached.");
		}
		else {
			this.out.add(LONG_LOCK, "DETACH PARTITION", target)
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("The parent table is locked ACCESS EXCLUSIVE: every query on it waits.")
				.instead("DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+), in a no-transaction migration.");
		}
	}

	private void action(TokenCursor cursor) {
		String word = cursor.peekWord();
		switch (word) {
			case "ADD" -> {
				cursor.next();
				add(cursor);
			}
			case "DROP" -> {
				cursor.next();
				drop(cursor);
			}
			case "ALTER" -> {
				cursor.next();
				alter(cursor);
			}
			case "VALIDATE" -> validate(cursor);
			default -> other(cursor, word);
		}
	}

	private void add(TokenCursor cursor) {
		if (cursor.accept("COLUMN")) {
			addColumn(cursor);
			return;
		}
		String word = cursor.peekWord();
		if (word.equals("CONSTRAINT") || word.equals("CHECK") || word.equals("UNIQUE") || word.equals("PRIMARY")
				|| word.equals("FOREIGN") || word.equals("EXCLUDE")) {
			ConstraintRules.addTableConstraint(cursor, this.table, this.context, this.out);
			return;
		}
		addColumn(cursor);
	}

	private void addColumn(TokenCursor cursor) {
		cursor.accept("IF", "NOT", "EXISTS");
		String column = cursor.identifier();
		if (column == null) {
			this.out.add(NOT_ANALYSED, "ADD COLUMN", this.table.toString())
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("FORGE could not read the column definition.");
			return;
		}
		ColumnDefinition definition = ColumnDefinition.read(column, cursor);
		new AddColumnRule(this.context, this.out, this.table, definition).analyze();
	}

	private void drop(TokenCursor cursor) {
		if (cursor.accept("CONSTRAINT")) {
			cursor.accept("IF", "EXISTS");
			String constraint = String.valueOf(cursor.identifier());
			if (dropsIndex(constraint)) {
				this.out.add(LONG_LOCK, "DROP CONSTRAINT", this.table + "." + constraint)
					.table(this.table)
					.lock(ACCESS_EXCLUSIVE)
					.reason("A unique or primary key constraint drops its index with it, under ACCESS EXCLUSIVE:"
							+ " queued behind running queries, the drop blocks every read and write of the table. Old"
							+ " code's INSERT ... ON CONFLICT on these columns fails without it.")
					.instead("Create the replacement first; drop the constraint when no code relies on it, with"
							+ " a short lock_timeout.");
				return;
			}
			this.out.add(SAFE, "DROP CONSTRAINT", this.table + "." + constraint)
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("Old code keeps working without the constraint; the database no longer enforces it.");
			return;
		}
		cursor.accept("COLUMN");
		cursor.accept("IF", "EXISTS");
		String column = cursor.identifier();
		String target = this.table + "." + column;
		if (column != null && !cursor.restHasTopLevel("CASCADE")) {
			this.context.typeOf(this.table, column)
				.ifPresent((type) -> this.context.endState().droppedColumn(this.table, column, type, this.out));
		}
		FindingCollector.Draft breaking = this.out.add(BREAKING, "DROP COLUMN", target)
			.table(this.table)
			.lock(ACCESS_EXCLUSIVE)
			.reason("Old code that still selects or inserts the column fails.")
			.instead(STOP_USING_FIRST);
		this.out.also(DATA_LOSS, breaking)
			.reason("The column's values are gone; a rollback cannot bring them back.")
			.instead("Back the values up, or check that the column is unused and empty, before dropping it.");
	}

	/**
	 * Whether the constraint is a unique or primary key one, which owns an index: as the
	 * catalog says, or else as PostgreSQL names them ({@code _pkey}, {@code _key}).
	 */
	private boolean dropsIndex(String constraint) {
		return this.context.constraintType(this.table, constraint)
			.map((type) -> type == 'p' || type == 'u')
			.orElseGet(() -> constraint.endsWith("_pkey") || constraint.endsWith("_key"));
	}

	private void alter(TokenCursor cursor) {
		if (cursor.accept("CONSTRAINT")) {
			String constraint = String.valueOf(cursor.identifier());
			this.out.add(SAFE, "ALTER CONSTRAINT", this.table + "." + constraint)
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("Only the constraint's deferral settings change.");
			return;
		}
		cursor.accept("COLUMN");
		String column = cursor.identifier();
		if (column == null) {
			this.out.add(NOT_ANALYSED, "ALTER COLUMN", this.table.toString())
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("FORGE could not read the column's name.");
			return;
		}
		new AlterColumnRule(this.context, this.out, this.table, column).analyze(cursor);
	}

	private void validate(TokenCursor cursor) {
		cursor.accept("VALIDATE", "CONSTRAINT");
		String constraint = String.valueOf(cursor.identifier());
		String target = this.table + "." + constraint;
		Optional<LockLevel> held = this.context.lockHeldFromAdding(constraint);
		if (held.isPresent()) {
			this.out.add(LONG_LOCK, "VALIDATE CONSTRAINT", target)
				.table(this.table)
				.lock(held.get())
				.impact(TableImpact.SCAN)
				.reason("The constraint was added NOT VALID earlier in the same transaction, so the "
						+ held.get().sqlName() + " lock taken then is still held while VALIDATE scans the table.")
				.instead("Validate in a later migration, so that the scan runs under SHARE UPDATE EXCLUSIVE only.");
			return;
		}
		this.out.add(SAFE, "VALIDATE CONSTRAINT", target)
			.table(this.table)
			.lock(SHARE_UPDATE_EXCLUSIVE)
			.impact(TableImpact.SCAN)
			.reason("The table is scanned under SHARE UPDATE EXCLUSIVE: reads and writes go on.");
	}

	private void other(TokenCursor cursor, String word) {
		String action = String.join(" ", words(cursor.rest(), 3));
		Known known = Known.of(action);
		if (known == null) {
			this.out.add(NOT_ANALYSED, "ALTER TABLE " + (word.isEmpty() ? "?" : word), this.table.toString())
				.table(this.table)
				.lock(ACCESS_EXCLUSIVE)
				.reason("FORGE does not know this ALTER TABLE action: " + action + ".");
			return;
		}
		this.out.add(known.safetyClass, known.operation, this.table.toString())
			.table(this.table)
			.lock(known.lock)
			.impact(known.impact)
			.reason(known.reason)
			.instead(known.alternative);
	}

	private static List<String> words(List<Token> tokens, int limit) {
		return tokens.stream().limit(limit).map((token) -> token.text().toUpperCase(Locale.ROOT)).toList();
	}

	/**
	 * The table-level actions that need no parsing beyond their first words.
	 */
	private enum Known {

		ENABLE_TRIGGER("ENABLE TRIGGER", "ENABLE TRIGGER", SAFE, SHARE_ROW_EXCLUSIVE),

		DISABLE_TRIGGER("DISABLE TRIGGER", "DISABLE TRIGGER", SAFE, SHARE_ROW_EXCLUSIVE),

		ENABLE_REPLICA("ENABLE REPLICA TRIGGER", "ENABLE REPLICA TRIGGER", SAFE, SHARE_ROW_EXCLUSIVE),

		ENABLE_ALWAYS("ENABLE ALWAYS TRIGGER", "ENABLE ALWAYS TRIGGER", SAFE, SHARE_ROW_EXCLUSIVE),

		OWNER("OWNER TO", "OWNER TO", SAFE, ACCESS_EXCLUSIVE),

		REPLICA_IDENTITY("REPLICA IDENTITY", "REPLICA IDENTITY", SAFE, ACCESS_EXCLUSIVE),

		CLUSTER_ON("CLUSTER ON", "CLUSTER ON", SAFE, SHARE_UPDATE_EXCLUSIVE),

		WITHOUT_CLUSTER("SET WITHOUT CLUSTER", "SET WITHOUT CLUSTER", SAFE, SHARE_UPDATE_EXCLUSIVE),

		STORAGE_PARAMETERS("SET (", "SET (storage parameters)", SAFE, SHARE_UPDATE_EXCLUSIVE),

		RESET_PARAMETERS("RESET (", "RESET (storage parameters)", SAFE, SHARE_UPDATE_EXCLUSIVE),

		SET_LOGGED("SET LOGGED", "SET LOGGED", LONG_LOCK, ACCESS_EXCLUSIVE),

		SET_UNLOGGED("SET UNLOGGED", "SET UNLOGGED", LONG_LOCK, ACCESS_EXCLUSIVE),

		SET_TABLESPACE("SET TABLESPACE", "SET TABLESPACE", LONG_LOCK, ACCESS_EXCLUSIVE),

		SET_ACCESS_METHOD("SET ACCESS METHOD", "SET ACCESS METHOD", LONG_LOCK, ACCESS_EXCLUSIVE);

		private final String prefix;

		private final String operation;

		private final SafetyClass safetyClass;

		private final LockLevel lock;

		private final TableImpact impact;

		private final String reason;

		private final @Nullable String alternative;

		Known(String prefix, String operation, SafetyClass safetyClass, LockLevel lock) {
			this.prefix = prefix;
			this.operation = operation;
			this.safetyClass = safetyClass;
			this.lock = lock;
			boolean rewrites = safetyClass == LONG_LOCK;
			this.impact = rewrites ? TableImpact.REWRITE : TableImpact.NONE;
			this.reason = rewrites ? "The whole table is copied under ACCESS EXCLUSIVE: every query on it waits."
					: "Only the catalog changes, under a " + lock.sqlName() + " lock.";
			this.alternative = rewrites ? "Do it in a maintenance window, or with a tool that copies the table"
					+ " online (e.g. pg_repack)." : null;
		}

		static @Nullable Known of(String action) {
			for (Known known : values()) {
				if (action.startsWith(known.prefix)) {
					return known;
				}
			}
			return null;
		}

	}

}
