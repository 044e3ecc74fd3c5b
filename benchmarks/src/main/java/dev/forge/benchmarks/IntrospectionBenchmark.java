package dev.forge.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.forge.core.internal.diff.SchemaDiffer;
import dev.forge.core.internal.inspect.PostgresSchemaInspector;
import dev.forge.core.schema.Column;
import dev.forge.core.schema.ColumnType;
import dev.forge.core.schema.ForeignKey;
import dev.forge.core.schema.Index;
import dev.forge.core.schema.PrimaryKey;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.SchemaDiff;
import dev.forge.core.schema.Table;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Times introspection plus diff of a schema of 1,000 tables of 10 columns, each with an
 * index and a foreign key, against models that match it. Target: under one second.
 * <p>
 * Run with {@code mvn -pl benchmarks -am -q compile exec:java
 * -Dexec.mainClass=dev.forge.benchmarks.IntrospectionBenchmark [-Dexec.args=JDBC_URL]};
 * without a JDBC URL it starts an embedded PostgreSQL.
 */
public final class IntrospectionBenchmark {

	private static final int TABLES = 1_000;

	private static final String SCHEMA = "forge_bench";

	private IntrospectionBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0) {
			run(args[0]);
			return;
		}
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
			run(postgres.getJdbcUrl("postgres", "postgres"));
		}
	}

	private static void run(String jdbcUrl) throws Exception {
		try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
			Schema desired = desired();
			create(connection);
			PostgresSchemaInspector inspector = new PostgresSchemaInspector();
			SchemaDiffer differ = new SchemaDiffer();
			long[] times = new long[7];
			SchemaDiff diff = null;
			for (int i = 0; i < times.length; i++) {
				long start = System.nanoTime();
				Schema actual = inspector.inspect(connection, SCHEMA, Set.of("forge_migrations"));
				diff = differ.diff(actual, desired);
				times[i] = System.nanoTime() - start;
			}
			drop(connection);
			long[] measured = Arrays.copyOfRange(times, 2, times.length);
			Arrays.sort(measured);
			System.out.printf("Introspection + diff of %d tables x 10 columns (index + FK each): "
					+ "first %d ms, median %d ms, best %d ms (changes found: %d)%n", TABLES, times[0] / 1_000_000,
					measured[measured.length / 2] / 1_000_000, measured[0] / 1_000_000, diff.changes().size());
		}
	}

	private static void drop(Connection connection) throws Exception {
		try (Statement statement = connection.createStatement()) {
			for (int i = TABLES - 1; i >= 0; i--) {
				statement.execute("DROP TABLE IF EXISTS " + SCHEMA + ".t" + i + " CASCADE");
			}
			statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
	}

	private static void create(Connection connection) throws Exception {
		drop(connection);
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + SCHEMA + "; SET search_path TO " + SCHEMA);
		}
		StringBuilder sql = new StringBuilder();
		for (int i = 0; i < TABLES; i++) {
			sql.append("CREATE TABLE t").append(i).append(" (id bigint NOT NULL, ref_id bigint")
				.append(", name varchar(100) NOT NULL, note text, amount numeric(10,2) DEFAULT 0, active boolean NOT NULL")
				.append(", created_at timestamptz NOT NULL DEFAULT now(), day date, code uuid, counter integer")
				.append(", CONSTRAINT t").append(i).append("_pkey PRIMARY KEY (id)");
			if (i > 0) {
				sql.append(", CONSTRAINT t").append(i).append("_ref_id_fkey FOREIGN KEY (ref_id) REFERENCES t").append(i - 1)
					.append(" (id)");
			}
			sql.append(");\nCREATE INDEX t").append(i).append("_name_idx ON t").append(i).append(" (name);\n");
			if (i % 100 == 99) {
				try (Statement statement = connection.createStatement()) {
					statement.execute(sql.toString());
				}
				sql.setLength(0);
			}
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET search_path TO public");
		}
	}

	private static Schema desired() {
		List<Table> tables = new ArrayList<>();
		for (int i = 0; i < TABLES; i++) {
			String name = "t" + i;
			List<Column> columns = List.of(new Column("id", ColumnType.BIGINT, false, null),
					new Column("ref_id", ColumnType.BIGINT, true, null),
					new Column("name", ColumnType.varchar(100), false, null), new Column("note", ColumnType.TEXT, true, null),
					new Column("amount", ColumnType.numeric(10, 2), true, "0"),
					new Column("active", ColumnType.BOOLEAN, false, null),
					new Column("created_at", ColumnType.TIMESTAMPTZ, false, "now()"),
					new Column("day", ColumnType.of("date"), true, null), new Column("code", ColumnType.UUID, true, null),
					new Column("counter", ColumnType.INTEGER, true, null));
			List<ForeignKey> foreignKeys = (i > 0)
					? List.of(new ForeignKey(name + "_ref_id_fkey", List.of("ref_id"), "t" + (i - 1), List.of("id")))
					: List.of();
			tables.add(new Table(name, columns, new PrimaryKey(name + "_pkey", List.of("id")), List.of(),
					List.of(new Index(name + "_name_idx", List.of("name"), false)), foreignKeys, List.of(), null));
		}
		return new Schema(SCHEMA, tables);
	}

}
