package dev.forge.core.internal.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.forge.core.internal.schema.DefaultValues;
import dev.forge.core.internal.schema.Sequences;
import dev.forge.core.schema.Column;
import dev.forge.core.schema.ForeignKey;
import dev.forge.core.schema.Index;
import dev.forge.core.schema.PossibleRename;
import dev.forge.core.schema.PrimaryKey;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.SchemaChange;
import dev.forge.core.schema.SchemaChange.AddColumn;
import dev.forge.core.schema.SchemaChange.AddForeignKey;
import dev.forge.core.schema.SchemaChange.AddPrimaryKey;
import dev.forge.core.schema.SchemaChange.AddUnique;
import dev.forge.core.schema.SchemaChange.AlterColumnType;
import dev.forge.core.schema.SchemaChange.AlterIdentity;
import dev.forge.core.schema.SchemaChange.AlterSequence;
import dev.forge.core.schema.SchemaChange.CreateIndex;
import dev.forge.core.schema.SchemaChange.CreateSequence;
import dev.forge.core.schema.SchemaChange.CreateTable;
import dev.forge.core.schema.SchemaChange.DropColumn;
import dev.forge.core.schema.SchemaChange.DropDefault;
import dev.forge.core.schema.SchemaChange.DropForeignKey;
import dev.forge.core.schema.SchemaChange.DropIndex;
import dev.forge.core.schema.SchemaChange.DropNotNull;
import dev.forge.core.schema.SchemaChange.DropPrimaryKey;
import dev.forge.core.schema.SchemaChange.DropSequence;
import dev.forge.core.schema.SchemaChange.DropTable;
import dev.forge.core.schema.SchemaChange.DropUnique;
import dev.forge.core.schema.SchemaChange.RenameColumn;
import dev.forge.core.schema.SchemaChange.RenameConstraint;
import dev.forge.core.schema.SchemaChange.RenameIndex;
import dev.forge.core.schema.SchemaChange.RenameTable;
import dev.forge.core.schema.SchemaChange.SetDefault;
import dev.forge.core.schema.SchemaChange.SetNotNull;
import dev.forge.core.schema.SchemaDiff;
import dev.forge.core.schema.Sequence;
import dev.forge.core.schema.Table;
import dev.forge.core.schema.Unique;
import org.jspecify.annotations.Nullable;

/**
 * Computes the changes that turn the live schema into the desired one.
 * <p>
 * Tables and columns match by name, or through the {@code renamedFrom} hint of the desired
 * side, which yields a rename instead of a drop and an add. Indexes and constraints match
 * by definition; one that matches under another name is renamed. Check constraints are
 * not managed (models cannot declare them), so they are left alone.
 * <p>
 * Sequences match by name; one that a desired column default reads with {@code nextval}
 * is kept even when the desired side does not list it. An identity column is always
 * {@code NOT NULL} and has no default, whatever the desired side says.
 * <p>
 * The changes come in an order that PostgreSQL accepts: sequences are released from owner
 * columns that go away or change; foreign keys, indexes and constraints that go away are
 * dropped; then tables and columns are renamed; new sequences are created, so that
 * defaults can use them; columns are changed; referenced tables are created before the
 * tables that reference them; keys, indexes and foreign keys are added; sequences get
 * their new owners and settings; dropped tables go last, then dropped sequences.
 *
 * @author FORGE
 * @since 0.1.0
 */
public class SchemaDiffer {

	/**
	 * Compares two schemas.
	 * @param actual the live schema, as read by the inspector
	 * @param desired the schema the models describe
	 * @return the changes, empty when the schemas match
	 */
	public SchemaDiff diff(Schema actual, Schema desired) {
		return new Plan(actual, desired).build();
	}

	private static final class Plan {

		private final Schema actual;

		private final Schema desired;

		/** Old table name to new, for renamed tables. */
		private final Map<String, String> tableRenames = new HashMap<>();

		/** New table name to (old column name to new). */
		private final Map<String, Map<String, String>> columnRenames = new HashMap<>();

		/** Desired table name to the actual table, renames applied. */
		private final Map<String, Table> matched = new TreeMap<>();

		/** Desired table name to the actual table as it is, before renames. */
		private final Map<String, Table> originals = new HashMap<>();

		private final List<SchemaChange> releaseSequences = new ArrayList<>();

		private final List<SchemaChange> createSequences = new ArrayList<>();

		private final List<SchemaChange> alterSequences = new ArrayList<>();

		private final List<SchemaChange> dropSequences = new ArrayList<>();

		private final List<SchemaChange> dropForeignKeys = new ArrayList<>();

		private final List<SchemaChange> dropKeysAndIndexes = new ArrayList<>();

		private final List<SchemaChange> renames = new ArrayList<>();

		private final List<SchemaChange> renameKeysAndIndexes = new ArrayList<>();

		private final List<SchemaChange> columnChanges = new ArrayList<>();

		private final List<SchemaChange> createTables = new ArrayList<>();

		private final List<SchemaChange> addKeysAndIndexes = new ArrayList<>();

		private final List<SchemaChange> addForeignKeys = new ArrayList<>();

		private final List<SchemaChange> dropTables = new ArrayList<>();

		private final List<PossibleRename> possibleRenames = new ArrayList<>();

		Plan(Schema actual, Schema desired) {
			this.actual = actual;
			this.desired = desired;
		}

		SchemaDiff build() {
			matchTables();
			List<Table> created = new ArrayList<>();
			List<Table> dropped = new ArrayList<>();
			Set<String> matchedActualNames = new HashSet<>();
			for (Table desiredTable : this.desired.tables()) {
				Table actualTable = this.matched.get(desiredTable.name());
				if (actualTable == null) {
					Table table = desiredTable.withoutRenameHints();
					created.add(table.withColumns(table.columns().stream().map(Sequences::asCreated).toList()));
				}
			}
			this.matched.values().forEach((table) -> matchedActualNames.add(table.name()));
			for (Table actualTable : this.actual.tables()) {
				String newName = this.tableRenames.getOrDefault(actualTable.name(), actualTable.name());
				if (!this.matched.containsKey(newName) || this.desired.table(newName).isEmpty()) {
					dropped.add(actualTable);
				}
			}
			Set<String> droppedNames = new HashSet<>();
			dropped.forEach((table) -> droppedNames.add(table.name()));
			this.matched.forEach((name, renamedActual) -> diffTable(this.originals.get(name), renamedActual,
					this.desired.table(name).orElseThrow(), droppedNames));
			for (Table table : dependencyOrder(created)) {
				this.createTables.add(new CreateTable(table.withForeignKeys(List.of())));
				table.foreignKeys().forEach((foreignKey) -> this.addForeignKeys.add(new AddForeignKey(table.name(), foreignKey)));
			}
			List<Table> dropOrder = dependencyOrder(dropped);
			for (int i = dropOrder.size() - 1; i >= 0; i--) {
				Table table = dropOrder.get(i);
				table.foreignKeys().forEach((foreignKey) -> this.dropForeignKeys.add(new DropForeignKey(table.name(), foreignKey)));
				this.dropTables.add(new DropTable(table.withForeignKeys(List.of())));
			}
			diffSequences();
			List<SchemaChange> changes = new ArrayList<>();
			changes.addAll(this.releaseSequences);
			changes.addAll(this.dropForeignKeys);
			changes.addAll(this.dropKeysAndIndexes);
			changes.addAll(this.renames);
			changes.addAll(this.renameKeysAndIndexes);
			changes.addAll(this.createSequences);
			changes.addAll(this.columnChanges);
			changes.addAll(this.createTables);
			changes.addAll(this.addKeysAndIndexes);
			changes.addAll(this.addForeignKeys);
			changes.addAll(this.alterSequences);
			changes.addAll(this.dropTables);
			changes.addAll(this.dropSequences);
			return new SchemaDiff(changes, this.possibleRenames, this.actual);
		}

		/**
		 * Compares sequences. An owner that goes away is released before anything is
		 * dropped (dropping the owner column would drop the sequence with it); a new owner
		 * is set once its column exists.
		 */
		private void diffSequences() {
			for (Sequence want : this.desired.sequences()) {
				Sequence have = this.actual.sequence(want.name()).orElse(null);
				if (have == null) {
					this.createSequences.add(new CreateSequence(withOwner(want, null)));
					if (want.ownedBy() != null) {
						this.alterSequences.add(new AlterSequence(withOwner(want, null), want));
					}
					continue;
				}
				Sequence renamed = withOwner(have, renamedColumn(have.ownedBy()));
				if (renamed.equals(want)) {
					continue;
				}
				if (renamed.ownedBy() != null && !renamed.ownedBy().equals(want.ownedBy())) {
					Sequence released = withOwner(want, null);
					this.releaseSequences.add(new AlterSequence(have, released));
					if (want.ownedBy() != null) {
						this.alterSequences.add(new AlterSequence(released, want));
					}
				}
				else {
					this.alterSequences.add(new AlterSequence(renamed, want));
				}
			}
			Set<String> usedByDefaults = Sequences.usedByDefaults(this.desired);
			for (Sequence have : this.actual.sequences()) {
				if (this.desired.sequence(have.name()).isEmpty() && !usedByDefaults.contains(have.name())) {
					if (have.ownedBy() != null) {
						this.releaseSequences.add(new AlterSequence(have, withOwner(have, null)));
					}
					this.dropSequences.add(new DropSequence(withOwner(have, null)));
				}
			}
		}

		/** Returns an owner column ({@code table.column}) under its name after renames. */
		private @Nullable String renamedColumn(@Nullable String ownedBy) {
			if (ownedBy == null) {
				return null;
			}
			int dot = ownedBy.lastIndexOf('.');
			String table = this.tableRenames.getOrDefault(ownedBy.substring(0, dot), ownedBy.substring(0, dot));
			String column = ownedBy.substring(dot + 1);
			return table + "." + this.columnRenames.getOrDefault(table, Map.of()).getOrDefault(column, column);
		}

		private static Sequence withOwner(Sequence sequence, @Nullable String ownedBy) {
			return Objects.equals(sequence.ownedBy(), ownedBy) ? sequence
					: new Sequence(sequence.name(), sequence.type(), sequence.start(), sequence.increment(), ownedBy);
		}

		private void matchTables() {
			Map<String, Table> actualByName = new LinkedHashMap<>();
			this.actual.tables().forEach((table) -> actualByName.put(table.name(), table));
			Map<String, Table> pairs = new TreeMap<>();
			for (Table desiredTable : this.desired.tables()) {
				String name = desiredTable.name();
				String from = desiredTable.renamedFrom();
				if (actualByName.containsKey(name)) {
					pairs.put(name, actualByName.get(name));
				}
				else if (from != null && actualByName.containsKey(from) && this.desired.table(from).isEmpty()) {
					pairs.put(name, actualByName.get(from));
					this.tableRenames.put(from, name);
					this.renames.add(new RenameTable(from, name));
				}
			}
			pairs.forEach((name, actualTable) -> {
				Table desiredTable = this.desired.table(name).orElseThrow();
				Map<String, String> renamed = new LinkedHashMap<>();
				for (Column column : desiredTable.columns()) {
					String from = column.renamedFrom();
					if (actualTable.column(column.name()).isEmpty() && from != null && actualTable.column(from).isPresent()
							&& desiredTable.column(from).isEmpty()) {
						renamed.put(from, column.name());
						this.renames.add(new RenameColumn(name, from, column.name()));
					}
				}
				this.columnRenames.put(name, renamed);
			});
			pairs.forEach((name, actualTable) -> {
				this.originals.put(name, actualTable);
				this.matched.put(name, applyRenames(actualTable, name));
			});
		}

		private Table applyRenames(Table table, String newName) {
			Map<String, String> columns = this.columnRenames.getOrDefault(newName, Map.of());
			Function<List<String>, List<String>> rename = (names) -> names.stream()
				.map((name) -> columns.getOrDefault(name, name))
				.toList();
			PrimaryKey primaryKey = (table.primaryKey() != null)
					? new PrimaryKey(table.primaryKey().name(), rename.apply(table.primaryKey().columns())) : null;
			List<ForeignKey> foreignKeys = table.foreignKeys().stream().map((foreignKey) -> {
				String target = this.tableRenames.getOrDefault(foreignKey.referencedTable(), foreignKey.referencedTable());
				Map<String, String> targetColumns = this.columnRenames.getOrDefault(target, Map.of());
				return new ForeignKey(foreignKey.name(), rename.apply(foreignKey.columns()), target,
						foreignKey.referencedColumns().stream().map((name) -> targetColumns.getOrDefault(name, name)).toList(),
						foreignKey.valid());
			}).toList();
			return new Table(newName,
					table.columns().stream().map((column) -> column.withName(columns.getOrDefault(column.name(), column.name()))).toList(),
					primaryKey, table.uniques().stream().map((unique) -> new Unique(unique.name(), rename.apply(unique.columns()))).toList(),
					table.indexes().stream().map((index) -> new Index(index.name(), rename.apply(index.columns()), index.unique(),
							index.method(), index.predicate(), index.valid())).toList(),
					foreignKeys, table.checks(), null);
		}

		/**
		 * Compares a table. Drops run before renames, so they name the table and its
		 * columns as they are ({@code original}); everything else runs after renames.
		 */
		private void diffTable(Table original, Table actualTable, Table desiredTable, Set<String> droppedTables) {
			String table = desiredTable.name();
			String oldName = original.name();
			diffColumns(table, actualTable, desiredTable);
			diffPrimaryKey(table, original, actualTable.primaryKey(), desiredTable.primaryKey());
			match(actualTable.uniques(), desiredTable.uniques(), (a, d) -> a.columns().equals(d.columns()), Unique::name,
					(unique) -> this.dropKeysAndIndexes.add(new DropUnique(oldName, byName(original.uniques(), Unique::name, unique.name()))),
					(unique) -> this.addKeysAndIndexes.add(new AddUnique(table, unique)),
					(from, to) -> this.renameKeysAndIndexes.add(new RenameConstraint(table, from, to)));
			List<Index> validIndexes = new ArrayList<>();
			for (Index index : actualTable.indexes()) {
				if (index.valid()) {
					validIndexes.add(index);
				}
				else {
					this.dropKeysAndIndexes.add(new DropIndex(oldName, byName(original.indexes(), Index::name, index.name())));
				}
			}
			match(validIndexes, desiredTable.indexes(), Index::sameDefinition, Index::name,
					(index) -> this.dropKeysAndIndexes.add(new DropIndex(oldName, byName(original.indexes(), Index::name, index.name()))),
					(index) -> this.addKeysAndIndexes.add(new CreateIndex(table, index)),
					(from, to) -> this.renameKeysAndIndexes.add(new RenameIndex(table, from, to)));
			List<ForeignKey> keptForeignKeys = new ArrayList<>();
			for (ForeignKey foreignKey : actualTable.foreignKeys()) {
				if (droppedTables.contains(foreignKey.referencedTable())
						&& !this.tableRenames.containsValue(foreignKey.referencedTable())) {
					this.dropForeignKeys.add(new DropForeignKey(oldName, byName(original.foreignKeys(), ForeignKey::name, foreignKey.name())));
				}
				else {
					keptForeignKeys.add(foreignKey);
				}
			}
			match(keptForeignKeys, desiredTable.foreignKeys(), ForeignKey::sameDefinition, ForeignKey::name,
					(foreignKey) -> this.dropForeignKeys.add(new DropForeignKey(oldName, byName(original.foreignKeys(), ForeignKey::name, foreignKey.name()))),
					(foreignKey) -> this.addForeignKeys.add(new AddForeignKey(table, foreignKey)),
					(from, to) -> this.renameKeysAndIndexes.add(new RenameConstraint(table, from, to)));
		}

		private void diffColumns(String table, Table actualTable, Table desiredTable) {
			List<Column> added = new ArrayList<>();
			List<Column> dropped = new ArrayList<>();
			List<SchemaChange> dropIdentities = new ArrayList<>();
			List<SchemaChange> setIdentities = new ArrayList<>();
			List<SchemaChange> dropDefaults = new ArrayList<>();
			List<SchemaChange> types = new ArrayList<>();
			List<SchemaChange> setDefaults = new ArrayList<>();
			List<SchemaChange> dropNotNulls = new ArrayList<>();
			List<SchemaChange> setNotNulls = new ArrayList<>();
			for (Column desiredColumn : desiredTable.columns()) {
				Column want = Sequences.asCreated(desiredColumn);
				Column have = actualTable.column(want.name()).orElse(null);
				if (have == null) {
					added.add(want.withoutRenameHint());
					continue;
				}
				if (have.identity() != want.identity()) {
					(want.identity() == null ? dropIdentities : setIdentities)
						.add(new AlterIdentity(table, want.name(), have.identity(), want.identity()));
				}
				boolean typeChanged = !have.type().equals(want.type());
				boolean defaultChanged = !DefaultValues.equivalent(have.defaultValue(), want.defaultValue());
				if (typeChanged) {
					types.add(new AlterColumnType(table, want.name(), have.type(), want.type()));
				}
				if (have.defaultValue() != null && (defaultChanged || typeChanged)) {
					dropDefaults.add(new DropDefault(table, want.name(), have.defaultValue()));
				}
				if (want.defaultValue() != null && (defaultChanged || typeChanged)) {
					setDefaults.add(new SetDefault(table, want.name(), null, want.defaultValue()));
				}
				if (have.nullable() && !want.nullable()) {
					setNotNulls.add(new SetNotNull(table, want.name()));
				}
				else if (!have.nullable() && want.nullable()) {
					dropNotNulls.add(new DropNotNull(table, want.name()));
				}
			}
			for (Column have : actualTable.columns()) {
				if (desiredTable.column(have.name()).isEmpty()) {
					dropped.add(have);
				}
			}
			// an identity goes before its column may lose NOT NULL or take a default, and comes
			// once the column is NOT NULL without a default
			this.columnChanges.addAll(dropIdentities);
			this.columnChanges.addAll(dropDefaults);
			this.columnChanges.addAll(dropNotNulls);
			this.columnChanges.addAll(types);
			this.columnChanges.addAll(setDefaults);
			added.forEach((column) -> this.columnChanges.add(new AddColumn(table, column)));
			this.columnChanges.addAll(setNotNulls);
			this.columnChanges.addAll(setIdentities);
			dropped.forEach((column) -> this.columnChanges.add(new DropColumn(table, column)));
			findPossibleRenames(table, dropped, added);
		}

		private void findPossibleRenames(String table, List<Column> dropped, List<Column> added) {
			List<Column> candidates = new ArrayList<>(added);
			for (Column old : dropped) {
				for (Iterator<Column> iterator = candidates.iterator(); iterator.hasNext();) {
					Column candidate = iterator.next();
					if (candidate.type().equals(old.type())) {
						this.possibleRenames.add(new PossibleRename(table, old.name(), candidate.name(), old.type()));
						iterator.remove();
						break;
					}
				}
			}
		}

		private void diffPrimaryKey(String table, Table original, @Nullable PrimaryKey have, @Nullable PrimaryKey want) {
			if (have != null && want != null && have.columns().equals(want.columns())) {
				if (!have.name().equals(want.name())) {
					this.renameKeysAndIndexes.add(new RenameConstraint(table, have.name(), want.name()));
				}
				return;
			}
			if (original.primaryKey() != null) {
				this.dropKeysAndIndexes.add(new DropPrimaryKey(original.name(), original.primaryKey()));
			}
			if (want != null) {
				this.addKeysAndIndexes.add(new AddPrimaryKey(table, want));
			}
		}

		private static <T> T byName(List<T> elements, Function<T, String> name, String wanted) {
			return elements.stream().filter((element) -> name.apply(element).equals(wanted)).findFirst().orElseThrow();
		}

		private static <T> void match(List<T> have, List<T> want, BiPredicate<T, T> sameDefinition,
				Function<T, String> name, Consumer<T> drop, Consumer<T> add,
				BiConsumer<String, String> rename) {
			List<T> unmatched = new ArrayList<>(have);
			List<T> missing = new ArrayList<>();
			for (T wanted : want) {
				T same = unmatched.stream()
					.filter((candidate) -> sameDefinition.test(candidate, wanted)
							&& name.apply(candidate).equals(name.apply(wanted)))
					.findFirst()
					.orElse(null);
				if (same != null) {
					unmatched.remove(same);
				}
				else {
					missing.add(wanted);
				}
			}
			for (T wanted : missing) {
				T same = unmatched.stream()
					.filter((candidate) -> sameDefinition.test(candidate, wanted))
					.findFirst()
					.orElse(null);
				if (same != null) {
					unmatched.remove(same);
					rename.accept(name.apply(same), name.apply(wanted));
				}
				else {
					add.accept(wanted);
				}
			}
			unmatched.forEach(drop);
		}

		/**
		 * Orders tables so that a referenced table comes before the tables referencing it;
		 * ties and cycles are broken by name.
		 */
		private static List<Table> dependencyOrder(List<Table> tables) {
			Map<String, Table> remaining = new TreeMap<>();
			tables.forEach((table) -> remaining.put(table.name(), table));
			List<Table> ordered = new ArrayList<>();
			while (!remaining.isEmpty()) {
				Table next = remaining.values()
					.stream()
					.filter((table) -> table.foreignKeys()
						.stream()
						.noneMatch((foreignKey) -> !foreignKey.referencedTable().equals(table.name())
								&& remaining.containsKey(foreignKey.referencedTable())))
					.findFirst()
					.orElse(remaining.values().stream().min(Comparator.comparing(Table::name)).orElseThrow());
				ordered.add(next);
				remaining.remove(next.name());
			}
			return ordered;
		}

	}

}
