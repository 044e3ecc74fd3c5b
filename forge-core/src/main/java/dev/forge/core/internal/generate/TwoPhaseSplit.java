package dev.forge.core.internal.generate;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.forge.core.internal.schema.Identifiers;
import dev.forge.core.schema.Column;
import dev.forge.core.schema.ForeignKey;
import dev.forge.core.schema.Index;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.SchemaChange;
import dev.forge.core.schema.SchemaChange.AddColumn;
import dev.forge.core.schema.SchemaChange.AddForeignKey;
import dev.forge.core.schema.SchemaChange.AddPrimaryKey;
import dev.forge.core.schema.SchemaChange.AddUnique;
import dev.forge.core.schema.SchemaChange.AlterColumnType;
import dev.forge.core.schema.SchemaChange.CreateIndex;
import dev.forge.core.schema.SchemaChange.DropDefault;
import dev.forge.core.schema.SchemaChange.DropNotNull;
import dev.forge.core.schema.SchemaChange.RenameColumn;
import dev.forge.core.schema.SchemaChange.RenameConstraint;
import dev.forge.core.schema.SchemaChange.RenameIndex;
import dev.forge.core.schema.SchemaChange.RenameTable;
import dev.forge.core.schema.SchemaChange.SetDefault;
import dev.forge.core.schema.SchemaChange.SetNotNull;
import dev.forge.core.schema.Table;
import org.jspecify.annotations.Nullable;

/**
 * Decides which renames and type changes of a diff can be split in two phases, and says
 * why not for the others, which then stay a plain, breaking {@code RENAME} or
 * {@code ALTER COLUMN ... TYPE}.
 * <p>
 * A column rename or type change is split when the column is a plain data column of a table
 * with a primary key (the backfill runs in batches keyed on it): not part of a key, index,
 * foreign key or check, not fed by a sequence (nor an identity column), with no other change to it in the same diff. A table rename is split when nothing else in the diff touches the table, since
 * until phase 2 the new name is only a view.
 */
final class TwoPhaseSplit {

	private final List<SchemaChange> changes;

	private final @Nullable Schema actual;

	TwoPhaseSplit(List<SchemaChange> changes, @Nullable Schema actual) {
		this.changes = changes;
		this.actual = actual;
	}

	/**
	 * Returns the old column of a rename, as it is in the database.
	 * @param rename the rename
	 * @return the column, empty when the live schema is not known
	 */
	Optional<Column> column(RenameColumn rename) {
		return table(rename.table()).flatMap((table) -> table.column(rename.from()));
	}

	/**
	 * Returns the column of a type change, as it is in the database.
	 * @param type the type change
	 * @return the column, empty when the live schema is not known
	 */
	Optional<Column> column(AlterColumnType type) {
		return table(type.table()).flatMap((table) -> table.column(type.column()));
	}

	/**
	 * Returns the name of the column that holds the new type until phase 2 renames it.
	 * @param type the type change
	 * @return the shadow column's name
	 */
	static String shadowColumn(AlterColumnType type) {
		return Identifiers.truncate(type.column() + "_new");
	}

	/**
	 * Returns why a column rename cannot be split.
	 * @param rename the rename
	 * @return the reason, or {@code null} when it can be split
	 */
	@Nullable String whyNotSplit(RenameColumn rename) {
		String reason = whyNotPlain(rename.table(), rename.from());
		if (reason != null) {
			return reason;
		}
		String table = rename.table();
		String from = rename.from();
		boolean otherChanges = this.changes.stream()
			.anyMatch((change) -> change.table().equals(table) && (rename.to().equals(changedColumn(change))
					|| change instanceof AddColumn add && add.column().name().equals(from)));
		if (otherChanges) {
			return rename.to() + " changes in other ways too in this migration";
		}
		return null;
	}

	/**
	 * Returns why a type change cannot be split.
	 * @param type the type change
	 * @return the reason, or {@code null} when it can be split
	 */
	@Nullable String whyNotSplit(AlterColumnType type) {
		String reason = whyNotPlain(type.table(), type.column());
		if (reason != null) {
			return reason;
		}
		String shadow = shadowColumn(type);
		if (table(type.table()).orElseThrow().column(shadow).isPresent() || this.changes.stream()
			.anyMatch((change) -> change.table().equals(type.table()) && change instanceof AddColumn add
					&& add.column().name().equals(shadow))) {
			return "the column " + shadow + " that would hold the new type already exists";
		}
		boolean otherChanges = this.changes.stream()
			.anyMatch((change) -> change != type && mentions(change, type.table(), type.column()));
		if (otherChanges) {
			return type.column() + " changes in other ways too in this migration";
		}
		return null;
	}

	/**
	 * Returns why a column is not a plain data column that a two-phase change can replace by
	 * a new one.
	 */
	private @Nullable String whyNotPlain(String table, String from) {
		Optional<Table> live = table(table);
		if (live.isEmpty() || live.get().column(from).isEmpty()) {
			return "the table is renamed in the same migration, or its live definition is unknown";
		}
		Table definition = live.get();
		if (definition.primaryKey() == null) {
			return table + " has no primary key, which the backfill of the new column runs in batches by";
		}
		Pattern word = word(from);
		boolean keyed = (definition.primaryKey() != null && definition.primaryKey().columns().contains(from))
				|| definition.uniques().stream().anyMatch((unique) -> unique.columns().contains(from))
				|| definition.indexes().stream().anyMatch((index) -> mentions(index, word))
				|| definition.foreignKeys().stream().anyMatch((foreignKey) -> foreignKey.columns().contains(from))
				|| referenced(table, from)
				|| definition.checks().stream().anyMatch((check) -> word.matcher(check.expression()).find());
		if (keyed) {
			return from + " is part of a key, an index, a foreign key or a check";
		}
		Column column = definition.column(from).orElseThrow();
		String defaultValue = column.defaultValue();
		if (column.identity() != null || defaultValue != null && defaultValue.contains("nextval(")) {
			return from + " takes its values from a sequence";
		}
		return null;
	}

	/**
	 * Returns why a table rename cannot be split.
	 * @param rename the rename
	 * @return the reason, or {@code null} when it can be split
	 */
	@Nullable String whyNotSplit(RenameTable rename) {
		boolean touched = this.changes.stream()
			.anyMatch((change) -> (change != rename && !(change instanceof RenameConstraint)
					&& !(change instanceof RenameIndex) && change.table().equals(rename.to()))
					|| (change instanceof AddForeignKey add && add.foreignKey().referencedTable().equals(rename.to())));
		return touched ? "the table changes in other ways too in this migration, which the view under the new name"
				+ " cannot take" : null;
	}

	private Optional<Table> table(String name) {
		return (this.actual != null) ? this.actual.table(name) : Optional.empty();
	}

	private boolean referenced(String table, String column) {
		if (this.actual == null) {
			return false;
		}
		for (Table other : this.actual.tables()) {
			for (ForeignKey foreignKey : other.foreignKeys()) {
				String target = foreignKey.referencedTable();
				if (isTable(target, table) && foreignKey.referencedColumns().contains(column)) {
					return true;
				}
			}
		}
		return false;
	}

	/** Matches a column's name as a whole word, quoted or not, in an expression. */
	private static Pattern word(String column) {
		return Pattern.compile("(?<![A-Za-z0-9_$\"])\"?" + Pattern.quote(column) + "\"?(?![A-Za-z0-9_$\"])");
	}

	private static boolean isTable(String reference, String table) {
		return reference.equals(table) || reference.endsWith("." + table);
	}

	private static boolean mentions(Index index, Pattern word) {
		return index.columns().stream().anyMatch((column) -> word.matcher(column).find())
				|| (index.predicate() != null && word.matcher(index.predicate()).find());
	}

	/**
	 * Returns whether a change is about a column, or builds a key, an index or a foreign key
	 * on it: such a change would be made to the old column, which phase 2 drops.
	 */
	private static boolean mentions(SchemaChange change, String table, String column) {
		if (change instanceof AddForeignKey add && isTable(add.foreignKey().referencedTable(), table)
				&& add.foreignKey().referencedColumns().contains(column)) {
			return true;
		}
		if (!change.table().equals(table)) {
			return false;
		}
		return column.equals(changedColumn(change))
				|| (change instanceof RenameColumn rename && (rename.from().equals(column) || rename.to().equals(column)))
				|| (change instanceof CreateIndex create && mentions(create.index(), word(column)))
				|| (change instanceof AddUnique add && add.unique().columns().contains(column))
				|| (change instanceof AddPrimaryKey add && add.primaryKey().columns().contains(column))
				|| (change instanceof AddForeignKey add && add.foreignKey().columns().contains(column));
	}

	/** Returns the column a column-level change is about, or {@code null} for other changes. */
	private static @Nullable String changedColumn(SchemaChange change) {
		if (change instanceof AlterColumnType type) {
			return type.column();
		}
		if (change instanceof SetNotNull setNotNull) {
			return setNotNull.column();
		}
		if (change instanceof DropNotNull dropNotNull) {
			return dropNotNull.column();
		}
		if (change instanceof SetDefault setDefault) {
			return setDefault.column();
		}
		if (change instanceof DropDefault dropDefault) {
			return dropDefault.column();
		}
		return null;
	}

}
