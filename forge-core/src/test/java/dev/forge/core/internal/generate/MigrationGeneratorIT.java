package dev.forge.core.internal.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.forge.core.GeneratedMigration;
import dev.forge.core.GenerationResult;
import dev.forge.core.internal.diff.SchemaDiffer;
import dev.forge.core.internal.model.ModelReader;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.SchemaDiff;
import dev.forge.model.ForgeModel;
import dev.forge.model.Id;
import dev.forge.model.Indexed;
import dev.forge.model.References;
import dev.forge.model.RenamedFrom;
import dev.forge.model.Unique;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresTest
class MigrationGeneratorIT {

	private static final Instant NOW = Instant.parse("2024-01-15T10:30:00Z");

	private final TestDatabase database;

	private final MigrationGenerator generator = new MigrationGenerator(GeneratorOptions.defaults(),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@TempDir
	Path migrations;

	MigrationGeneratorIT(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void resetSchema() {
		this.database.reset();
	}

	@Test
	void addingANullableColumnGeneratesAddColumnWithDropColumnAsDown() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(200) NOT NULL)");
		Files.writeString(this.migrations.resolve("0002_20240111_090000_add_users.sql"), "");
		GenerationResult result = generate("add project description", ProjectWithDescription.class);
		assertThat(result.files()).extracting((file) -> file.getFileName().toString())
			.containsExactly("0003_20240115_103000_add_project_description.sql");
		assertThat(Files.readString(result.files().get(0))).isEqualTo("""
				-- Migration: 0003_20240115_103000_add_project_description
				-- Generated: 2024-01-15T10:30:00Z

				-- Up
				ALTER TABLE projects ADD COLUMN description TEXT;

				-- Down
				ALTER TABLE projects DROP COLUMN description;
				""");
		applyAndAssertInSync(result, ProjectWithDescription.class);
	}

	@Test
	void renamingAColumnGeneratesRenameColumnWithTheBreakingChangeWarning() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(200) NOT NULL)");
		GenerationResult result = generate("rename name to title", RenamedProject.class);
		assertThat(result.scripts()).singleElement().satisfies((script) -> {
			assertThat(script.up()).isEqualTo("ALTER TABLE projects RENAME COLUMN name TO title;\n");
			assertThat(script.down()).isEqualTo("ALTER TABLE projects RENAME COLUMN title TO name;\n");
			assertThat(script.content()).contains("""
					-- ⚠️ WARNING: This migration contains breaking changes
					--
					--   - RENAME COLUMN: projects.name → projects.title
					--
					-- These changes will break code that references the old schema.
					-- Ensure all nodes are running code that doesn't use these fields
					-- before applying this migration.
					""").contains("Two-phase alternative");
		});
		applyAndAssertInSync(result, RenamedProject.class);
	}

	@Test
	void aNewIndexOnAnExistingTableIsCreatedConcurrentlyInANoTransactionFile() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(200) NOT NULL)");
		GenerationResult result = generate("index project name", IndexedProject.class);
		assertThat(result.scripts()).singleElement().satisfies((script) -> {
			assertThat(script.transactional()).isFalse();
			assertThat(script.content()).isEqualTo("""
					-- Migration: 0001_20240115_103000_index_project_name
					-- Generated: 2024-01-15T10:30:00Z
					-- forge:no-transaction

					-- Up
					CREATE INDEX CONCURRENTLY IF NOT EXISTS projects_name_idx ON projects (name);

					-- Down
					DROP INDEX CONCURRENTLY IF EXISTS projects_name_idx;
					""");
		});
		applyAndAssertInSync(result, IndexedProject.class);
	}

	@Test
	void aNewTableGetsItsIndexesAndForeignKeysInPlainFormAfterTheTablesItReferences() throws Exception {
		GenerationResult result = generate("initial", Owner.class, Task.class);
		assertThat(result.scripts()).singleElement().satisfies((script) -> {
			assertThat(script.transactional()).isTrue();
			assertThat(script.up()).isEqualTo("""
					CREATE TABLE owners (
					    id UUID NOT NULL,
					    CONSTRAINT owners_pkey PRIMARY KEY (id)
					);
					CREATE TABLE tasks (
					    id UUID NOT NULL,
					    "user" UUID NOT NULL,
					    title VARCHAR(100) NOT NULL,
					    CONSTRAINT tasks_pkey PRIMARY KEY (id),
					    CONSTRAINT tasks_title_key UNIQUE (title)
					);
					CREATE INDEX tasks_user_idx ON tasks ("user");
					ALTER TABLE tasks ADD CONSTRAINT tasks_user_fkey FOREIGN KEY ("user") REFERENCES owners (id);
					""");
			assertThat(script.down()).isEqualTo("""
					ALTER TABLE tasks DROP CONSTRAINT tasks_user_fkey;
					DROP TABLE tasks;
					DROP TABLE owners;
					""");
		});
		applyAndAssertInSync(result, Owner.class, Task.class);
	}

	@Test
	void aForeignKeyOnAnExistingTableIsAddedNotValidAndValidatedInAFollowingFile() throws Exception {
		this.database.execute("CREATE TABLE owners (id uuid PRIMARY KEY)");
		this.database.execute("CREATE TABLE tasks (id uuid PRIMARY KEY, \"user\" uuid NOT NULL, title varchar(100) NOT NULL)");
		GenerationResult result = generate("task owner", Owner.class, Task.class);
		assertThat(result.scripts()).extracting(GeneratedMigration::name)
			.containsExactly("0001_20240115_103000_task_owner", "0002_20240115_103000_task_owner_indexes",
					"0003_20240115_103000_task_owner_validate");
		assertThat(result.scripts().get(0).up()).isEqualTo(
				"ALTER TABLE tasks ADD CONSTRAINT tasks_user_fkey FOREIGN KEY (\"user\") REFERENCES owners (id) NOT VALID;\n");
		assertThat(result.scripts().get(1).up()).isEqualTo("""
				CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS tasks_title_key ON tasks (title);
				CREATE INDEX CONCURRENTLY IF NOT EXISTS tasks_user_idx ON tasks ("user");
				""");
		assertThat(result.scripts().get(2).up()).isEqualTo("""
				ALTER TABLE tasks ADD CONSTRAINT tasks_title_key UNIQUE USING INDEX tasks_title_key;
				ALTER TABLE tasks VALIDATE CONSTRAINT tasks_user_fkey;
				""");
		applyAndAssertInSync(result, Owner.class, Task.class);
	}

	@Test
	void settingNotNullOnAnExistingColumnGoesThroughAValidatedCheck() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(200))");
		GenerationResult result = generate("name required", Project.class);
		assertThat(result.scripts()).hasSize(2);
		assertThat(result.scripts().get(0).up()).isEqualTo(
				"ALTER TABLE projects ADD CONSTRAINT projects_name_not_null CHECK (name IS NOT NULL) NOT VALID;\n");
		assertThat(result.scripts().get(1).up()).isEqualTo("""
				ALTER TABLE projects VALIDATE CONSTRAINT projects_name_not_null;
				ALTER TABLE projects ALTER COLUMN name SET NOT NULL;
				ALTER TABLE projects DROP CONSTRAINT projects_name_not_null;
				""");
		assertThat(result.scripts().get(1).content()).contains("--   - SET NOT NULL: projects.name");
		applyAndAssertInSync(result, Project.class);
	}

	@Test
	void aDroppedAndAnAddedColumnOfTheSameTypeAreReportedAsAPossibleRename() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(200) NOT NULL)");
		GenerationResult result = generate("title", UnannotatedRename.class);
		assertThat(result.scripts().get(0).content())
			.contains("-- Possible rename: projects.name → projects.title (both varchar(200)).")
			.contains("@RenamedFrom(\"name\")")
			.contains("--   - DROP COLUMN: projects.name");
	}

	@Test
	void noChangesWritesNothingAndSaysSo() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(200) NOT NULL)");
		GenerationResult result = generate("nothing", Project.class);
		assertThat(result.hasChanges()).isFalse();
		assertThat(result.message()).startsWith("No changes");
		try (var files = Files.list(this.migrations)) {
			assertThat(files).isEmpty();
		}
	}

	private GenerationResult generate(String name, Class<?>... models) throws Exception {
		return this.generator.generate(name, new SchemaDiffer().diff(inspect(), desired(models)), this.migrations);
	}

	private void applyAndAssertInSync(GenerationResult result, Class<?>... models) throws Exception {
		Schema before = inspect();
		try (Connection connection = this.database.connect()) {
			ScriptApplier.upAll(connection, result.scripts());
			SchemaDiff remaining = new SchemaDiffer().diff(inspect(), desired(models));
			assertThat(remaining.changes()).isEmpty();
			ScriptApplier.downAll(connection, result.scripts());
		}
		assertThat(SchemaAssertions.canonical(inspect())).isEqualTo(SchemaAssertions.canonical(before));
	}

	private Schema desired(Class<?>... models) {
		return new ModelReader().read(List.of(models));
	}

	private Schema inspect() throws Exception {
		return SchemaAssertions.inspect(this.database);
	}

	@ForgeModel(table = "projects")
	record Project(@Id UUID id, @Size(max = 200) String name) {
	}

	@ForgeModel(table = "projects")
	record ProjectWithDescription(@Id UUID id, @Size(max = 200) String name, @Nullable String description) {
	}

	@ForgeModel(table = "projects")
	record RenamedProject(@Id UUID id, @RenamedFrom("name") @Size(max = 200) String title) {
	}

	@ForgeModel(table = "projects")
	record UnannotatedRename(@Id UUID id, @Size(max = 200) String title) {
	}

	@ForgeModel(table = "projects")
	record IndexedProject(@Id UUID id, @Indexed @Size(max = 200) String name) {
	}

	@ForgeModel
	record Owner(@Id UUID id) {
	}

	@ForgeModel
	record Task(@Id UUID id, @Indexed @References(Owner.class) UUID user, @Unique @Size(max = 100) String title) {
	}

}
