package dev.forge.core.schema;

/**
 * The object of each {@link SchemaChange} in the words of {@link SchemaChange#describe()}.
 */
final class ChangeDescriptions {

	private ChangeDescriptions() {
	}

	static String detail(SchemaChange change) {
		if (change instanceof SchemaChange.AddColumn add) {
			return add.table() + "." + add.column().name() + " " + add.column().type()
					+ ((add.column().identity() != null) ? " " + add.column().identity().sql() : "")
					+ (add.column().nullable() ? "" : " NOT NULL")
					+ ((add.column().defaultValue() != null) ? " DEFAULT " + add.column().defaultValue() : "");
		}
		if (change instanceof SchemaChange.DropColumn drop) {
			return drop.table() + "." + drop.column().name();
		}
		if (change instanceof SchemaChange.RenameColumn rename) {
			return rename.table() + "." + rename.from() + " → " + rename.table() + "." + rename.to();
		}
		if (change instanceof SchemaChange.RenameTable rename) {
			return rename.from() + " → " + rename.to();
		}
		if (change instanceof SchemaChange.AlterColumnType alter) {
			return alter.table() + "." + alter.column() + " " + alter.from() + " → " + alter.to();
		}
		if (change instanceof SchemaChange.SetNotNull set) {
			return set.table() + "." + set.column();
		}
		if (change instanceof SchemaChange.DropNotNull drop) {
			return drop.table() + "." + drop.column();
		}
		if (change instanceof SchemaChange.SetDefault set) {
			return set.table() + "." + set.column() + " " + set.to();
		}
		if (change instanceof SchemaChange.DropDefault drop) {
			return drop.table() + "." + drop.column();
		}
		if (change instanceof SchemaChange.CreateIndex create) {
			return create.index().name() + " ON " + create.table() + " (" + String.join(", ", create.index().columns())
					+ ")";
		}
		if (change instanceof SchemaChange.DropIndex drop) {
			return drop.index().name() + " ON " + drop.table();
		}
		if (change instanceof SchemaChange.AddForeignKey add) {
			return add.table() + " (" + String.join(", ", add.foreignKey().columns()) + ") → "
					+ add.foreignKey().referencedTable();
		}
		if (change instanceof SchemaChange.DropForeignKey drop) {
			return drop.table() + " " + drop.foreignKey().name();
		}
		if (change instanceof SchemaChange.AlterIdentity alter) {
			return alter.table() + "." + alter.column() + ((alter.to() != null) ? " " + alter.to().sql() : "");
		}
		if (change instanceof SchemaChange.CreateSequence create) {
			return sequence(create.sequence());
		}
		if (change instanceof SchemaChange.AlterSequence alter) {
			return sequence(alter.from()) + " → " + sequence(alter.to()).substring(alter.to().name().length() + 1);
		}
		return change.table();
	}

	private static String sequence(Sequence sequence) {
		return sequence.name() + " " + sequence.type() + " START " + sequence.start() + " INCREMENT "
				+ sequence.increment() + ((sequence.ownedBy() != null) ? " OWNED BY " + sequence.ownedBy() : "");
	}

}
