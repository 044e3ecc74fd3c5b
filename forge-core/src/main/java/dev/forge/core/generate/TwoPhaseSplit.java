package dev.forge.core.generate;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.forge.core.diff.SchemaChange;
import dev.forge.core.diff.SchemaChange.AddColumn;
import dev.forge.core.diff.SchemaChange.AddForeignKey;
import dev.forge.core.diff.SchemaChange.AlterColumnType;
import dev.forge.core.diff.SchemaChange.DropDefault;
import dev.forge.core.diff.SchemaChange.DropNotNull;
import dev.forge.core.diff.SchemaChange.RenameColumn;
import dev.forge.core.diff.SchemaChange.RenameConstraint;
import dev.forge.core.diff.SchemaChange.RenameIndex;
import dev.forge.core.diff.SchemaChange.RenameTable;
import dev.forge.core.diff.SchemaChange.SetDefault;
import dev.forge.core.diff.SchemaChange.SetNotNull;
import dev.forge.core.schema.Column;
import dev.forge.core.schema.ForeignKey;
import dev.forge.core.schema.Index;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.Table;
import org.jspecify.annotations.Nullable;

/**
 * Decides which renames of a diff can be split in two phases, and says why not for the
 * others, which then stay a plain, breaking {@code RENAME}.
 * <p>
 * A column rename is split when the old column is a plain data column: not part of a key,
 * index, foreign key or check, not fed by a sequence, with no other change to it in the
 * same diff. A table rename is split when nothing else in the diff touches the table, since
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
	 * Returns why a column rename cannot be split.
	 * @param rename the rename
	 * @return the reason, or {@code null} when it can be split
	 */
	@Nullable String whyNotSplit(RenameColumn rename) {
		String table = rename.table();
		String from = rename.from();
		Optional<Table> live = table(table);
		if (live.isEmpty() || live.get().column(from).isEmpty()) {
			return "the table is renamed in the same migration, or its live definition is unknown";
		}
		Table definition = live.get();
		Pattern word = Pattern.compile("(?<![A-Za-z0-9_$\"])\"?" + Pattern.quote(from) + "\"?(?![A-Za-z0-9_$\"])");
		boolean keyed = (definition.primaryKey() != null && definition.primaryKey().columns().contains(from))
				|| definition.uniques().stream().anyMatch((unique) -> unique.columns().contains(from))
				|| definition.indexes().stream().anyMatch((index) -> mentions(index, word))
				|| definition.foreignKeys().stream().anyMatch((foreignKey) -> foreignKey.columns().contains(from))
				|| referenced(table, from)
				|| definition.checks().stream().anyMatch((check) -> word.matcher(check.expression()).find());
		if (keyed) {
			return from + " is part of a key, an index, a foreign key or a check";
		}
		String defaultValue = definition.column(from).orElseThrow().defaultValue();
		if (defaultValue != null && defaultValue.contains("nextval(")) {
			return from + " takes its values from a sequence";
		}
		boolean otherChanges = this.changes.stream()
			.anyMatch((change) -> change.table().equals(table) && (rename.to().equals(changedColumn(change))
					|| change instanceof AddColumn add && add.column().name().equals(from)));
		if (otherChanges) {
			return rename.to() + " changes in other ways too in this migration";
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
				if ((target.equals(table) || target.endsWith("." + table))
						&& foreignKey.referencedColumns().contains(column)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean mentions(Index index, Pattern word) {
		return index.columns().stream().anyMatch((column) -> word.matcher(column).find())
				|| (index.predicate() != null && word.matcher(index.predicate()).find());
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
