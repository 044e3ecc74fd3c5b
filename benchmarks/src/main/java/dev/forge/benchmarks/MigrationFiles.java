package dev.forge.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the benchmark's migrations: small, non-concurrent DDL in a repeating pattern of
 * three files per table (create table, add column, create index), the same SQL for every
 * tool.
 */
final class MigrationFiles {

	private MigrationFiles() {
	}

	/** The SQL of migration {@code number} (1-based). */
	static String sql(int number) {
		int table = (number - 1) / 3 + 1;
		return switch ((number - 1) % 3) {
			case 0 -> "CREATE TABLE bench_t" + table + " (\n    id bigint PRIMARY KEY,\n    name text NOT NULL,\n"
					+ "    created_at timestamptz NOT NULL DEFAULT now()\n);\n";
			case 1 -> "ALTER TABLE bench_t" + table + " ADD COLUMN amount integer;\n";
			default -> "CREATE INDEX bench_t" + table + "_amount_idx ON bench_t" + table + " (amount);\n";
		};
	}

	/** The SQL that undoes migration {@code number}, for the incremental scenario. */
	static String undo(int number) {
		int table = (number - 1) / 3 + 1;
		return switch ((number - 1) % 3) {
			case 0 -> "DROP TABLE bench_t" + table;
			case 1 -> "ALTER TABLE bench_t" + table + " DROP COLUMN amount";
			default -> "DROP INDEX bench_t" + table + "_amount_idx";
		};
	}

	static String slug(int number) {
		int table = (number - 1) / 3 + 1;
		return switch ((number - 1) % 3) {
			case 0 -> "create_bench_t" + table;
			case 1 -> "add_amount_to_bench_t" + table;
			default -> "index_bench_t" + table + "_amount";
		};
	}

	/**
	 * Writes {@code count} migrations for a tool into a directory.
	 * @return the directory
	 */
	static Path write(Tool tool, Path directory, int count) throws IOException {
		Files.createDirectories(directory);
		int width = width(count);
		List<Path> files = new ArrayList<>(count);
		for (int number = 1; number <= count; number++) {
			String slug = slug(number);
			Path file = tool.fileFor(directory, number, width, slug);
			Files.writeString(file, tool.header(number, slug) + "-- " + slug + "\n" + sql(number),
					StandardCharsets.UTF_8);
			files.add(file);
		}
		tool.finish(directory, files);
		return directory;
	}

	/** Digits of the number in a file name, for {@code count} migrations. */
	static int width(int count) {
		return Math.max(4, Integer.toString(count).length());
	}

	/** What {@code count} migrations create: tables, columns of those tables, indexes. */
	static String expectedObjects(int count) {
		int tables = (count + 2) / 3;
		int addedColumns = (count + 1) / 3;
		int indexes = count / 3;
		return objects(tables, 3 * tables + addedColumns, tables + indexes);
	}

	/** What a database holds of the benchmark's objects, in {@link #expectedObjects} form. */
	static String actualObjects(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT"
						+ " (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
						+ "   WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname LIKE 'bench\\_t%'),"
						+ " (SELECT count(*) FROM information_schema.columns"
						+ "   WHERE table_schema = 'public' AND table_name LIKE 'bench\\_t%'),"
						+ " (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'"
						+ "   AND tablename LIKE 'bench\\_t%')")) {
			result.next();
			return objects(result.getLong(1), result.getLong(2), result.getLong(3));
		}
	}

	private static String objects(long tables, long columns, long indexes) {
		return tables + " tables, " + columns + " columns, " + indexes + " indexes";
	}

}
