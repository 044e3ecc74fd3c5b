package dev.forge.core.schema;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One change to a schema. Every change knows its {@link #reverse() inverse}, from which
 * the {@code -- Down} section of a migration is made, and whether it
 * {@link #breaking() breaks} code that still uses the old schema (DESIGN §6).
 *
 * @author FORGE
 * @since 0.1.0
 */
public sealed interface SchemaChange {

	/**
	 * Returns the table the change applies to, under its name after the change; for a
	 * change to a sequence, the sequence.
	 * @return the table name, or the sequence name
	 */
	String table();

	/**
	 * Returns the change that undoes this one.
	 * @return the inverse change
	 */
	SchemaChange reverse();

	/**
	 * Returns how this change breaks running code, as a line of the breaking-change
	 * warning, for example {@code DROP COLUMN: users.legacy_email}.
	 * @return the description, or {@code null} if the change is not breaking
	 */
	default @Nullable String breaking() {
		return null;
	}

	/**
	 * Returns the change's name in SQL words, e.g. {@code ADD COLUMN} or
	 * {@code ALTER COLUMN TYPE}.
	 * @return the kind of change
	 */
	default String kind() {
		return getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
	}

	/**
	 * Describes the change in one line for a reviewer, e.g.
	 * {@code ADD COLUMN projects.category text} or
	 * {@code RENAME COLUMN projects.name → projects.title}.
	 * @return the description
	 */
	default String describe() {
		return kind() + " " + ChangeDescriptions.detail(this);
	}

	/**
	 * Creates a table with its columns, keys, unique constraints and indexes; its foreign
	 * keys are separate {@link AddForeignKey} changes.
	 *
	 * @param definition the table
	 */
	record CreateTable(Table definition) implements SchemaChange {

		@Override
		public String table() {
			return this.definition.name();
		}

		@Override
		public SchemaChange reverse() {
			return new DropTable(this.definition);
		}

	}

	/**
	 * Drops a table. Its foreign keys are dropped by separate {@link DropForeignKey} changes
	 * before.
	 *
	 * @param definition the table as it is, so that it can be recreated
	 */
	record DropTable(Table definition) implements SchemaChange {

		@Override
		public String table() {
			return this.definition.name();
		}

		@Override
		public SchemaChange reverse() {
			return new CreateTable(this.definition);
		}

		@Override
		public String breaking() {
			return "DROP TABLE: " + table();
		}

	}

	/**
	 * Renames a table.
	 *
	 * @param from the current name
	 * @param to the new name
	 */
	record RenameTable(String from, String to) implements SchemaChange {

		@Override
		public String table() {
			return this.to;
		}

		@Override
		public SchemaChange reverse() {
			return new RenameTable(this.to, this.from);
		}

		@Override
		public String breaking() {
			return "RENAME TABLE: " + this.from + " → " + this.to;
		}

	}

	/**
	 * Adds a column.
	 *
	 * @param table the table
	 * @param column the column
	 */
	record AddColumn(String table, Column column) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new DropColumn(this.table, this.column);
		}

	}

	/**
	 * Drops a column.
	 *
	 * @param table the table
	 * @param column the column as it is, so that it can be added back
	 */
	record DropColumn(String table, Column column) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new AddColumn(this.table, this.column);
		}

		@Override
		public String breaking() {
			return "DROP COLUMN: " + this.table + "." + this.column.name();
		}

	}

	/**
	 * Renames a column.
	 *
	 * @param table the table
	 * @param from the current name
	 * @param to the new name
	 */
	record RenameColumn(String table, String from, String to) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new RenameColumn(this.table, this.to, this.from);
		}

		@Override
		public String breaking() {
			return "RENAME COLUMN: " + this.table + "." + this.from + " → " + this.table + "." + this.to;
		}

	}

	/**
	 * Changes the type of a column.
	 *
	 * @param table the table
	 * @param column the column
	 * @param from the current type
	 * @param to the new type
	 */
	record AlterColumnType(String table, String column, ColumnType from, ColumnType to) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new AlterColumnType(this.table, this.column, this.to, this.from);
		}

		@Override
		public @Nullable String breaking() {
			return this.to.isWideningOf(this.from) ? null
					: "CHANGE TYPE: " + this.table + "." + this.column + " " + this.from + " → " + this.to;
		}

	}

	/**
	 * Makes a column {@code NOT NULL}.
	 *
	 * @param table the table
	 * @param column the column
	 */
	record SetNotNull(String table, String column) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new DropNotNull(this.table, this.column);
		}

		@Override
		public String breaking() {
			return "SET NOT NULL: " + this.table + "." + this.column;
		}

	}

	/**
	 * Lets a column accept {@code NULL}.
	 *
	 * @param table the table
	 * @param column the column
	 */
	record DropNotNull(String table, String column) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new SetNotNull(this.table, this.column);
		}

	}

	/**
	 * Sets or replaces a column's default.
	 *
	 * @param table the table
	 * @param column the column
	 * @param from the current default, or {@code null} for none
	 * @param to the new default expression
	 */
	record SetDefault(String table, String column, @Nullable String from, String to) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return (this.from != null) ? new SetDefault(this.table, this.column, this.to, this.from)
					: new DropDefault(this.table, this.column, this.to);
		}

	}

	/**
	 * Removes a column's default.
	 *
	 * @param table the table
	 * @param column the column
	 * @param from the current default
	 */
	record DropDefault(String table, String column, String from) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new SetDefault(this.table, this.column, null, this.from);
		}

	}

	/**
	 * Creates an index.
	 *
	 * @param table the table
	 * @param index the index
	 */
	record CreateIndex(String table, Index index) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new DropIndex(this.table, this.index);
		}

	}

	/**
	 * Drops an index.
	 *
	 * @param table the table
	 * @param index the index as it is
	 */
	record DropIndex(String table, Index index) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new CreateIndex(this.table, this.index);
		}

	}

	/**
	 * Renames an index.
	 *
	 * @param table the table
	 * @param from the current name
	 * @param to the new name
	 */
	record RenameIndex(String table, String from, String to) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new RenameIndex(this.table, this.to, this.from);
		}

	}

	/**
	 * Adds a primary key.
	 *
	 * @param table the table
	 * @param primaryKey the key
	 */
	record AddPrimaryKey(String table, PrimaryKey primaryKey) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new DropPrimaryKey(this.table, this.primaryKey);
		}

	}

	/**
	 * Drops a primary key.
	 *
	 * @param table the table
	 * @param primaryKey the key as it is
	 */
	record DropPrimaryKey(String table, PrimaryKey primaryKey) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new AddPrimaryKey(this.table, this.primaryKey);
		}

	}

	/**
	 * Adds a unique constraint.
	 *
	 * @param table the table
	 * @param unique the constraint
	 */
	record AddUnique(String table, Unique unique) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new DropUnique(this.table, this.unique);
		}

	}

	/**
	 * Drops a unique constraint.
	 *
	 * @param table the table
	 * @param unique the constraint as it is
	 */
	record DropUnique(String table, Unique unique) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new AddUnique(this.table, this.unique);
		}

	}

	/**
	 * Adds a foreign key.
	 *
	 * @param table the table
	 * @param foreignKey the key
	 */
	record AddForeignKey(String table, ForeignKey foreignKey) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new DropForeignKey(this.table, this.foreignKey);
		}

	}

	/**
	 * Drops a foreign key.
	 *
	 * @param table the table
	 * @param foreignKey the key as it is
	 */
	record DropForeignKey(String table, ForeignKey foreignKey) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new AddForeignKey(this.table, this.foreignKey);
		}

	}

	/**
	 * Renames a constraint (primary key, unique constraint or foreign key), for example
	 * after its table was renamed.
	 *
	 * @param table the table
	 * @param from the current name
	 * @param to the new name
	 */
	record RenameConstraint(String table, String from, String to) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new RenameConstraint(this.table, this.to, this.from);
		}

	}

	/**
	 * Makes a column an identity column, drops its identity, or changes how it generates
	 * values: {@code ADD GENERATED ... AS IDENTITY}, {@code DROP IDENTITY} or
	 * {@code SET GENERATED ...}. A column that becomes one must be {@code NOT NULL} and have
	 * no default first.
	 *
	 * @param table the table
	 * @param column the column
	 * @param from the current identity, or {@code null} when it is not an identity column
	 * @param to the new identity, or {@code null} to drop it
	 */
	record AlterIdentity(String table, String column, Column.@Nullable Identity from,
			Column.@Nullable Identity to) implements SchemaChange {

		@Override
		public SchemaChange reverse() {
			return new AlterIdentity(this.table, this.column, this.to, this.from);
		}

		@Override
		public String kind() {
			return (this.from == null) ? "ADD IDENTITY" : (this.to == null) ? "DROP IDENTITY" : "SET GENERATED";
		}

		@Override
		public @Nullable String breaking() {
			// old code that inserts without a value fails once nothing generates one, and old
			// code that inserts its own value fails once the column is GENERATED ALWAYS
			if (this.to == null) {
				return "DROP IDENTITY: " + this.table + "." + this.column;
			}
			return (this.to == Column.Identity.ALWAYS && this.from != null)
					? "SET GENERATED ALWAYS: " + this.table + "." + this.column : null;
		}

	}

	/**
	 * Creates a sequence. The differ creates it owned by no column and sets its owner with
	 * an {@link AlterSequence} once the column exists.
	 *
	 * @param sequence the sequence
	 */
	record CreateSequence(Sequence sequence) implements SchemaChange {

		@Override
		public String table() {
			return this.sequence.name();
		}

		@Override
		public SchemaChange reverse() {
			return new DropSequence(this.sequence);
		}

	}

	/**
	 * Drops a sequence. The differ first releases it from its owner with an
	 * {@link AlterSequence}, so that it outlives a dropped owner column just long enough.
	 *
	 * @param sequence the sequence as it is, so that it can be recreated
	 */
	record DropSequence(Sequence sequence) implements SchemaChange {

		@Override
		public String table() {
			return this.sequence.name();
		}

		@Override
		public SchemaChange reverse() {
			return new CreateSequence(this.sequence);
		}

		@Override
		public String breaking() {
			return "DROP SEQUENCE: " + this.sequence.name();
		}

	}

	/**
	 * Changes a sequence's type, start, increment or owner column.
	 *
	 * @param from the sequence as it is
	 * @param to the sequence as it should be, under the same name
	 */
	record AlterSequence(Sequence from, Sequence to) implements SchemaChange {

		@Override
		public String table() {
			return this.to.name();
		}

		@Override
		public SchemaChange reverse() {
			return new AlterSequence(this.to, this.from);
		}

	}

}
