package dev.forge.core.internal.generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.forge.core.internal.schema.Identifiers;
import dev.forge.core.schema.Index;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.SchemaChange;
import dev.forge.core.schema.SchemaChange.AddColumn;
import dev.forge.core.schema.SchemaChange.AddForeignKey;
import dev.forge.core.schema.SchemaChange.AddUnique;
import dev.forge.core.schema.SchemaChange.AlterIdentity;
import dev.forge.core.schema.SchemaChange.AlterSequence;
import dev.forge.core.schema.SchemaChange.CreateIndex;
import dev.forge.core.schema.SchemaChange.CreateTable;
import dev.forge.core.schema.SchemaChange.DropTable;
import dev.forge.core.schema.SchemaChange.SetNotNull;
import org.jspecify.annotations.Nullable;

import static dev.forge.core.internal.schema.Identifiers.quote;

/**
 * Spreads changes over up to three files and picks the safe form of each (DESIGN §6):
 * <ol>
 * <li>the main file, in a transaction: everything else, foreign keys added
 * {@code NOT VALID} and {@code NOT NULL} prepared as a {@code NOT VALID} check;</li>
 * <li>a no-transaction file with {@code CREATE [UNIQUE] INDEX CONCURRENTLY};</li>
 * <li>a follow-up file that validates: {@code VALIDATE CONSTRAINT}, {@code SET NOT NULL},
 * {@code ADD CONSTRAINT ... UNIQUE USING INDEX}.</li>
 * </ol>
 * Changes to tables created in the same migration take the plain form.
 * <p>
 * With {@link GeneratorOptions#twoPhase() two phases}, a column rename or a type change that
 * rewrites the table becomes a new column kept in sync by a trigger (main file) and a
 * backfill (a {@code -- forge:backfill} file per table, whose job copies the rows in short
 * batches after {@code apply}), a
 * table rename becomes a view under the new name, and what removes the old schema (the old
 * column, the view and the rename, dropped columns and tables) goes to a last,
 * {@code -- forge:deferred} file: phase 2.
 */
final class MigrationPlanner {

	private final DdlRenderer renderer = new DdlRenderer();

	private final GeneratorOptions options;

	MigrationPlanner(GeneratorOptions options) {
		this.options = options;
	}

	List<FilePlan> plan(List<SchemaChange> changes, @Nullable Schema actual) {
		Set<String> newTables = new HashSet<>();
		changes.stream()
			.filter(CreateTable.class::isInstance)
			.forEach((change) -> newTables.add(change.table()));
		Set<String> droppedTables = new HashSet<>();
		changes.stream()
			.filter(DropTable.class::isInstance)
			.forEach((change) -> droppedTables.add(change.table()));
		// a column must be NOT NULL before it becomes an identity column, in the same file
		Set<String> newIdentities = new HashSet<>();
		changes.stream()
			.filter((change) -> change instanceof AlterIdentity alter && alter.from() == null)
			.forEach((change) -> newIdentities.add(change.table() + "." + ((AlterIdentity) change).column()));
		FilePlan main = new FilePlan("", true);
		FilePlan concurrent = new FilePlan("indexes", false);
		FilePlan followUp = new FilePlan("validate", true);
		TwoPhasePlanner twoPhase = new TwoPhasePlanner(new TwoPhaseSplit(changes, actual), main);
		for (SchemaChange change : changes) {
			boolean existing = !newTables.contains(change.table());
			if (this.options.twoPhase() && existing && twoPhase.handles(change)) {
				twoPhase.add(change);
			}
			else if (existing && change instanceof CreateIndex create && this.options.concurrentIndexes()) {
				// IF EXISTS: a rollback killed after the first of several drops is recorded as not
				// rolled back, and the next one runs the Down section again from its first statement
				concurrent.add(List.of(this.renderer.createIndex(create.table(), create.index(), true)),
						List.of("DROP INDEX CONCURRENTLY IF EXISTS " + quote(create.index().name())), null);
			}
			else if (existing && change instanceof AddUnique add && this.options.concurrentIndexes()) {
				Index index = new Index(add.unique().name(), add.unique().columns(), true);
				concurrent.add(List.of(this.renderer.createIndex(add.table(), index, true)),
						List.of("DROP INDEX CONCURRENTLY IF EXISTS " + quote(index.name())), null);
				followUp.add(
						List.of(this.renderer.alter(add.table()) + "ADD CONSTRAINT " + quote(index.name())
								+ " UNIQUE USING INDEX " + quote(index.name())),
						List.of(this.renderer.dropConstraint(add.table(), index.name()),
								this.renderer.createIndex(add.table(), index, false)),
						null);
			}
			else if (existing && change instanceof AddForeignKey add && add.foreignKey().valid()) {
				main.add(List.of(this.renderer.addForeignKey(add.table(), add.foreignKey(), true)),
						this.renderer.render(change.reverse()), null);
				followUp.add(
						List.of(this.renderer.alter(add.table()) + "VALIDATE CONSTRAINT " + quote(add.foreignKey().name())),
						List.of(), null);
			}
			else if (existing && change instanceof SetNotNull set
					&& !newIdentities.contains(set.table() + "." + set.column())) {
				String check = Identifiers.name(set.table(), List.of(set.column()), "not_null");
				String addCheck = this.renderer.alter(set.table()) + "ADD CONSTRAINT " + quote(check) + " CHECK ("
						+ quote(set.column()) + " IS NOT NULL) NOT VALID";
				main.add(List.of(addCheck), List.of(this.renderer.dropConstraint(set.table(), check)), null);
				followUp.add(
						List.of(this.renderer.alter(set.table()) + "VALIDATE CONSTRAINT " + quote(check),
								this.renderer.alterColumn(set.table(), set.column()) + "SET NOT NULL",
								this.renderer.dropConstraint(set.table(), check)),
						List.of(this.renderer.alterColumn(set.table(), set.column()) + "DROP NOT NULL", addCheck),
						set.breaking());
			}
			else {
				main.add(render(change, newTables), render(change.reverse(), droppedTables), change.breaking());
				if (this.options.twoPhase() && existing) {
					twoPhase.explainUnsplit(change);
				}
				if (existing && change instanceof AddColumn add && !add.column().nullable()
						&& add.column().defaultValue() == null && add.column().identity() == null) {
					main.notes.add("ADD COLUMN " + add.table() + "." + add.column().name()
							+ " NOT NULL without a default fails when " + add.table()
							+ " has rows; give it a default (@Column(defaultValue = ...)) or add it nullable, "
							+ "backfill, then make it NOT NULL");
				}
			}
		}
		twoPhase.finish();
		List<FilePlan> ordered = new ArrayList<>();
		ordered.add(main);
		ordered.addAll(twoPhase.backfills());
		ordered.addAll(List.of(concurrent, followUp, twoPhase.phase2()));
		List<FilePlan> files = new ArrayList<>();
		for (FilePlan file : ordered) {
			if (!file.up.isEmpty()) {
				files.add(file);
			}
		}
		return files;
	}

	/**
	 * Renders a change; a sequence that comes to feed a column of a table that the same
	 * section creates has no used values to skip.
	 */
	private List<String> render(SchemaChange change, Set<String> emptyTables) {
		List<String> statements = this.renderer.render(change);
		if (change instanceof AlterSequence alter && alter.to().ownedBy() != null && statements.size() > 1) {
			String owner = alter.to().ownedBy();
			if (emptyTables.contains(owner.substring(0, owner.lastIndexOf('.')))) {
				return statements.subList(0, 1);
			}
		}
		return statements;
	}

	/**
	 * The statements of one file: Up in order, Down as the steps' inverses in reverse order.
	 */
	static final class FilePlan {

		final String suffix;

		final boolean transactional;

		final List<String> up = new ArrayList<>();

		final List<List<String>> downSteps = new ArrayList<>();

		final List<String> breaking = new ArrayList<>();

		final List<String> notes = new ArrayList<>();

		/** Lines that say which phase of a two-phase change the file is, and what to do. */
		final List<String> guidance = new ArrayList<>();

		/** Whether the file is the deferred phase 2 of a two-phase change. */
		boolean deferred;

		/** Whether the file is a backfill file, {@code -- forge:backfill}. */
		boolean backfill;

		/** The suffixes of the backfill files whose jobs this file waits for. */
		List<String> afterBackfills = new ArrayList<>();

		/** What the Down section says when it has nothing to run. */
		String emptyDown = "nothing to undo: validation does not change the schema";

		FilePlan(String suffix, boolean transactional) {
			this.suffix = suffix;
			this.transactional = transactional;
		}

		void add(List<String> upStatements, List<String> downStatements, @Nullable String breakingChange) {
			this.up.addAll(upStatements);
			this.downSteps.add(downStatements);
			if (breakingChange != null) {
				this.breaking.add(breakingChange);
			}
		}

		List<String> down() {
			List<String> down = new ArrayList<>();
			for (int i = this.downSteps.size() - 1; i >= 0; i--) {
				down.addAll(this.downSteps.get(i));
			}
			return down;
		}

	}

}
