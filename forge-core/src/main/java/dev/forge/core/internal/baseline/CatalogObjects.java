package dev.forge.core.internal.baseline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.forge.core.internal.schema.Identifiers;
import org.jspecify.annotations.Nullable;

import static dev.forge.core.internal.schema.Identifiers.quote;

/**
 * Reads from PostgreSQL's catalogs what the schema model does not hold, as the catalog's
 * own definitions ({@code pg_get_functiondef}, {@code pg_get_viewdef},
 * {@code pg_get_triggerdef}, {@code pg_get_indexdef}, {@code pg_get_constraintdef}), and
 * names what a migration file cannot recreate. Objects that belong to an extension are left
 * to {@code CREATE EXTENSION}.
 */
final class CatalogObjects {

	private static final String NOT_IN_EXTENSION = " NOT EXISTS (SELECT FROM pg_depend e"
			+ " WHERE e.classid = %s::regclass AND e.objid = %s AND e.deptype = 'e')";

	private final Connection connection;

	private final String schema;

	private final Set<String> excludedTables;

	CatalogObjects(Connection connection, String schema, Set<String> excludedTables) {
		this.connection = connection;
		this.schema = schema;
		this.excludedTables = excludedTables;
	}

	/** {@code CREATE EXTENSION IF NOT EXISTS}, in the order they were created. */
	List<String> extensions() throws SQLException {
		List<String> statements = new ArrayList<>();
		query("SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
				+ " WHERE e.extname <> 'plpgsql' ORDER BY e.oid", 0, (row) -> statements
					.add("CREATE EXTENSION IF NOT EXISTS " + quote(row.getString(1)) + " WITH SCHEMA " + quote(row.getString(2))));
		return statements;
	}

	/** Enum, domain and composite types, in the order they were created. */
	List<Definition> types() throws SQLException {
		List<Definition> types = new ArrayList<>();
		query("""
				SELECT t.oid, t.typname, t.typtype,
					ARRAY(SELECT quote_literal(l.enumlabel) FROM pg_enum l WHERE l.enumtypid = t.oid
						ORDER BY l.enumsortorder),
					format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,
					ARRAY(SELECT 'CONSTRAINT ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid)
						FROM pg_constraint c WHERE c.contypid = t.oid ORDER BY c.conname),
					ARRAY(SELECT quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
						FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
						ORDER BY a.attnum)
				FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
				LEFT JOIN pg_class r ON r.oid = t.typrelid
				WHERE n.nspname = ? AND (t.typtype IN ('e', 'd', 'r', 'm') OR (t.typtype = 'c' AND r.relkind = 'c'))
					AND """ + NOT_IN_EXTENSION.formatted("'pg_type'", "t.oid") + """

				ORDER BY t.oid""", (row) -> {
			String name = quote(row.getString(2));
			String drop = "DROP TYPE IF EXISTS " + name;
			switch (row.getString(3)) {
				case "e" -> types.add(new Definition(row.getString(2),
						"CREATE TYPE " + name + " AS ENUM (" + String.join(", ", strings(row, 4)) + ")", drop));
				case "d" -> {
					StringBuilder sql = new StringBuilder("CREATE DOMAIN " + name + " AS " + row.getString(5));
					if (row.getString(7) != null) {
						sql.append(" DEFAULT ").append(row.getString(7));
					}
					if (row.getBoolean(6)) {
						sql.append(" NOT NULL");
					}
					strings(row, 8).forEach((constraint) -> sql.append(' ').append(constraint));
					types.add(new Definition(row.getString(2), sql.toString(), "DROP DOMAIN IF EXISTS " + name));
				}
				case "c" -> types.add(new Definition(row.getString(2),
						"CREATE TYPE " + name + " AS (" + String.join(", ", strings(row, 9)) + ")", drop));
				default -> types.add(Definition.unsupported("range type " + row.getString(2)));
			}
		});
		return types;
	}

	/**
	 * Sequences that no identity column owns: {@code CREATE SEQUENCE} with every parameter,
	 * and, after the tables, {@code OWNED BY} for those of a {@code serial} column.
	 */
	List<Definition> sequences() throws SQLException {
		List<Definition> sequences = new ArrayList<>();
		query("""
				SELECT c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax,
					s.seqcache, s.seqcycle, quote_ident(t.relname) || '.' || quote_ident(a.attname), t.relname
				FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
				JOIN pg_namespace n ON n.oid = c.relnamespace
				LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
					AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
				LEFT JOIN pg_class t ON t.oid = d.refobjid
				LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
				WHERE n.nspname = ? AND NOT EXISTS (SELECT FROM pg_depend i WHERE i.classid = 'pg_class'::regclass
					AND i.objid = c.oid AND i.deptype = 'i')
					AND """ + NOT_IN_EXTENSION.formatted("'pg_class'", "c.oid") + """

				ORDER BY c.relname""", (row) -> {
			if (row.getString(10) != null && this.excludedTables.contains(row.getString(10))) {
				return;
			}
			String name = quote(row.getString(1));
			String owner = row.getString(9);
			sequences.add(new Definition(row.getString(1),
					"CREATE SEQUENCE " + name + " AS " + row.getString(2) + sequenceOptions(row, 3), "DROP SEQUENCE IF EXISTS " + name,
					(owner != null) ? "ALTER SEQUENCE " + name + " OWNED BY " + owner : null));
		});
		return sequences;
	}

	/**
	 * Identity columns, as {@code ALTER TABLE ... ADD GENERATED ... AS IDENTITY} with the
	 * sequence's name and parameters; {@code afterTables} gives the sequence that name and
	 * those parameters when the table creates the column as identity.
	 */
	List<Definition> identities() throws SQLException {
		List<Definition> identities = new ArrayList<>();
		query("""
				SELECT t.relname, a.attname, a.attidentity, sc.relname, s.seqstart, s.seqincrement, s.seqmin,
					s.seqmax, s.seqcache, s.seqcycle,
					s.seqstart = 1 AND s.seqincrement = 1 AND s.seqmin = 1 AND s.seqcache = 1 AND NOT s.seqcycle
						AND s.seqmax = CASE s.seqtypid WHEN 'int2'::regtype THEN 32767 WHEN 'int4'::regtype THEN 2147483647
							ELSE 9223372036854775807 END
				FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid
				JOIN pg_namespace n ON n.oid = t.relnamespace
				JOIN pg_depend d ON d.refclassid = 'pg_class'::regclass AND d.refobjid = t.oid
					AND d.refobjsubid = a.attnum AND d.classid = 'pg_class'::regclass AND d.deptype = 'i'
				JOIN pg_class sc ON sc.oid = d.objid AND sc.relkind = 'S'
				JOIN pg_sequence s ON s.seqrelid = sc.oid
				WHERE n.nspname = ? AND a.attidentity IN ('a', 'd') AND t.relkind IN ('r', 'p')
				ORDER BY t.relname, a.attnum""", (row) -> {
			if (this.excludedTables.contains(row.getString(1))) {
				return;
			}
			String kind = "a".equals(row.getString(3)) ? "ALWAYS" : "BY DEFAULT";
			// for a column the model creates as identity already: its sequence's own name and options
			String defaultName = Identifiers.truncate(row.getString(1) + "_" + row.getString(2) + "_seq");
			String options = "ALTER SEQUENCE " + quote(row.getString(4)) + sequenceOptions(row, 5);
			boolean defaults = row.getBoolean(11);
			String adjust = defaultName.equals(row.getString(4)) ? (defaults ? null : options)
					: "ALTER SEQUENCE " + quote(defaultName) + " RENAME TO " + quote(row.getString(4))
							+ (defaults ? "" : ";\n" + options);
			identities.add(new Definition(row.getString(1) + "." + row.getString(2),
					"ALTER TABLE " + quote(row.getString(1)) + " ALTER COLUMN " + quote(row.getString(2)) + " ADD GENERATED "
							+ kind + " AS IDENTITY (SEQUENCE NAME " + quote(row.getString(4)) + sequenceOptions(row, 5) + ")",
					null, adjust));
		});
		return identities;
	}

	private static String sequenceOptions(ResultSet row, int first) throws SQLException {
		return " START WITH " + row.getLong(first) + " INCREMENT BY " + row.getLong(first + 1) + " MINVALUE "
				+ row.getLong(first + 2) + " MAXVALUE " + row.getLong(first + 3) + " CACHE " + row.getLong(first + 4)
				+ (row.getBoolean(first + 5) ? " CYCLE" : "");
	}

	/**
	 * Functions and procedures by {@code pg_get_functiondef}, in the order they were created;
	 * {@code afterTables} holds those whose signature uses a table's row type.
	 */
	List<Definition> functions() throws SQLException {
		List<Definition> functions = new ArrayList<>();
		query("""
				SELECT p.proname, p.prokind, CASE WHEN p.prokind IN ('f', 'p', 'w') THEN pg_get_functiondef(p.oid) END,
					pg_get_function_identity_arguments(p.oid),
					EXISTS (SELECT FROM pg_depend d JOIN pg_type t ON t.oid = d.refobjid
						WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
						AND d.refclassid = 'pg_type'::regclass AND t.typrelid <> 0)
				FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
				WHERE n.nspname = ? AND """ + NOT_IN_EXTENSION.formatted("'pg_proc'", "p.oid") + """

				ORDER BY p.oid""", (row) -> {
			String signature = quote(row.getString(1)) + "(" + row.getString(4) + ")";
			if (row.getString(3) == null) {
				functions.add(Definition.unsupported("aggregate " + signature));
				return;
			}
			String kind = "p".equals(row.getString(2)) ? "PROCEDURE " : "FUNCTION ";
			functions.add(new Definition(row.getString(1), trimEnd(row.getString(3)), "DROP " + kind + "IF EXISTS " + signature, null,
					row.getBoolean(5)));
		});
		return functions;
	}

	/** Views and materialized views, each after the views it reads. */
	List<Definition> views() throws SQLException {
		Map<Long, Definition> views = new LinkedHashMap<>();
		Map<Long, Set<Long>> reads = new HashMap<>();
		query("""
				SELECT c.oid, c.relname, c.relkind, pg_get_viewdef(c.oid, true), array_to_string(c.reloptions, ', '),
					ARRAY(SELECT DISTINCT d.refobjid FROM pg_rewrite r JOIN pg_depend d
						ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass
						WHERE r.ev_class = c.oid AND d.refobjid <> c.oid)
				FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = ? AND c.relkind IN ('v', 'm')
					AND """ + NOT_IN_EXTENSION.formatted("'pg_class'", "c.oid") + """

				ORDER BY c.oid""", (row) -> {
			boolean materialized = "m".equals(row.getString(3));
			String name = quote(row.getString(2));
			String options = row.getString(5);
			String with = (options == null || options.isEmpty()) ? "" : " WITH (" + options + ")";
			String query = trimEnd(row.getString(4));
			String create = materialized ? "CREATE MATERIALIZED VIEW " + name + with + " AS\n" + query + "\nWITH NO DATA"
					: "CREATE VIEW " + name + with + " AS\n" + query;
			views.put(row.getLong(1), new Definition(row.getString(2), create,
					(materialized ? "DROP MATERIALIZED VIEW IF EXISTS " : "DROP VIEW IF EXISTS ") + name));
			Set<Long> dependencies = new HashSet<>();
			for (Object oid : (Object[]) row.getArray(6).getArray()) {
				dependencies.add(((Number) oid).longValue());
			}
			reads.put(row.getLong(1), dependencies);
		});
		List<Definition> ordered = new ArrayList<>();
		Set<Long> done = new HashSet<>();
		for (Long oid : views.keySet()) {
			visit(oid, views, reads, done, new HashSet<>(), ordered);
		}
		return ordered;
	}

	private static void visit(Long oid, Map<Long, Definition> views, Map<Long, Set<Long>> reads, Set<Long> done,
			Set<Long> visiting, List<Definition> ordered) {
		if (done.contains(oid) || !views.containsKey(oid) || !visiting.add(oid)) {
			return;
		}
		for (Long dependency : reads.getOrDefault(oid, Set.of())) {
			visit(dependency, views, reads, done, visiting, ordered);
		}
		done.add(oid);
		ordered.add(views.get(oid));
	}

	/** Triggers on tables and views, by {@code pg_get_triggerdef}. */
	List<Definition> triggers() throws SQLException {
		List<Definition> triggers = new ArrayList<>();
		query("""
				SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid)
				FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
				JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = ? AND NOT t.tgisinternal
				ORDER BY c.relname, t.tgname""", (row) -> {
			if (!this.excludedTables.contains(row.getString(2))) {
				triggers.add(new Definition(row.getString(2) + "." + row.getString(1), row.getString(3),
						"DROP TRIGGER " + quote(row.getString(1)) + " ON " + quote(row.getString(2))));
			}
		});
		return triggers;
	}

	/**
	 * Indexes of tables and materialized views by {@code pg_get_indexdef}, each with whether
	 * the schema model writes it as it is: a B-tree or other index on plain columns with
	 * default operator classes, collations and order, without {@code INCLUDE}, storage
	 * parameters or a predicate.
	 */
	List<CatalogIndex> indexes() throws SQLException {
		List<CatalogIndex> indexes = new ArrayList<>();
		query("""
				SELECT t.relname, i.relname, pg_get_indexdef(ix.indexrelid), t.relkind,
					ix.indexprs IS NULL AND ix.indpred IS NULL AND ix.indnatts = ix.indnkeyatts
					AND i.reloptions IS NULL AND i.reltablespace = 0
					AND NOT EXISTS (SELECT FROM unnest(ix.indoption) o WHERE o <> 0)
					AND NOT EXISTS (SELECT FROM unnest(ix.indclass) k JOIN pg_opclass oc ON oc.oid = k WHERE NOT oc.opcdefault)
					AND NOT EXISTS (SELECT FROM generate_series(0, ix.indnkeyatts - 1) k
						JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k]
						WHERE ix.indcollation[k] <> 0 AND ix.indcollation[k] <> a.attcollation)
				FROM pg_index ix
				JOIN pg_class i ON i.oid = ix.indexrelid
				JOIN pg_class t ON t.oid = ix.indrelid
				JOIN pg_namespace n ON n.oid = t.relnamespace
				WHERE n.nspname = ? AND t.relkind IN ('r', 'p', 'm') AND NOT t.relispartition
					AND NOT EXISTS (SELECT 1 FROM pg_constraint con
						WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('p', 'u', 'x'))
				ORDER BY t.relname, i.relname""", (row) -> {
			if (!this.excludedTables.contains(row.getString(1))) {
				indexes.add(new CatalogIndex(row.getString(1), row.getString(2), row.getString(3),
						"t".equals(row.getString(5)) && !"m".equals(row.getString(4)), "m".equals(row.getString(4))));
			}
		});
		return indexes;
	}

	/**
	 * Constraints the schema model cannot express, by {@code pg_get_constraintdef}: foreign
	 * keys with actions, deferral or a match type, exclusion constraints, and unique keys
	 * that are deferrable or have {@code INCLUDE}.
	 */
	List<CatalogConstraint> constraints() throws SQLException {
		List<CatalogConstraint> constraints = new ArrayList<>();
		query("""
				SELECT c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)
				FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
				JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND (con.contype = 'x'
					OR (con.contype = 'f' AND (con.confupdtype <> 'a' OR con.confdeltype <> 'a' OR con.condeferrable
						OR con.confmatchtype <> 's'))
					OR (con.contype = 'u' AND (con.condeferrable OR pg_get_constraintdef(con.oid) LIKE '% INCLUDE %')))
				ORDER BY c.relname, con.conname""", (row) -> {
			if (!this.excludedTables.contains(row.getString(1))) {
				constraints.add(new CatalogConstraint(row.getString(1), row.getString(2), row.getString(3).charAt(0),
						"ALTER TABLE " + quote(row.getString(1)) + " ADD CONSTRAINT " + quote(row.getString(2)) + " "
								+ row.getString(4)));
			}
		});
		return constraints;
	}

	/** Generated columns: name and expression. */
	Map<String, String> generatedColumns() throws SQLException {
		Map<String, String> columns = new LinkedHashMap<>();
		query("""
				SELECT c.relname, a.attname, pg_get_expr(d.adbin, d.adrelid)
				FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
				JOIN pg_namespace n ON n.oid = c.relnamespace
				JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
				WHERE n.nspname = ? AND a.attgenerated = 's' AND c.relkind IN ('r', 'p')""",
				(row) -> columns.put(row.getString(1) + "." + row.getString(2), row.getString(3)));
		return columns;
	}

	/** {@code COMMENT ON} tables, views and their columns. */
	List<String> comments() throws SQLException {
		List<String> comments = new ArrayList<>();
		query("""
				SELECT c.relname, c.relkind, a.attname, d.description
				FROM pg_description d JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass
				JOIN pg_namespace n ON n.oid = c.relnamespace
				LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
				WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition
					AND (d.objsubid = 0 OR a.attname IS NOT NULL)
				ORDER BY c.relname, d.objsubid""", (row) -> {
			if (this.excludedTables.contains(row.getString(1))) {
				return;
			}
			String kind = switch (row.getString(2)) {
				case "v" -> "VIEW ";
				case "m" -> "MATERIALIZED VIEW ";
				default -> "TABLE ";
			};
			String target = (row.getString(3) != null) ? "COLUMN " + quote(row.getString(1)) + "." + quote(row.getString(3))
					: kind + quote(row.getString(1));
			comments.add("COMMENT ON " + target + " IS " + literal(row.getString(4)));
		});
		return comments;
	}

	/** What no migration file of FORGE recreates, by name. */
	List<String> unsupported() throws SQLException {
		List<String> names = new ArrayList<>();
		query("""
				SELECT CASE
					WHEN c.relispartition THEN 'partition ' || c.relname || ' (of ' || p.relname || ')'
					WHEN p.relname IS NOT NULL THEN 'inheritance of ' || c.relname || ' from ' || p.relname
					WHEN c.relkind = 'p' THEN 'partitioning of ' || c.relname || ' (' || pg_get_partkeydef(c.oid) || ')'
					WHEN c.relkind = 'f' THEN 'foreign table ' || c.relname
					END
				FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				LEFT JOIN pg_inherits h ON h.inhrelid = c.oid
				LEFT JOIN pg_class p ON p.oid = h.inhparent
				WHERE n.nspname = ? AND (c.relispartition OR p.oid IS NOT NULL OR c.relkind IN ('p', 'f'))
				UNION ALL
				SELECT 'row-level security policy ' || pol.polname || ' on ' || c.relname
				FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = ?
				UNION ALL
				SELECT 'row-level security of ' || c.relname
				FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = ? AND c.relrowsecurity
				UNION ALL
				SELECT 'rule ' || r.rulename || ' on ' || c.relname
				FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = ? AND r.rulename <> '_RETURN'
				UNION ALL
				SELECT 'collation of column ' || c.relname || '.' || a.attname
				FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
				JOIN pg_type t ON t.oid = a.atttypid
				WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
					AND a.attcollation <> t.typcollation
				UNION ALL
				SELECT 'privileges on ' || c.relname
				FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = ? AND c.relacl IS NOT NULL AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
				ORDER BY 1""", 6, (row) -> {
			String name = row.getString(1);
			if (name != null && this.excludedTables.stream()
				.noneMatch((table) -> name.endsWith(" " + table) || name.contains(" " + table + "."))) {
				names.add(name);
			}
		});
		return names;
	}

	private static String trimEnd(String sql) {
		String trimmed = sql.strip();
		return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1).stripTrailing() : trimmed;
	}

	private static String literal(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

	private static List<String> strings(ResultSet row, int column) throws SQLException {
		List<String> strings = new ArrayList<>();
		for (Object value : (Object[]) row.getArray(column).getArray()) {
			strings.add(String.valueOf(value));
		}
		return strings;
	}

	private void query(String sql, RowAction action) throws SQLException {
		query(sql, 1, action);
	}

	private void query(String sql, int schemaParameters, RowAction action) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			for (int i = 1; i <= schemaParameters; i++) {
				statement.setString(i, this.schema);
			}
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					action.accept(rows);
				}
			}
		}
	}

	@FunctionalInterface
	private interface RowAction {

		void accept(ResultSet row) throws SQLException;

	}

	/**
	 * One object written from the catalog.
	 *
	 * @param name its name, for messages
	 * @param create the statement that creates it, or {@code null} when it cannot be written
	 * @param drop the statement that drops it, or {@code null}
	 * @param afterTables a statement that must run once the tables exist, or {@code null}
	 * @param needsTables whether {@code create} itself must run after the tables
	 */
	record Definition(String name, @Nullable String create,
			@Nullable String drop, @Nullable String afterTables,
			boolean needsTables) {

		Definition(String name, String create, @Nullable String drop) {
			this(name, create, drop, null, false);
		}

		Definition(String name, String create, @Nullable String drop,
				@Nullable String afterTables) {
			this(name, create, drop, afterTables, false);
		}

		static Definition unsupported(String name) {
			return new Definition(name, null, null, null, false);
		}

	}

	/**
	 * An index as the catalog defines it.
	 *
	 * @param table its table or materialized view
	 * @param name its name
	 * @param definition {@code pg_get_indexdef}
	 * @param modelled whether the schema model writes it as it is
	 * @param onView whether it indexes a materialized view
	 */
	record CatalogIndex(String table, String name, String definition, boolean modelled, boolean onView) {

	}

	/**
	 * A constraint the schema model cannot express.
	 *
	 * @param table its table
	 * @param name its name
	 * @param type {@code f}, {@code u} or {@code x}
	 * @param definition the {@code ALTER TABLE ... ADD CONSTRAINT} that creates it
	 */
	record CatalogConstraint(String table, String name, char type, String definition) {

	}

}
