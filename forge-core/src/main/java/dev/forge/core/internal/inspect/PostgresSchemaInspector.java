package dev.forge.core.internal.inspect;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.forge.core.schema.Check;
import dev.forge.core.schema.Column;
import dev.forge.core.schema.ColumnType;
import dev.forge.core.schema.ForeignKey;
import dev.forge.core.schema.Index;
import dev.forge.core.schema.PrimaryKey;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.Sequence;
import dev.forge.core.schema.Table;
import dev.forge.core.schema.Unique;
import org.jspecify.annotations.Nullable;

/**
 * Reads a schema from PostgreSQL's catalogs ({@code pg_class}, {@code pg_attribute},
 * {@code pg_constraint}, {@code pg_index}, {@code pg_sequence}) with five queries per
 * schema, however many tables it has. Types come from {@code format_type}, so
 * {@code varchar(n)}, {@code numeric(p,s)} and arrays are exact; defaults, predicates and
 * checks come from {@code pg_get_expr} and {@code pg_get_constraintdef}. An identity
 * column has no default; its sequence belongs to it and is not listed. A {@code serial}
 * column reads as what it is made of: an {@code integer} column whose default is
 * {@code nextval(...)} of a sequence the column owns.
 *
 * @author FORGE
 * @since 0.1.0
 */
public class PostgresSchemaInspector implements SchemaInspector {

	private static final String TABLES = """
			SELECT c.relname
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition
			ORDER BY c.relname""";

	private static final String COLUMNS = """
			SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
				pg_get_expr(d.adbin, d.adrelid), a.attidentity
			FROM pg_attribute a
			JOIN pg_class c ON c.oid = a.attrelid
			JOIN pg_namespace n ON n.oid = c.relnamespace
			LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
			WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition
				AND a.attnum > 0 AND NOT a.attisdropped
			ORDER BY c.relname, a.attnum""";

	private static final String CONSTRAINTS = """
			SELECT c.relname, con.conname, con.contype, con.convalidated,
				ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
					JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord),
				CASE WHEN fn.nspname = n.nspname THEN fc.relname ELSE fn.nspname || '.' || fc.relname END,
				ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
					JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord),
				pg_get_constraintdef(con.oid, true)
			FROM pg_constraint con
			JOIN pg_class c ON c.oid = con.conrelid
			JOIN pg_namespace n ON n.oid = c.relnamespace
			LEFT JOIN pg_class fc ON fc.oid = con.confrelid
			LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
			WHERE n.nspname = ? AND con.contype IN ('p', 'u', 'f', 'c') AND c.relkind IN ('r', 'p')
				AND NOT c.relispartition
			ORDER BY c.relname, con.conname""";

	private static final String INDEXES = """
			SELECT t.relname, i.relname, ix.indisunique, ix.indisvalid, am.amname,
				pg_get_expr(ix.indpred, ix.indrelid),
				ARRAY(SELECT CASE WHEN ix.indkey[k.i - 1] <> 0 THEN a.attname
						ELSE pg_get_indexdef(ix.indexrelid, k.i, true) END
					FROM generate_series(1, ix.indnkeyatts) k(i)
					LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k.i - 1]
					ORDER BY k.i)
			FROM pg_index ix
			JOIN pg_class i ON i.oid = ix.indexrelid
			JOIN pg_class t ON t.oid = ix.indrelid
			JOIN pg_namespace n ON n.oid = t.relnamespace
			JOIN pg_am am ON am.oid = i.relam
			WHERE n.nspname = ? AND t.relkind IN ('r', 'p') AND NOT t.relispartition
				AND NOT EXISTS (SELECT 1 FROM pg_constraint con
					WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('p', 'u', 'x'))
			ORDER BY t.relname, i.relname""";

	private static final String SEQUENCES = """
			SELECT c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, owner.relname,
				owner.relname || '.' || owner.attname
			FROM pg_sequence s
			JOIN pg_class c ON c.oid = s.seqrelid
			JOIN pg_namespace n ON n.oid = c.relnamespace
			LEFT JOIN LATERAL (SELECT t.relname, a.attname
				FROM pg_depend d
				JOIN pg_class t ON t.oid = d.refobjid
				JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
				WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
					AND d.deptype = 'a' AND d.refobjsubid > 0
				LIMIT 1) owner ON true
			WHERE n.nspname = ? AND c.relkind = 'S'
				AND NOT EXISTS (SELECT 1 FROM pg_depend i
					WHERE i.classid = 'pg_class'::regclass AND i.objid = c.oid AND i.deptype = 'i')
			ORDER BY c.relname""";

	@Override
	public Schema inspect(Connection connection, String schema, Set<String> excludedTables) {
		try {
			Map<String, TableBuilder> tables = new LinkedHashMap<>();
			query(connection, TABLES, schema, (row) -> {
				String name = row.getString(1);
				if (!excludedTables.contains(name)) {
					tables.put(name, new TableBuilder(name));
				}
			});
			query(connection, COLUMNS, schema, (row) -> withTable(tables, row, (table) -> table.columns.add(column(row))));
			query(connection, CONSTRAINTS, schema, (row) -> withTable(tables, row, (table) -> addConstraint(table, row)));
			query(connection, INDEXES, schema, (row) -> withTable(tables, row, (table) -> table.indexes.add(new Index(
					row.getString(2), strings(row.getArray(7)), row.getBoolean(3), row.getString(5), row.getString(6),
					row.getBoolean(4)))));
			List<Sequence> sequences = new ArrayList<>();
			query(connection, SEQUENCES, schema, (row) -> {
				// a sequence that one of FORGE's own tables owns is FORGE's too
				String owner = row.getString(5);
				if (owner == null || !excludedTables.contains(owner)) {
					sequences.add(new Sequence(row.getString(1), ColumnType.parse(row.getString(2)), row.getLong(3),
							row.getLong(4), row.getString(6)));
				}
			});
			return new Schema(schema, tables.values().stream().map(TableBuilder::build).toList(), sequences);
		}
		catch (SQLException ex) {
			throw new InspectionException(schema, ex);
		}
	}

	private static Column column(ResultSet row) throws SQLException {
		Column.Identity identity = switch (row.getString(6)) {
			case "a" -> Column.Identity.ALWAYS;
			case "d" -> Column.Identity.BY_DEFAULT;
			default -> null;
		};
		return new Column(row.getString(2), ColumnType.parse(row.getString(3)), !row.getBoolean(4),
				(identity != null) ? null : row.getString(5), null, identity);
	}

	private void addConstraint(TableBuilder table, ResultSet row) throws SQLException {
		String name = row.getString(2);
		List<String> columns = strings(row.getArray(5));
		switch (row.getString(3)) {
			case "p" -> table.primaryKey = new PrimaryKey(name, columns);
			case "u" -> table.uniques.add(new Unique(name, columns));
			case "f" -> table.foreignKeys
				.add(new ForeignKey(name, columns, row.getString(6), strings(row.getArray(7)), row.getBoolean(4)));
			default -> table.checks.add(new Check(name, row.getString(8), row.getBoolean(4)));
		}
	}

	private static List<String> strings(@Nullable Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		Object[] values = (Object[]) array.getArray();
		List<String> strings = new ArrayList<>(values.length);
		for (Object value : values) {
			strings.add(String.valueOf(value));
		}
		return strings;
	}

	private static void withTable(Map<String, TableBuilder> tables, ResultSet row, RowConsumer<TableBuilder> action)
			throws SQLException {
		TableBuilder table = tables.get(row.getString(1));
		if (table != null) {
			action.accept(table);
		}
	}

	private static void query(Connection connection, String sql, String schema, RowConsumer<ResultSet> action)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, schema);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					action.accept(rows);
				}
			}
		}
	}

	@FunctionalInterface
	private interface RowConsumer<T> {

		void accept(T value) throws SQLException;

	}

	private static final class TableBuilder {

		private final String name;

		private final List<Column> columns = new ArrayList<>();

		private @Nullable PrimaryKey primaryKey;

		private final List<Unique> uniques = new ArrayList<>();

		private final List<Index> indexes = new ArrayList<>();

		private final List<ForeignKey> foreignKeys = new ArrayList<>();

		private final List<Check> checks = new ArrayList<>();

		TableBuilder(String name) {
			this.name = name;
		}

		Table build() {
			return new Table(this.name, this.columns, this.primaryKey, this.uniques, this.indexes, this.foreignKeys,
					this.checks, null);
		}

	}

}
