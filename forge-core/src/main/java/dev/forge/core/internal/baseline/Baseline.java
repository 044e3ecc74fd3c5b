package dev.forge.core.internal.baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.forge.core.AdoptionStatus;
import dev.forge.core.BaselineResult;
import dev.forge.core.ForgeConfiguration;
import dev.forge.core.ForgeException;
import dev.forge.core.internal.backfill.JobStore;
import dev.forge.core.internal.baseline.CatalogObjects.CatalogConstraint;
import dev.forge.core.internal.baseline.CatalogObjects.CatalogIndex;
import dev.forge.core.internal.baseline.CatalogObjects.Definition;
import dev.forge.core.internal.fleet.NodeTable;
import dev.forge.core.internal.generate.MigrationGenerator;
import dev.forge.core.internal.generate.SchemaScript;
import dev.forge.core.internal.history.AppliedMigration;
import dev.forge.core.internal.inspect.PostgresSchemaInspector;
import dev.forge.core.internal.migration.MigrationCatalog;
import dev.forge.core.internal.migration.MigrationName;
import dev.forge.core.internal.migration.MigrationScriptParser;
import dev.forge.core.internal.runner.MigrationRunner;
import dev.forge.core.internal.schema.Identifiers;
import dev.forge.core.schema.Column;
import dev.forge.core.schema.ForeignKey;
import dev.forge.core.schema.Index;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.Table;
import dev.forge.core.schema.Unique;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one migration file that recreates the current schema of a database FORGE did not
 * build, and records it as applied without running it. Tables, keys, checks and plain
 * indexes are the generator's own SQL for a diff from an empty schema; everything else
 * comes from the catalog's definitions, in an order PostgreSQL accepts on an empty database:
 * extensions, types, sequences, functions, tables, identity columns, constraints and indexes
 * the model cannot express, views, triggers, comments. Sequences come from the catalog, with
 * every parameter; identity columns too, when the model does not hold them. What no file can recreate is named in
 * the file's header and in the result. Internal: use {@link dev.forge.core.Forge#baseline}.
 */
public final class Baseline {

	/** Flyway's history is no part of the application's schema. */
	public static final String FLYWAY_TABLE = "flyway_schema_history";

	private static final Logger logger = LoggerFactory.getLogger(Baseline.class);

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
		.withZone(ZoneOffset.UTC);

	/** Stands in for a generated column's default until the renderer wrote the column. */
	private static final String GENERATED = "forge_generated_column_";

	private final ForgeConfiguration configuration;

	private final MigrationRunner runner;

	private final Clock clock;

	public Baseline(ForgeConfiguration configuration, MigrationRunner runner, Clock clock) {
		this.configuration = configuration;
		this.runner = runner;
		this.clock = clock;
	}

	/**
	 * Writes the baseline file and records it as applied.
	 * @param name the migration's name, made into a slug, e.g. {@code baseline}
	 * @return the file and what it does not recreate
	 * @throws ForgeException when the history has rows, migration files exist, or the
	 * schema holds no table or view; nothing is written or recorded then
	 */
	public BaselineResult create(String name) {
		requireNoFiles(this.runner.catalog());
		Rendered rendered = read((connection) -> {
			requireNoHistory(this.runner.history().load(connection));
			return render(connection, name);
		});
		BaselineResult result = this.runner.recording((connection, history, rows) -> {
			requireNoHistory(rows);
			Path file = write(rendered);
			try {
				connection.setAutoCommit(false);
				history.recordAdopted(connection, rendered.name(), rendered.checksum(), null, 0, null,
						"baseline of schema " + this.configuration.schema() + ", recorded without running");
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				delete(file);
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
			return new BaselineResult(rendered.name(), file, rendered.notWritten());
		});
		logger.info(result.message());
		return result;
	}

	/**
	 * Tells whether the database is one to adopt, without changing anything.
	 * @return the counts
	 */
	public AdoptionStatus status() {
		int files = this.runner.catalog().entries().size();
		return read((connection) -> {
			int rows = this.runner.history().load(connection).size();
			try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FILTER (WHERE NOT (c.relname"
					+ " = ANY (?)) AND c.relkind IN ('r', 'p', 'v', 'm')), count(*) FILTER (WHERE c.relname = ?"
					+ " AND c.relkind IN ('r', 'p')) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " WHERE n.nspname = ? AND NOT c.relispartition")) {
				statement.setArray(1, connection.createArrayOf("text", excludedTables(this.configuration).toArray()));
				statement.setString(2, FLYWAY_TABLE);
				statement.setString(3, this.configuration.schema());
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					return new AdoptionStatus(result.getInt(1), rows, files, result.getInt(2) > 0);
				}
			}
		});
	}

	/**
	 * The tables that are FORGE's own or Flyway's, never part of a baseline.
	 * @param configuration the configuration
	 * @return their names
	 */
	static Set<String> excludedTables(ForgeConfiguration configuration) {
		return Set.of(configuration.table(), JobStore.tableName(configuration.table()),
				NodeTable.tableName(configuration.table()), FLYWAY_TABLE);
	}

	private void requireNoFiles(MigrationCatalog catalog) {
		if (!catalog.entries().isEmpty()) {
			List<String> names = catalog.entries().stream().map((entry) -> entry.name().value()).toList();
			throw new ForgeException("Cannot write a baseline while migration files exist: "
					+ String.join(", ", names.subList(0, Math.min(5, names.size())))
					+ ((names.size() > 5) ? " and " + (names.size() - 5) + " more" : "")
					+ ". A baseline must be the first migration: move those files away, or apply them"
					+ " instead ('migrate apply'). Nothing was written.");
		}
	}

	private void requireNoHistory(List<AppliedMigration> rows) {
		if (!rows.isEmpty()) {
			throw new ForgeException("Cannot write a baseline: " + this.runner.history().qualifiedName() + " already has "
					+ rows.size() + " row" + ((rows.size() == 1) ? "" : "s") + " (first: " + rows.get(0).name()
					+ "). A baseline is for a database FORGE has not migrated yet. Nothing was written or recorded.");
		}
	}

	private Rendered render(Connection connection, String name) throws SQLException {
		Set<String> excluded = excludedTables(this.configuration);
		String schemaName = this.configuration.schema();
		Schema schema = new PostgresSchemaInspector().inspect(connection, schemaName, excluded);
		CatalogObjects catalog = new CatalogObjects(connection, schemaName, excluded);
		List<Definition> views = catalog.views();
		if (schema.tables().isEmpty() && views.isEmpty()) {
			throw new ForgeException("Cannot write a baseline: schema " + schemaName + " holds no table or view"
					+ " (FORGE's and Flyway's own tables aside). Generate migrations from the models instead"
					+ " ('migrate generate NAME'). Nothing was written or recorded.");
		}
		List<CatalogConstraint> constraints = catalog.constraints();
		List<CatalogIndex> indexes = catalog.indexes();
		Map<String, String> generated = catalog.generatedColumns();
		SchemaScript tables = SchemaScript.of(modelled(schema, constraints, indexes, generated.keySet()));
		List<String> notWritten = new ArrayList<>(catalog.unsupported());
		List<String> up = new ArrayList<>();
		List<String> down = new ArrayList<>();
		List<Definition> functions = catalog.functions();
		if (functions.stream().anyMatch((function) -> function.create() != null)) {
			// as pg_dump does: a function body may use a table or function created further down
			up.add("SET LOCAL check_function_bodies = false");
		}
		up.addAll(catalog.extensions());
		List<Definition> types = catalog.types();
		creates(types, up, notWritten);
		// sequences come from the catalog, with every parameter, not only those the model holds
		List<Definition> sequences = catalog.sequences();
		creates(sequences, up, notWritten);
		List<Definition> early = functions.stream().filter((function) -> !function.needsTables()).toList();
		List<Definition> late = functions.stream().filter(Definition::needsTables).toList();
		creates(early, up, notWritten);
		for (String statement : tables.up()) {
			up.add(withGeneratedColumns(statement, generated));
		}
		for (Definition identity : catalog.identities()) {
			String[] parts = identity.name().split("\\.", 2);
			boolean modelled = schema.table(parts[0])
				.flatMap((table) -> table.column(parts[1]))
				.map((column) -> column.identity() != null)
				.orElse(false);
			String statement = modelled ? identity.afterTables() : identity.create();
			if (statement != null) {
				up.add(statement);
			}
		}
		sequences.stream().map(Definition::afterTables).filter((sql) -> sql != null).forEach(up::add);
		constraints.stream().filter((constraint) -> constraint.type() != 'f').forEach((c) -> up.add(c.definition()));
		constraints.stream().filter((constraint) -> constraint.type() == 'f').forEach((c) -> up.add(c.definition()));
		indexes.stream().filter((index) -> !index.modelled() && !index.onView()).forEach((i) -> up.add(i.definition()));
		creates(late, up, notWritten);
		for (Definition view : views) {
			up.add(view.create());
			indexes.stream()
				.filter((index) -> index.onView() && index.table().equals(view.name()))
				.forEach((index) -> up.add(index.definition()));
		}
		catalog.triggers().forEach((trigger) -> up.add(trigger.create()));
		up.addAll(catalog.comments());
		drops(views, down);
		drops(late, down);
		down.addAll(tables.down());
		drops(sequences, down);
		drops(early, down);
		drops(types, down);
		return render(name, schemaName, up, down, notWritten);
	}

	private Rendered render(String name, String schemaName, List<String> up, List<String> down,
			List<String> notWritten) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		long number = MigrationGenerator.nextNumber(this.configuration.outputDirectory());
		String migration = String.format(Locale.ROOT, "%04d_%s_%s", number, STAMP.format(now),
				MigrationGenerator.slug(name));
		StringBuilder sql = new StringBuilder();
		sql.append("-- Migration: ").append(migration).append('\n');
		sql.append("-- Generated: ").append(now).append('\n');
		sql.append("--\n");
		sql.append("-- Baseline of schema ").append(schemaName).append(" as it was when generated. It is recorded as\n");
		sql.append("-- applied on the database it was taken from, without running; on a new, empty database\n");
		sql.append("-- 'migrate apply' runs it and creates the same schema.\n");
		if (!notWritten.isEmpty()) {
			sql.append("--\n-- Not recreated by this file (recreate by hand on a new database):\n");
			notWritten.forEach((object) -> sql.append("--   - ").append(object).append('\n'));
		}
		sql.append("\n-- Up\n");
		up.forEach((statement) -> sql.append(statement).append(";\n"));
		sql.append("\n-- Down\n");
		sql.append("-- extensions stay installed: other schemas may use them\n");
		down.forEach((statement) -> sql.append(statement).append(";\n"));
		String fileName = migration + ".sql";
		String location = this.configuration.outputDirectory().resolve(fileName).toString();
		String checksum = MigrationScriptParser
			.parse(MigrationName.ofFileName(fileName, location), location, sql.toString())
			.checksum();
		return new Rendered(migration, fileName, sql.toString(), checksum, notWritten);
	}

	/**
	 * The schema as the model writes it: without what the catalog writes instead, and with
	 * a stand-in for the expression of each generated column.
	 */
	private static Schema modelled(Schema schema, List<CatalogConstraint> constraints, List<CatalogIndex> indexes,
			Set<String> generated) {
		Set<String> fromCatalog = new HashSet<>();
		constraints.forEach((constraint) -> fromCatalog.add(constraint.table() + "." + constraint.name()));
		indexes.stream()
			.filter((index) -> !index.modelled())
			.forEach((index) -> fromCatalog.add(index.table() + "." + index.name()));
		List<Table> tables = new ArrayList<>();
		for (Table table : schema.tables()) {
			String prefix = table.name() + ".";
			List<Column> columns = table.columns()
				.stream()
				.map((column) -> generated.contains(prefix + column.name())
						? new Column(column.name(), column.type(), column.nullable(), GENERATED + column.name(), null,
								column.identity())
						: column)
				.toList();
			List<Unique> uniques = table.uniques()
				.stream()
				.filter((unique) -> !fromCatalog.contains(prefix + unique.name()))
				.toList();
			List<Index> tableIndexes = table.indexes()
				.stream()
				.filter((index) -> !fromCatalog.contains(prefix + index.name()))
				.toList();
			List<ForeignKey> foreignKeys = table.foreignKeys()
				.stream()
				.filter((foreignKey) -> !fromCatalog.contains(prefix + foreignKey.name()))
				.toList();
			tables.add(new Table(table.name(), columns, table.primaryKey(), uniques, tableIndexes, foreignKeys,
					table.checks(), null));
		}
		return new Schema(schema.name(), tables, List.of());
	}

	private static String withGeneratedColumns(String statement, Map<String, String> generated) {
		if (!statement.contains(GENERATED)) {
			return statement;
		}
		String result = statement;
		for (Map.Entry<String, String> column : generated.entrySet()) {
			String columnName = column.getKey().substring(column.getKey().indexOf('.') + 1);
			String table = column.getKey().substring(0, column.getKey().indexOf('.'));
			if (statement.startsWith("CREATE TABLE " + Identifiers.quote(table) + " (")) {
				result = result.replace(" DEFAULT " + GENERATED + columnName,
						" GENERATED ALWAYS AS (" + column.getValue() + ") STORED");
			}
		}
		return result;
	}

	private static void creates(List<Definition> definitions, List<String> up, List<String> notWritten) {
		for (Definition definition : definitions) {
			if (definition.create() != null) {
				up.add(definition.create());
			}
			else {
				notWritten.add(definition.name());
			}
		}
	}

	private static void drops(List<Definition> definitions, List<String> down) {
		for (int i = definitions.size() - 1; i >= 0; i--) {
			if (definitions.get(i).drop() != null) {
				down.add(definitions.get(i).drop());
			}
		}
	}

	private Path write(Rendered rendered) {
		Path directory = this.configuration.outputDirectory();
		try {
			Files.createDirectories(directory);
			return Files.writeString(directory.resolve(rendered.fileName()), rendered.content(), StandardCharsets.UTF_8,
					StandardOpenOption.CREATE_NEW);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the baseline into " + directory + ": " + ex, ex);
		}
	}

	static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			logger.warn("Could not remove {} after the failure; remove it by hand", file);
		}
	}

	private <T> T read(Read<T> read) {
		try (Connection connection = this.configuration.dataSource().getConnection()) {
			return read.run(connection);
		}
		catch (SQLException ex) {
			throw new ForgeException("Could not read the schema " + this.configuration.schema() + ": " + ex.getMessage(),
					ex);
		}
	}

	@FunctionalInterface
	private interface Read<T> {

		T run(Connection connection) throws SQLException;

	}

	private record Rendered(String name, String fileName, String content, String checksum, List<String> notWritten) {

	}

}
