package dev.forge.core.internal.diff;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.forge.core.GeneratedMigration;
import dev.forge.core.internal.generate.GeneratorOptions;
import dev.forge.core.internal.generate.MigrationGenerator;
import dev.forge.core.internal.generate.ScriptApplier;
import dev.forge.core.internal.inspect.PostgresSchemaInspector;
import dev.forge.core.internal.schema.Identifiers;
import dev.forge.core.schema.Column;
import dev.forge.core.schema.ColumnType;
import dev.forge.core.schema.ForeignKey;
import dev.forge.core.schema.Index;
import dev.forge.core.schema.PrimaryKey;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.SchemaDiff;
import dev.forge.core.schema.Sequence;
import dev.forge.core.schema.Table;
import dev.forge.core.schema.Unique;
import dev.forge.testsupport.TestDatabase;
import dev.forge.testsupport.TestPostgres;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.forge.core.internal.generate.SchemaAssertions.canonical;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generates random model sets and random successive edits, and checks for each step that
 * generate → apply → introspect → diff is empty, and that applying Down restores the
 * schema as it was before.
 */
class RoundTripIT {

	private static final List<ColumnType> TYPES = List.of(ColumnType.INTEGER, ColumnType.BIGINT,
			ColumnType.numeric(10, 2), ColumnType.TEXT, ColumnType.varchar(50), ColumnType.varchar(100),
			ColumnType.BOOLEAN, ColumnType.TIMESTAMPTZ, ColumnType.of("date"), ColumnType.UUID);

	private static final List<List<ColumnType>> CASTABLE = List.of(
			List.of(ColumnType.INTEGER, ColumnType.BIGINT, ColumnType.numeric(10, 2)),
			List.of(ColumnType.TEXT, ColumnType.varchar(50), ColumnType.varchar(100)),
			List.of(ColumnType.TIMESTAMPTZ, ColumnType.of("date")));

	private static final AtomicInteger SCHEMAS = new AtomicInteger();

	private static TestDatabase database;

	/** Tries per run; {@code -Dforge.roundtrip.seed=N} replays one seed from a failure message. */
	private static final int TRIES = 40;

	@BeforeAll
	static void createDatabase() {
		database = TestPostgres.server().createDatabase("RoundTripIT");
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	static long[] seeds() {
		String replay = System.getProperty("forge.roundtrip.seed");
		if (replay != null) {
			return new long[] { Long.parseLong(replay) };
		}
		return new Random().longs(TRIES).toArray();
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void generatedMigrationsConvergeAndRollBack(long seed) throws Exception {
		Random random = new Random(seed);
		String schemaName = "rt_" + SCHEMAS.incrementAndGet();
		Model model = Model.random(random);
		MigrationGenerator generator = new MigrationGenerator(new GeneratorOptions(random.nextBoolean(), random.nextBoolean()),
				java.time.Clock.systemUTC());
		try (Connection connection = database.connect()) {
			execute(connection, "CREATE SCHEMA " + schemaName + "; SET search_path TO " + schemaName);
			for (int step = 0; step < 5; step++) {
				Schema desired = model.schema(schemaName);
				Schema before = inspect(connection, schemaName);
				SchemaDiff diff = new SchemaDiffer().diff(before, desired);
				List<GeneratedMigration> scripts = generator.render("step " + step, diff, 1);
				String context = "seed " + seed + ", step " + step + "\n" + String.join("\n",
						scripts.stream().map(GeneratedMigration::content).toList());
				try {
					ScriptApplier.upAll(connection, scripts);
					Schema after = inspect(connection, schemaName);
					assertThat(new SchemaDiffer().diff(after, desired).changes()).as(context).isEmpty();
					ScriptApplier.downAll(connection, scripts);
					assertThat(canonical(inspect(connection, schemaName))).as(context).isEqualTo(canonical(before));
					ScriptApplier.upAll(connection, scripts);
				}
				catch (SQLException ex) {
					throw new AssertionError(context, ex);
				}
				model.clearRenames();
				int edits = 1 + random.nextInt(3);
				for (int i = 0; i < edits; i++) {
					model.edit(random);
				}
			}
			execute(connection, "DROP SCHEMA " + schemaName + " CASCADE");
		}
	}

	private static Schema inspect(Connection connection, String schema) {
		return new PostgresSchemaInspector().inspect(connection, schema, Set.of("forge_migrations"));
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/** A mutable model set, from which the desired schema is derived with model names. */
	static final class Model {

		private final AtomicInteger names = new AtomicInteger();

		private final Map<String, TableSpec> tables = new LinkedHashMap<>();

		/** Sequences that no column owns, by name. */
		private final Map<String, Sequence> sequences = new LinkedHashMap<>();

		static Model random(Random random) {
			Model model = new Model();
			int count = 1 + random.nextInt(4);
			for (int i = 0; i < count; i++) {
				model.addTable(random);
			}
			return model;
		}

		Schema schema(String name) {
			List<Sequence> sequences = new ArrayList<>(this.sequences.values());
			this.tables.values().forEach((table) -> table.columns.values().stream().filter((column) -> column.sequence != null)
				.forEach((column) -> sequences.add(new Sequence(column.sequence, column.type, 1, 1, table.name + "." + column.name))));
			return new Schema(name, this.tables.values().stream().map(TableSpec::table).toList(), sequences);
		}

		void clearRenames() {
			this.tables.values().forEach((table) -> {
				table.renamedFrom = null;
				table.columns.values().forEach((column) -> column.renamedFrom = null);
			});
		}

		void edit(Random random) {
			if (this.tables.isEmpty()) {
				addTable(random);
				return;
			}
			TableSpec table = pick(random, new ArrayList<>(this.tables.values()));
			List<ColumnSpec> columns = new ArrayList<>(table.columns.values());
			columns.removeIf((column) -> column.name.equals("id"));
			switch (random.nextInt(16)) {
				case 0 -> addTable(random);
				case 1 -> dropTable(table);
				case 2 -> renameTable(table);
				case 3 -> table.add(randomColumn(random));
				case 4 -> {
					if (!columns.isEmpty()) {
						table.drop(pick(random, columns).name);
					}
				}
				case 5 -> {
					if (!columns.isEmpty()) {
						table.rename(pick(random, columns).name, next("c"));
					}
				}
				case 6 -> {
					if (!columns.isEmpty()) {
						ColumnSpec column = pick(random, columns);
						if (!table.foreignKeys.containsKey(column.name)) {
							changeType(random, column);
						}
					}
				}
				case 7 -> {
					if (!columns.isEmpty()) {
						ColumnSpec column = pick(random, columns);
						column.nullable = !column.nullable;
					}
				}
				case 8 -> {
					if (!columns.isEmpty()) {
						ColumnSpec column = pick(random, columns);
						column.defaultValue = (column.defaultValue == null) ? defaultFor(random, column.type) : null;
					}
				}
				case 9 -> {
					if (!columns.isEmpty()) {
						table.indexes.add(List.of(pick(random, columns).name));
					}
				}
				case 10 -> {
					if (!table.indexes.isEmpty()) {
						table.indexes.remove(pick(random, new ArrayList<>(table.indexes)));
					}
				}
				case 11 -> {
					if (!columns.isEmpty()) {
						table.uniques.add(List.of(pick(random, columns).name));
					}
					else if (!table.uniques.isEmpty()) {
						table.uniques.remove(pick(random, new ArrayList<>(table.uniques)));
					}
				}
				case 12 -> {
					TableSpec target = pick(random, new ArrayList<>(this.tables.values()));
					ColumnSpec column = new ColumnSpec(next("ref"), ColumnType.BIGINT, random.nextBoolean(), null);
					table.add(column);
					table.foreignKeys.put(column.name, target.name);
				}
				case 13 -> {
					ColumnSpec id = table.columns.get("id");
					id.identity = (id.identity == null) ? Column.Identity.BY_DEFAULT
							: (id.identity == Column.Identity.BY_DEFAULT) ? Column.Identity.ALWAYS : null;
				}
				case 14 -> {
					if (this.sequences.isEmpty() || random.nextBoolean()) {
						String sequence = next("seq");
						this.sequences.put(sequence, new Sequence(sequence, 1 + random.nextInt(100), 1 + random.nextInt(50)));
					}
					else {
						Sequence sequence = pick(random, new ArrayList<>(this.sequences.values()));
						this.sequences.remove(sequence.name());
						if (random.nextBoolean()) {
							this.sequences.put(sequence.name(),
									new Sequence(sequence.name(), sequence.start() + 1, sequence.increment() + 1));
						}
					}
				}
				default -> {
					if (!table.foreignKeys.isEmpty()) {
						table.foreignKeys.remove(pick(random, new ArrayList<>(table.foreignKeys.keySet())));
					}
				}
			}
		}

		private void addTable(Random random) {
			TableSpec table = new TableSpec(next("t"));
			table.add(new ColumnSpec("id", ColumnType.BIGINT, false, null));
			if (random.nextInt(3) == 0) {
				table.columns.get("id").identity = random.nextBoolean() ? Column.Identity.BY_DEFAULT : Column.Identity.ALWAYS;
			}
			int columns = 1 + random.nextInt(4);
			for (int i = 0; i < columns; i++) {
				table.add(randomColumn(random));
			}
			if (random.nextBoolean()) {
				table.indexes.add(List.of(pick(random, new ArrayList<>(table.columns.keySet()).subList(1, columns + 1))));
			}
			if (!this.tables.isEmpty() && random.nextBoolean()) {
				ColumnSpec reference = new ColumnSpec(next("ref"), ColumnType.BIGINT, false, null);
				table.add(reference);
				table.foreignKeys.put(reference.name, pick(random, new ArrayList<>(this.tables.keySet())));
			}
			this.tables.put(table.name, table);
		}

		private void dropTable(TableSpec table) {
			this.tables.remove(table.name);
			this.tables.values().forEach((other) -> other.foreignKeys.values().removeIf(table.name::equals));
		}

		private void renameTable(TableSpec table) {
			String old = table.name;
			String renamed = next("t");
			Map<String, TableSpec> reordered = new LinkedHashMap<>();
			this.tables.forEach((name, spec) -> reordered.put(name.equals(old) ? renamed : name, spec));
			this.tables.clear();
			this.tables.putAll(reordered);
			table.name = renamed;
			table.renamedFrom = old;
			this.tables.values().forEach((other) -> other.foreignKeys.replaceAll((column, target) -> target.equals(old) ? renamed : target));
		}

		private void changeType(Random random, ColumnSpec column) {
			if (column.name.startsWith("ref") || column.identity != null || column.sequence != null) {
				return;
			}
			for (List<ColumnType> family : CASTABLE) {
				if (family.contains(column.type)) {
					column.type = pick(random, family.stream().filter((type) -> !type.equals(column.type)).toList());
					column.defaultValue = random.nextBoolean() ? defaultFor(random, column.type) : null;
					return;
				}
			}
		}

		private ColumnSpec randomColumn(Random random) {
			ColumnType type = pick(random, TYPES);
			ColumnSpec column = new ColumnSpec(next("c"), type, random.nextBoolean(),
					random.nextInt(3) == 0 ? defaultFor(random, type) : null);
			if ((type.equals(ColumnType.INTEGER) || type.equals(ColumnType.BIGINT)) && random.nextInt(3) == 0) {
				if (random.nextBoolean()) {
					column.identity = random.nextBoolean() ? Column.Identity.BY_DEFAULT : Column.Identity.ALWAYS;
				}
				else {
					// a serial column: a default that reads the sequence the column owns
					column.sequence = next("s");
					column.defaultValue = "nextval('" + column.sequence + "'::regclass)";
					column.nullable = false;
				}
			}
			return column;
		}

		private String next(String prefix) {
			return prefix + this.names.incrementAndGet();
		}

		private static @Nullable String defaultFor(Random random, ColumnType type) {
			return switch (type.name()) {
				case "integer", "bigint" -> random.nextBoolean() ? "0" : "-1";
				case "numeric" -> "1.5";
				case "text", "varchar" -> "'open'";
				case "boolean" -> "true";
				case "timestamptz" -> "now()";
				case "date" -> "CURRENT_DATE";
				case "uuid" -> "gen_random_uuid()";
				default -> null;
			};
		}

		private static <T> T pick(Random random, List<T> values) {
			return values.get(random.nextInt(values.size()));
		}

	}

	static final class TableSpec {

		String name;

		@Nullable String renamedFrom;

		final Map<String, ColumnSpec> columns = new LinkedHashMap<>();

		final Set<List<String>> indexes = new LinkedHashSet<>();

		final Set<List<String>> uniques = new LinkedHashSet<>();

		/** Referencing column to referenced table. */
		final Map<String, String> foreignKeys = new LinkedHashMap<>();

		TableSpec(String name) {
			this.name = name;
		}

		void add(ColumnSpec column) {
			this.columns.put(column.name, column);
		}

		void drop(String column) {
			this.columns.remove(column);
			this.indexes.removeIf((index) -> index.contains(column));
			this.uniques.removeIf((unique) -> unique.contains(column));
			this.foreignKeys.remove(column);
		}

		void rename(String from, String to) {
			Map<String, ColumnSpec> reordered = new LinkedHashMap<>();
			this.columns.forEach((name, spec) -> reordered.put(name.equals(from) ? to : name, spec));
			this.columns.clear();
			this.columns.putAll(reordered);
			ColumnSpec column = this.columns.get(to);
			column.name = to;
			column.renamedFrom = from;
			replace(this.indexes, from, to);
			replace(this.uniques, from, to);
			if (this.foreignKeys.containsKey(from)) {
				this.foreignKeys.put(to, this.foreignKeys.remove(from));
			}
		}

		private static void replace(Set<List<String>> sets, String from, String to) {
			List<List<String>> copy = new ArrayList<>(sets);
			sets.clear();
			copy.forEach((columns) -> sets.add(columns.stream().map((c) -> c.equals(from) ? to : c).toList()));
		}

		Table table() {
			List<Column> columns = this.columns.values()
				.stream()
				.map((column) -> new Column(column.name, column.type, column.nullable, column.defaultValue,
						column.renamedFrom, column.identity))
				.toList();
			return new Table(this.name, columns, new PrimaryKey(this.name + "_pkey", List.of("id")),
					this.uniques.stream().map((unique) -> new Unique(Identifiers.name(this.name, unique, "key"), unique)).toList(),
					this.indexes.stream().map((index) -> new Index(Identifiers.name(this.name, index, "idx"), index, false)).toList(),
					this.foreignKeys.entrySet()
						.stream()
						.map((entry) -> new ForeignKey(Identifiers.name(this.name, List.of(entry.getKey()), "fkey"),
								List.of(entry.getKey()), entry.getValue(), List.of("id")))
						.toList(),
					List.of(), this.renamedFrom);
		}

	}

	static final class ColumnSpec {

		String name;

		ColumnType type;

		boolean nullable;

		@Nullable String defaultValue;

		@Nullable String renamedFrom;

		Column.@Nullable Identity identity;

		/** The sequence the column owns, as a {@code serial} column does. */
		@Nullable String sequence;

		ColumnSpec(String name, ColumnType type, boolean nullable, @Nullable String defaultValue) {
			this.name = name;
			this.type = type;
			this.nullable = nullable;
			this.defaultValue = defaultValue;
		}

	}

}
