package dev.forge.core.internal.generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.forge.core.internal.generate.MigrationPlanner.FilePlan;
import dev.forge.core.internal.schema.Identifiers;
import dev.forge.core.schema.Column;
import dev.forge.core.schema.ColumnType;
import dev.forge.core.schema.SchemaChange;
import dev.forge.core.schema.SchemaChange.AlterColumnType;
import dev.forge.core.schema.SchemaChange.DropColumn;
import dev.forge.core.schema.SchemaChange.DropSequence;
import dev.forge.core.schema.SchemaChange.DropTable;
import dev.forge.core.schema.SchemaChange.RenameColumn;
import dev.forge.core.schema.SchemaChange.RenameConstraint;
import dev.forge.core.schema.SchemaChange.RenameIndex;
import dev.forge.core.schema.SchemaChange.RenameTable;

import static dev.forge.core.internal.schema.Identifiers.quote;

/**
 * Plans the two-phase form of breaking changes (DESIGN §6) for the {@link MigrationPlanner}:
 * <ul>
 * <li>a column rename, or a type change that would rewrite the table: phase 1 adds the new
 * column (nullable; for a type change, a shadow column of the new type), a {@link SyncTrigger} and,
 * for a {@code NOT NULL} column, a {@code NOT VALID} check; a backfill file per table
 * ({@code -- forge:backfill}) copies the existing rows in batches, as a job that
 * {@code apply} registers; phase 2 waits for that job ({@code -- forge:after-backfill}),
 * then validates the check, sets {@code NOT NULL} and the default, drops
 * the trigger and the old column, and gives a shadow column the old name;</li>
 * <li>a table rename: phase 1 adds a view under the new name (PostgreSQL writes through a
 * simple view), phase 2 drops it and renames the table;</li>
 * <li>a dropped column or table: phase 1 is code only (a {@code NOT NULL} column without a
 * default loses its {@code NOT NULL}, so that new code can insert without it), phase 2
 * drops it.</li>
 * </ul>
 * Phase 2 is one last file marked {@code -- forge:deferred}. Guidance lines may name the
 * other files by their suffix, e.g. <code>{backfill}</code> and <code>{phase2}</code>.
 */
final class TwoPhasePlanner {

	private static final Set<String> WITHOUT_EQUALITY = Set.of("json", "xml", "point", "line", "lseg", "path",
			"polygon", "circle");

	private final DdlRenderer renderer = new DdlRenderer();

	private final TwoPhaseSplit split;

	private final FilePlan main;

	/** The columns each table's backfill copies, by table in the order they come. */
	private final Map<String, TableBackfill> backfills = new LinkedHashMap<>();

	private final List<FilePlan> backfillFiles = new ArrayList<>();

	private final FilePlan phase2 = new FilePlan("phase2", true);

	/** Whether a column changes its type in two phases, which the guidance then mentions. */
	private boolean retyped;

	/** New names of the tables that are only a view until phase 2. */
	private final Set<String> views = new HashSet<>();

	private final List<String> phase1Items = new ArrayList<>();

	private final List<String> phase2Items = new ArrayList<>();

	private final List<String> lostOnDown = new ArrayList<>();

	private final List<String> restoredOnDown = new ArrayList<>();

	TwoPhasePlanner(TwoPhaseSplit split, FilePlan main) {
		this.split = split;
		this.main = main;
		this.phase2.deferred = true;
	}

	/**
	 * Returns whether a change to an existing table takes a two-phase form.
	 * @param change the change
	 * @return {@code true} if {@link #add} plans it
	 */
	boolean handles(SchemaChange change) {
		if (change instanceof RenameColumn rename) {
			return this.split.whyNotSplit(rename) == null;
		}
		if (change instanceof RenameTable rename) {
			return this.split.whyNotSplit(rename) == null;
		}
		if (change instanceof AlterColumnType type) {
			return type.breaking() != null && this.split.whyNotSplit(type) == null;
		}
		if (change instanceof RenameConstraint || change instanceof RenameIndex) {
			return this.views.contains(change.table());
		}
		// a dropped sequence may still feed the default of a column or table that phase 2 drops
		return change instanceof DropColumn || change instanceof DropTable || change instanceof DropSequence;
	}

	/**
	 * Plans a change that {@link #handles} says takes a two-phase form.
	 * @param change the change
	 */
	void add(SchemaChange change) {
		if (change instanceof RenameColumn rename) {
			Column old = this.split.column(rename).orElseThrow();
			replaceColumn(rename.table(), old, new Column(rename.to(), old.type(), old.nullable(), old.defaultValue()));
		}
		else if (change instanceof AlterColumnType type) {
			Column old = this.split.column(type).orElseThrow();
			replaceColumn(type.table(), old, new Column(TwoPhaseSplit.shadowColumn(type), type.to(), old.nullable(),
					old.defaultValue()));
		}
		else if (change instanceof RenameTable rename) {
			renameTable(rename);
		}
		else if (change instanceof DropColumn drop) {
			dropColumn(drop);
		}
		else if (change instanceof DropTable drop) {
			this.phase2.add(this.renderer.render(drop), this.renderer.render(drop.reverse()), drop.breaking());
			this.phase2Items.add("DROP TABLE " + drop.table() + ": phase 1 is code only; deploy code that no longer"
					+ " uses the table first.");
			this.lostOnDown.add("table " + drop.table());
		}
		else {
			this.phase2.add(this.renderer.render(change), this.renderer.render(change.reverse()), change.breaking());
		}
	}

	/**
	 * Notes why a breaking change that stays in the main file was not split.
	 * @param change a change of the main file
	 */
	void explainUnsplit(SchemaChange change) {
		if (change instanceof RenameColumn rename) {
			this.main.notes.add(rename.breaking() + " is not split in two phases: " + this.split.whyNotSplit(rename)
					+ ". Rename it by hand in two phases, or apply the RENAME as it is.");
		}
		else if (change instanceof RenameTable rename) {
			this.main.notes.add(rename.breaking() + " is not split in two phases: " + this.split.whyNotSplit(rename)
					+ ". Rename it by hand in two phases, or apply the RENAME as it is.");
		}
		else if (change instanceof AlterColumnType type && type.breaking() != null) {
			this.main.notes.add(type.breaking() + " is not split in two phases: " + this.split.whyNotSplit(type)
					+ ". By hand: add a column of the new type, keep it in sync with a trigger, backfill, deploy"
					+ " code that uses it, then drop the old column in a later migration.");
		}
	}

	/**
	 * Writes the guidance of each phase into its file, once every change is planned.
	 */
	void finish() {
		planBackfills();
		if (!this.phase1Items.isEmpty()) {
			this.main.guidance.add("Two-phase change, phase 1 of 2: safe to apply while old code still runs.");
			this.phase1Items.forEach((item) -> this.main.guidance.add("  - " + backfillNames(item)));
			this.main.guidance.add("Then deploy code that uses only the new names" + (this.retyped ? " and types" : "")
					+ ". Phase 2, {phase2}, removes the old ones.");
		}
		if (!this.phase2.up.isEmpty()) {
			this.phase2.guidance.add("Two-phase change, phase 2 of 2: removes what only old code uses.");
			this.phase2Items.forEach((item) -> this.phase2.guidance.add("  - " + item));
			this.phase2.guidance.add("FORGE leaves this file pending (forge:deferred) and applies the files before it."
					+ " Once every node runs code that no longer uses the old names, add the line"
					+ " '-- forge:allow-breaking' under '-- forge:deferred'; the next apply runs it.");
			if (!this.restoredOnDown.isEmpty()) {
				this.phase2.guidance.add("Down puts back " + String.join(", ", this.restoredOnDown)
						+ " and copies the data back from the new column.");
			}
			if (!this.lostOnDown.isEmpty()) {
				this.phase2.guidance.add("Down adds " + String.join(", ", this.lostOnDown)
						+ " back empty: the dropped data cannot come back.");
			}
		}
	}

	/**
	 * Makes one backfill file per table whose columns are copied, and makes phase 2 wait for
	 * the last one. A file waits for one job only, so with several tables phase 2 says which
	 * other jobs to see {@code DONE} before it is allowed.
	 */
	private void planBackfills() {
		for (Map.Entry<String, TableBackfill> entry : this.backfills.entrySet()) {
			String suffix = backfillSuffix(entry.getKey());
			FilePlan file = new FilePlan(suffix, true);
			file.backfill = true;
			file.emptyDown = "nothing to undo: the backfill only copies data";
			file.add(List.of(entry.getValue().update(entry.getKey())), List.of(), null);
			file.guidance.add("Two-phase change, phase 1 backfill: copies each old column into its new one for the"
					+ " rows written before the sync trigger existed. Apply does not run the UPDATE: it registers"
					+ " a backfill job that updates the rows still to do in short batches keyed on the primary key,"
					+ " each its own transaction, so that neither the table nor many rows stay locked ('migrate"
					+ " jobs' shows its progress). {phase2} waits until the job is DONE.");
			this.backfillFiles.add(file);
		}
		if (this.backfillFiles.isEmpty()) {
			return;
		}
		this.backfillFiles.forEach((file) -> this.phase2.afterBackfills.add(file.suffix));
	}

	private String backfillSuffix(String table) {
		return (this.backfills.size() == 1) ? "backfill" : "backfill_" + MigrationGenerator.slug(table);
	}

	/** Names the backfill file of each table in a guidance line. */
	private String backfillNames(String line) {
		String result = line;
		for (String table : this.backfills.keySet()) {
			result = result.replace("{backfill@" + table + "}", "{" + backfillSuffix(table) + "}");
		}
		return result;
	}

	/**
	 * Returns the backfill files, one per table, in the order their tables come.
	 * @return the files, empty when no column is copied
	 */
	List<FilePlan> backfills() {
		return this.backfillFiles;
	}

	FilePlan phase2() {
		return this.phase2;
	}

	/**
	 * Replaces a column by a new one, kept equal to it by a trigger until phase 2 drops the
	 * old one: a rename (another name, the same type) or a type change (a shadow column of the
	 * new type that phase 2 renames to the old name, so that the table is never rewritten
	 * under an {@code ACCESS EXCLUSIVE} lock).
	 */
	private void replaceColumn(String table, Column old, Column replacement) {
		String from = old.name();
		String to = replacement.name();
		boolean retype = !replacement.type().equals(old.type());
		this.retyped |= retype;
		SyncTrigger trigger = new SyncTrigger(table, from, to, WITHOUT_EQUALITY.contains(replacement.type().name()));
		String check = Identifiers.name(table, List.of(to), "not_null");
		String addCheck = this.renderer.alter(table) + "ADD CONSTRAINT " + quote(check) + " CHECK (" + quote(to)
				+ " IS NOT NULL) NOT VALID";
		String where = retype ? table + "." + from + " " + old.type() + " → " + replacement.type()
				: table + "." + from + " → " + table + "." + to;
		this.main.add(List.of(this.renderer.alter(table) + "ADD COLUMN " + quote(to) + " " + replacement.type().sql()),
				List.of(this.renderer.alter(table) + "DROP COLUMN " + quote(to)), null);
		this.main.add(trigger.create(), trigger.drop(), null);
		if (!old.nullable()) {
			this.main.add(List.of(addCheck), List.of(this.renderer.dropConstraint(table, check)), null);
		}
		String copied = quote(from) + (retype ? "::" + replacement.type().sql() : "");
		this.backfills.computeIfAbsent(table, (key) -> new TableBackfill())
			.copy(quote(to), copied, comparable(quote(to), replacement.type()) + " IS DISTINCT FROM "
					+ comparable(copied, replacement.type()));
		String backfill = "{backfill@" + table + "}";
		this.phase1Items.add(retype
				? where + ": adds " + to + " of the new type, and a trigger that keeps " + from + " and " + to
						+ " equal on every INSERT and UPDATE, so that running code keeps writing " + from
						+ " while " + backfill + " copies the existing rows; the table is not rewritten under a lock."
				: where + ": adds " + to + ", and a trigger that keeps " + from + " and " + to
						+ " equal on every INSERT and UPDATE, so that old code (" + from + ") and new code (" + to
						+ ") can run side by side; " + backfill + " copies the existing rows.");
		List<String> done = new ArrayList<>();
		if (!old.nullable()) {
			this.phase2.add(
					List.of(this.renderer.alter(table) + "VALIDATE CONSTRAINT " + quote(check),
							this.renderer.alterColumn(table, to) + "SET NOT NULL",
							this.renderer.dropConstraint(table, check)),
					List.of(this.renderer.alterColumn(table, to) + "DROP NOT NULL", addCheck),
					"SET NOT NULL: " + table + "." + to);
			done.add("makes " + to + " NOT NULL through the check phase 1 added");
		}
		if (old.defaultValue() != null) {
			this.phase2.add(List.of(this.renderer.alterColumn(table, to) + "SET DEFAULT " + old.defaultValue()),
					List.of(this.renderer.alterColumn(table, to) + "DROP DEFAULT"), null);
			done.add("gives " + to + " the default of " + from);
		}
		this.phase2.add(trigger.drop(), trigger.create(), null);
		List<String> putBack = new ArrayList<>();
		putBack.add(this.renderer.alter(table) + "ADD COLUMN " + quote(from) + " " + old.type().sql());
		putBack.add("UPDATE " + quote(table) + " SET " + quote(from) + " = " + quote(to)
				+ (retype ? "::" + old.type().sql() : ""));
		if (!old.nullable()) {
			putBack.add(this.renderer.alterColumn(table, from) + "SET NOT NULL");
		}
		if (old.defaultValue() != null) {
			putBack.add(this.renderer.alterColumn(table, from) + "SET DEFAULT " + old.defaultValue());
		}
		this.phase2.add(List.of(this.renderer.alter(table) + "DROP COLUMN " + quote(from)), putBack,
				retype ? "CHANGE TYPE: " + where : "DROP COLUMN: " + table + "." + from);
		done.add("drops the sync trigger and " + from);
		if (retype) {
			this.phase2.add(List.of(this.renderer.alter(table) + "RENAME COLUMN " + quote(to) + " TO " + quote(from)),
					List.of(this.renderer.alter(table) + "RENAME COLUMN " + quote(from) + " TO " + quote(to)), null);
			done.add("renames " + to + " to " + from);
		}
		this.phase2Items.add(where + ": " + String.join(", ", done) + ".");
		this.restoredOnDown.add(table + "." + from);
	}

	private void renameTable(RenameTable rename) {
		String view = "CREATE VIEW " + quote(rename.to()) + " AS SELECT * FROM " + quote(rename.from());
		String dropView = "DROP VIEW " + quote(rename.to());
		this.views.add(rename.to());
		this.main.add(List.of(view), List.of(dropView), null);
		this.phase2.add(List.of(dropView, this.renderer.render(rename).get(0)),
				List.of(this.renderer.render(rename.reverse()).get(0), view), rename.breaking());
		this.phase1Items.add(rename.from() + " → " + rename.to() + ": adds the view " + rename.to() + " over "
				+ rename.from() + ". PostgreSQL inserts, updates and deletes through such a simple view, so new code"
				+ " can use " + rename.to() + " while old code keeps using " + rename.from() + ". The view shows"
				+ " the columns the table has now; change the table only after phase 2.");
		this.phase2Items.add(rename.from() + " → " + rename.to() + ": drops the view " + rename.to()
				+ " and renames the table " + rename.from() + " to " + rename.to() + ".");
	}

	private void dropColumn(DropColumn drop) {
		Column column = drop.column();
		String table = drop.table();
		Column before = column;
		if (!column.nullable() && column.defaultValue() == null) {
			this.main.add(List.of(this.renderer.alterColumn(table, column.name()) + "DROP NOT NULL"),
					List.of(this.renderer.alterColumn(table, column.name()) + "SET NOT NULL"), null);
			this.phase1Items.add(table + "." + column.name() + ": drops its NOT NULL, so that new code can insert"
					+ " rows without it.");
			before = new Column(column.name(), column.type(), true, null);
		}
		this.phase2.add(this.renderer.render(drop), this.renderer.render(new DropColumn(table, before).reverse()),
				drop.breaking());
		this.phase2Items.add("DROP COLUMN " + table + "." + column.name() + ": phase 1 is code only"
				+ ((before != column) ? " (and dropped its NOT NULL)" : "")
				+ "; deploy code that no longer reads or writes it first.");
		this.lostOnDown.add("column " + table + "." + column.name());
	}

	/**
	 * Returns an expression that {@code IS DISTINCT FROM} can compare: types without an
	 * equality operator ({@code json}, {@code xml}, the geometric types) compare as text.
	 */
	private static String comparable(String expression, ColumnType type) {
		return WITHOUT_EQUALITY.contains(type.name()) ? "(" + expression + ")::text" : expression;
	}

	/**
	 * The one {@code UPDATE} of a table's backfill. Its {@code WHERE} matches a row while any
	 * new column differs from its old one ({@code IS DISTINCT FROM}, so that {@code NULL}s
	 * match only each other), so that it stops matching a row once the row is copied, and
	 * skips the rows the sync trigger has kept equal since phase 1.
	 */
	private static final class TableBackfill {

		private final List<String> assignments = new ArrayList<>();

		private final List<String> differences = new ArrayList<>();

		void copy(String column, String value, String difference) {
			this.assignments.add(column + " = " + value);
			this.differences.add(difference);
		}

		String update(String table) {
			return "UPDATE " + quote(table) + " SET " + String.join(", ", this.assignments) + " WHERE "
					+ String.join(" OR ", this.differences);
		}

	}

}
