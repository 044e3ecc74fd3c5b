package dev.forge.core.internal.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.forge.core.schema.Check;
import dev.forge.core.schema.Column;
import dev.forge.core.schema.ColumnType;
import dev.forge.core.schema.ForeignKey;
import dev.forge.core.schema.Index;
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
import dev.forge.core.schema.Sequence;
import dev.forge.core.schema.Table;
import dev.forge.core.schema.Unique;

import static dev.forge.core.internal.schema.Identifiers.quote;
import static dev.forge.core.internal.schema.Identifiers.quoteAll;

/**
 * Renders a change as plain PostgreSQL DDL, without terminating semicolons: upper-case key
 * words and type names, identifiers quoted only where needed, for example
 * {@code ALTER TABLE projects ADD COLUMN description TEXT}.
 *
 * @author FORGE
 * @since 0.1.0
 */
public class DdlRenderer {

	/**
	 * Renders a change.
	 * @param change the change
	 * @return its statements, in order
	 */
	public List<String> render(SchemaChange change) {
		if (change instanceof CreateTable c) {
			return createTable(c.definition());
		}
		if (change instanceof DropTable c) {
			return List.of("DROP TABLE " + quote(c.table()));
		}
		if (change instanceof RenameTable c) {
			return List.of("ALTER TABLE " + quote(c.from()) + " RENAME TO " + quote(c.to()));
		}
		if (change instanceof AddColumn c) {
			return List.of(alter(c.table()) + "ADD COLUMN " + column(c.column()));
		}
		if (change instanceof DropColumn c) {
			return List.of(alter(c.table()) + "DROP COLUMN " + quote(c.column().name()));
		}
		if (change instanceof RenameColumn c) {
			return List.of(alter(c.table()) + "RENAME COLUMN " + quote(c.from()) + " TO " + quote(c.to()));
		}
		if (change instanceof AlterColumnType c) {
			return List.of(alterType(c));
		}
		if (change instanceof SetNotNull c) {
			return List.of(alterColumn(c.table(), c.column()) + "SET NOT NULL");
		}
		if (change instanceof DropNotNull c) {
			return List.of(alterColumn(c.table(), c.column()) + "DROP NOT NULL");
		}
		if (change instanceof SetDefault c) {
			return List.of(alterColumn(c.table(), c.column()) + "SET DEFAULT " + c.to());
		}
		if (change instanceof DropDefault c) {
			return List.of(alterColumn(c.table(), c.column()) + "DROP DEFAULT");
		}
		if (change instanceof CreateIndex c) {
			return List.of(createIndex(c.table(), c.index(), false));
		}
		if (change instanceof DropIndex c) {
			return List.of("DROP INDEX " + quote(c.index().name()));
		}
		if (change instanceof RenameIndex c) {
			return List.of("ALTER INDEX " + quote(c.from()) + " RENAME TO " + quote(c.to()));
		}
		if (change instanceof AddPrimaryKey c) {
			return List.of(alter(c.table()) + "ADD CONSTRAINT " + quote(c.primaryKey().name())
				+ " PRIMARY KEY (" + quoteAll(c.primaryKey().columns()) + ")");
		}
		if (change instanceof DropPrimaryKey c) {
			return List.of(dropConstraint(c.table(), c.primaryKey().name()));
		}
		if (change instanceof AddUnique c) {
			return List.of(alter(c.table()) + "ADD " + unique(c.unique()));
		}
		if (change instanceof DropUnique c) {
			return List.of(dropConstraint(c.table(), c.unique().name()));
		}
		if (change instanceof AddForeignKey c) {
			return List.of(addForeignKey(c.table(), c.foreignKey(), !c.foreignKey().valid()));
		}
		if (change instanceof DropForeignKey c) {
			return List.of(dropConstraint(c.table(), c.foreignKey().name()));
		}
		if (change instanceof RenameConstraint c) {
			return List.of(alter(c.table()) + "RENAME CONSTRAINT " + quote(c.from()) + " TO " + quote(c.to()));
		}
		if (change instanceof AlterIdentity c) {
			return alterIdentity(c);
		}
		if (change instanceof CreateSequence c) {
			return List.of(createSequence(c.sequence()));
		}
		if (change instanceof DropSequence c) {
			return List.of("DROP SEQUENCE " + quote(c.sequence().name()));
		}
		if (change instanceof AlterSequence c) {
			String owner = c.to().ownedBy();
			if (owner == null || owner.equals(c.from().ownedBy())) {
				return List.of(alterSequence(c.from(), c.to()));
			}
			// a sequence that comes to feed a column moves past the values the column holds
			int dot = owner.lastIndexOf('.');
			return List.of(alterSequence(c.from(), c.to()), skipUsedValues(literal(quote(c.to().name())),
					owner.substring(0, dot), owner.substring(dot + 1), c.to().start()));
		}
		throw new IllegalArgumentException("Unknown change " + change);
	}

	String createIndex(String table, Index index, boolean concurrently) {
		StringBuilder sql = new StringBuilder("CREATE ");
		// IF NOT EXISTS: a node killed after the build but before recording it would otherwise
		// fail the next apply; an INVALID leftover of the same name is dropped before the retry
		sql.append(index.unique() ? "UNIQUE " : "").append("INDEX ")
			.append(concurrently ? "CONCURRENTLY IF NOT EXISTS " : "");
		sql.append(quote(index.name())).append(" ON ").append(quote(table));
		if (!Index.BTREE.equals(index.method())) {
			sql.append(" USING ").append(index.method());
		}
		sql.append(" (").append(String.join(", ", index.columns().stream().map(DdlRenderer::indexColumn).toList()))
			.append(')');
		if (index.predicate() != null) {
			sql.append(" WHERE ").append(index.predicate());
		}
		return sql.toString();
	}

	String addForeignKey(String table, ForeignKey foreignKey, boolean notValid) {
		return alter(table) + "ADD CONSTRAINT " + quote(foreignKey.name()) + " FOREIGN KEY ("
				+ quoteAll(foreignKey.columns()) + ") REFERENCES " + qualified(foreignKey.referencedTable()) + " ("
				+ quoteAll(foreignKey.referencedColumns()) + ")" + (notValid ? " NOT VALID" : "");
	}

	String alter(String table) {
		return "ALTER TABLE " + quote(table) + " ";
	}

	String alterColumn(String table, String column) {
		return alter(table) + "ALTER COLUMN " + quote(column) + " ";
	}

	String dropConstraint(String table, String constraint) {
		return alter(table) + "DROP CONSTRAINT " + quote(constraint);
	}

	private List<String> createTable(Table table) {
		List<String> definitions = new ArrayList<>();
		table.columns().forEach((column) -> definitions.add(column(column)));
		if (table.primaryKey() != null) {
			definitions.add("CONSTRAINT " + quote(table.primaryKey().name()) + " PRIMARY KEY ("
					+ quoteAll(table.primaryKey().columns()) + ")");
		}
		table.uniques().forEach((unique) -> definitions.add(unique(unique)));
		for (Check check : table.checks()) {
			definitions.add("CONSTRAINT " + quote(check.name()) + " " + check.expression().replace(" NOT VALID", ""));
		}
		List<String> statements = new ArrayList<>();
		statements.add("CREATE TABLE " + quote(table.name()) + " (\n    " + String.join(",\n    ", definitions) + "\n)");
		table.indexes().forEach((index) -> statements.add(createIndex(table.name(), index, false)));
		return statements;
	}

	private String column(Column column) {
		if (column.identity() != null) {
			// an identity column is NOT NULL and has no default, whatever else it says
			return quote(column.name()) + " " + column.type().sql() + " " + column.identity().sql() + " NOT NULL";
		}
		return quote(column.name()) + " " + column.type().sql()
				+ ((column.defaultValue() != null) ? " DEFAULT " + column.defaultValue() : "")
				+ (column.nullable() ? "" : " NOT NULL");
	}

	private List<String> alterIdentity(AlterIdentity change) {
		String alter = alterColumn(change.table(), change.column());
		if (change.to() == null) {
			return List.of(alter + "DROP IDENTITY");
		}
		if (change.from() != null) {
			return List.of(alter + "SET " + change.to().sql().replace(" AS IDENTITY", ""));
		}
		// the new sequence starts at 1: move it past the values the column holds already
		return List.of(alter + "ADD " + change.to().sql(), skipUsedValues("pg_get_serial_sequence("
				+ literal(quote(change.table())) + ", " + literal(change.column()) + ")", change.table(),
				change.column(), 1));
	}

	private static String skipUsedValues(String sequence, String table, String column, long start) {
		return "SELECT setval(" + sequence + ", max(" + quote(column) + ")) FROM " + qualified(table) + " HAVING max("
				+ quote(column) + ") >= " + start;
	}

	private String createSequence(Sequence sequence) {
		return "CREATE SEQUENCE " + quote(sequence.name()) + " AS " + sequence.type().sql() + " START WITH "
				+ sequence.start() + " INCREMENT BY " + sequence.increment()
				+ ((sequence.ownedBy() != null) ? " OWNED BY " + ownedBy(sequence.ownedBy()) : "");
	}

	private String alterSequence(Sequence from, Sequence to) {
		StringBuilder sql = new StringBuilder("ALTER SEQUENCE ").append(quote(to.name()));
		if (!from.type().equals(to.type())) {
			sql.append(" AS ").append(to.type().sql());
		}
		if (from.increment() != to.increment()) {
			sql.append(" INCREMENT BY ").append(to.increment());
		}
		if (from.start() != to.start()) {
			sql.append(" START WITH ").append(to.start());
		}
		if (!Objects.equals(from.ownedBy(), to.ownedBy())) {
			sql.append(" OWNED BY ").append((to.ownedBy() != null) ? ownedBy(to.ownedBy()) : "NONE");
		}
		return sql.toString();
	}

	private static String ownedBy(String column) {
		int dot = column.lastIndexOf('.');
		return qualified(column.substring(0, dot)) + "." + quote(column.substring(dot + 1));
	}

	private static String literal(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

	private String unique(Unique unique) {
		return "CONSTRAINT " + quote(unique.name()) + " UNIQUE (" + quoteAll(unique.columns()) + ")";
	}

	private String alterType(AlterColumnType change) {
		ColumnType from = change.from();
		ColumnType to = change.to();
		String sql = alterColumn(change.table(), change.column()) + "TYPE " + to.sql();
		if (!from.name().equals(to.name()) && !to.isWideningOf(from) || from.array() != to.array()) {
			sql += " USING " + quote(change.column()) + "::" + to.sql();
		}
		return sql;
	}

	private static String indexColumn(String column) {
		return column.matches("[A-Za-z_][A-Za-z0-9_$]*") ? quote(column) : column;
	}

	private static String qualified(String table) {
		int dot = table.indexOf('.');
		return (dot < 0) ? quote(table) : quote(table.substring(0, dot)) + "." + quote(table.substring(dot + 1));
	}

}
