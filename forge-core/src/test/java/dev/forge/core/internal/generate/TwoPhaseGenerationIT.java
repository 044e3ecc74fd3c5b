package dev.forge.core.internal.generate;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.forge.core.GeneratedMigration;
import dev.forge.core.GenerationResult;
import dev.forge.core.internal.diff.SchemaDiffer;
import dev.forge.core.internal.model.ModelReader;
import dev.forge.core.schema.Schema;
import dev.forge.model.Column;
import dev.forge.model.ForgeModel;
import dev.forge.model.Id;
import dev.forge.model.Indexed;
import dev.forge.model.RenamedFrom;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The two-phase form of breaking changes ({@link GeneratorOptions#twoPhase()}): the exact
 * files, and on PostgreSQL that each file applies, that the last leaves the database as the
 * models describe, and that the Down of each file restores the schema as it was before it.
 */
@PostgresTest
class TwoPhaseGenerationIT {

	private static final Instant NOW = Instant.parse("2024-01-15T10:30:00Z");

	private static final String SYNC_FUNCTION = """
			CREATE FUNCTION projects_name_title_sync() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
			    IF TG_OP = 'INSERT' THEN
			        IF NEW.title IS NULL THEN
			            NEW.title := NEW.name;
			        ELSE
			            NEW.name := NEW.title;
			        END IF;
			    ELSIF NEW.title IS DISTINCT FROM OLD.title THEN
			        NEW.name := NEW.title;
			    ELSE
			        NEW.title := NEW.name;
			    END IF;
			    RETURN NEW;
			END
			$$;
			CREATE TRIGGER projects_name_title_sync BEFORE INSERT OR UPDATE ON projects FOR EACH ROW EXECUTE FUNCTION projects_name_title_sync();
			""";

	private final TestDatabase database;

	private final MigrationGenerator generator = new MigrationGenerator(new GeneratorOptions(true, true),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@TempDir
	Path migrations;

	TwoPhaseGenerationIT(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void resetSchema() {
		this.database.reset();
	}

	@Test
	void aColumnRenameBecomesASyncedNewColumnABackfillAndADeferredPhaseTwo() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(200) NOT NULL)");

		GenerationResult result = generate("rename name to title", RenamedProject.class);

		assertThat(result.scripts()).extracting(GeneratedMigration::name, GeneratedMigration::transactional)
			.containsExactly(tuple("0001_20240115_103000_rename_name_to_title", true),
					tuple("0002_20240115_103000_rename_name_to_title_backfill", true),
					tuple("0003_20240115_103000_rename_name_to_title_phase2", true));
		assertThat(result.scripts().get(0).content()).isEqualTo("""
				-- Migration: 0001_20240115_103000_rename_name_to_title
				-- Generated: 2024-01-15T10:30:00Z
				--
				-- Two-phase change, phase 1 of 2: safe to apply while old code still runs.
				--   - projects.name → projects.title: adds title, and a trigger that keeps name and title
				--     equal on every INSERT and UPDATE, so that old code (name) and new code (title) can run
				--     side by side; 0002_20240115_103000_rename_name_to_title_backfill copies the existing
				--     rows.
				-- Then deploy code that uses only the new names. Phase 2,
				-- 0003_20240115_103000_rename_name_to_title_phase2, removes the old ones.

				-- Up
				ALTER TABLE projects ADD COLUMN title VARCHAR(200);
				""" + SYNC_FUNCTION + """
				ALTER TABLE projects ADD CONSTRAINT projects_title_not_null CHECK (title IS NOT NULL) NOT VALID;

				-- Down
				ALTER TABLE projects DROP CONSTRAINT projects_title_not_null;
				DROP TRIGGER projects_name_title_sync ON projects;
				DROP FUNCTION projects_name_title_sync();
				ALTER TABLE projects DROP COLUMN title;
				""");
		assertThat(result.scripts().get(1).content()).isEqualTo("""
				-- Migration: 0002_20240115_103000_rename_name_to_title_backfill
				-- Generated: 2024-01-15T10:30:00Z
				-- forge:backfill
				--
				-- Two-phase change, phase 1 backfill: copies each old column into its new one for the rows
				-- written before the sync trigger existed. Apply does not run the UPDATE: it registers a
				-- backfill job that updates the rows still to do in short batches keyed on the primary key,
				-- each its own transaction, so that neither the table nor many rows stay locked ('migrate
				-- jobs' shows its progress). 0003_20240115_103000_rename_name_to_title_phase2 waits until the
				-- job is DONE.

				-- Up
				UPDATE projects SET title = name WHERE title IS DISTINCT FROM name;

				-- Down
				-- nothing to undo: the backfill only copies data
				""");
		assertThat(result.scripts().get(2).content()).isEqualTo("""
				-- Migration: 0003_20240115_103000_rename_name_to_title_phase2
				-- Generated: 2024-01-15T10:30:00Z
				-- forge:deferred
				-- forge:after-backfill 0002_20240115_103000_rename_name_to_title_backfill
				--
				-- Two-phase change, phase 2 of 2: removes what only old code uses.
				--   - projects.name → projects.title: makes title NOT NULL through the check phase 1 added,
				--     drops the sync trigger and name.
				-- FORGE leaves this file pending (forge:deferred) and applies the files before it. Once every
				-- node runs code that no longer uses the old names, add the line '-- forge:allow-breaking'
				-- under '-- forge:deferred'; the next apply runs it.
				-- Down puts back projects.name and copies the data back from the new column.
				--
				-- ⚠️ WARNING: This migration contains breaking changes
				--
				--   - SET NOT NULL: projects.title
				--   - DROP COLUMN: projects.name
				--
				-- These changes will break code that references the old schema.
				-- Ensure all nodes are running code that doesn't use these fields
				-- before applying this migration.

				-- Up
				ALTER TABLE projects VALIDATE CONSTRAINT projects_title_not_null;
				ALTER TABLE projects ALTER COLUMN title SET NOT NULL;
				ALTER TABLE projects DROP CONSTRAINT projects_title_not_null;
				DROP TRIGGER projects_name_title_sync ON projects;
				DROP FUNCTION projects_name_title_sync();
				ALTER TABLE projects DROP COLUMN name;

				-- Down
				ALTER TABLE projects ADD COLUMN name VARCHAR(200);
				UPDATE projects SET name = title;
				ALTER TABLE projects ALTER COLUMN name SET NOT NULL;
				""" + SYNC_FUNCTION + """
				ALTER TABLE projects ALTER COLUMN title DROP NOT NULL;
				ALTER TABLE projects ADD CONSTRAINT projects_title_not_null CHECK (title IS NOT NULL) NOT VALID;
				""");
		applyEachThenUndoEach(result, RenamedProject.class);
	}

	@Test
	void aNullableRenamedColumnGetsItsDefaultOnlyInPhaseTwo() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(200) DEFAULT 'untitled')");

		GenerationResult result = generate("rename name to title", RenamedProjectWithDefault.class);

		assertThat(result.scripts()).hasSize(3);
		assertThat(result.scripts().get(0).up()).startsWith("ALTER TABLE projects ADD COLUMN title VARCHAR(200);\n")
			.doesNotContain("DEFAULT")
			.doesNotContain("NOT VALID");
		assertThat(result.scripts().get(2).up()).isEqualTo("""
				ALTER TABLE projects ALTER COLUMN title SET DEFAULT 'untitled'::character varying;
				DROP TRIGGER projects_name_title_sync ON projects;
				DROP FUNCTION projects_name_title_sync();
				ALTER TABLE projects DROP COLUMN name;
				""");
		assertThat(result.scripts().get(2).down()).startsWith("""
				ALTER TABLE projects ADD COLUMN name VARCHAR(200);
				UPDATE projects SET name = title;
				ALTER TABLE projects ALTER COLUMN name SET DEFAULT 'untitled'::character varying;
				CREATE FUNCTION projects_name_title_sync()""")
			.endsWith("ALTER TABLE projects ALTER COLUMN title DROP DEFAULT;\n");
		applyEachThenUndoEach(result, RenamedProjectWithDefault.class);
	}

	@Test
	void aTableRenameBecomesAViewUnderTheNewNameThenTheRenameInPhaseTwo() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(200) NOT NULL)");

		GenerationResult result = generate("rename projects to tasks", Task.class);

		assertThat(result.scripts()).extracting(GeneratedMigration::name)
			.containsExactly("0001_20240115_103000_rename_projects_to_tasks",
					"0002_20240115_103000_rename_projects_to_tasks_phase2");
		assertThat(result.scripts().get(0).up()).isEqualTo("CREATE VIEW tasks AS SELECT * FROM projects;\n");
		assertThat(result.scripts().get(0).down()).isEqualTo("DROP VIEW tasks;\n");
		assertThat(result.scripts().get(0).content()).contains(
				"--   - projects → tasks: adds the view tasks over projects. PostgreSQL inserts, updates and");
		assertThat(result.scripts().get(1).up()).isEqualTo("""
				DROP VIEW tasks;
				ALTER TABLE projects RENAME TO tasks;
				ALTER TABLE tasks RENAME CONSTRAINT projects_pkey TO tasks_pkey;
				""");
		assertThat(result.scripts().get(1).down()).isEqualTo("""
				ALTER TABLE tasks RENAME CONSTRAINT tasks_pkey TO projects_pkey;
				ALTER TABLE tasks RENAME TO projects;
				CREATE VIEW tasks AS SELECT * FROM projects;
				""");
		assertThat(result.scripts().get(1).content()).contains("-- forge:deferred\n")
			.contains("--   - RENAME TABLE: projects → tasks\n")
			.doesNotContain("forge:allow-breaking\n");
		applyEachThenUndoEach(result, Task.class);
	}

	@Test
	void dropsWaitInPhaseTwoAndARequiredColumnLosesItsNotNullInPhaseOne() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(200) NOT NULL,"
				+ " legacy_code text NOT NULL, legacy_note text)");
		this.database.execute("CREATE TABLE audit (id uuid PRIMARY KEY)");

		GenerationResult result = generate("retire legacy", Project.class);

		assertThat(result.scripts()).hasSize(2);
		assertThat(result.scripts().get(0).up())
			.isEqualTo("ALTER TABLE projects ALTER COLUMN legacy_code DROP NOT NULL;\n");
		assertThat(result.scripts().get(0).content())
			.contains("--   - projects.legacy_code: drops its NOT NULL, so that new code can insert rows without it.");
		assertThat(result.scripts().get(1).up()).isEqualTo("""
				ALTER TABLE projects DROP COLUMN legacy_code;
				ALTER TABLE projects DROP COLUMN legacy_note;
				DROP TABLE audit;
				""");
		assertThat(result.scripts().get(1).down()).isEqualTo("""
				CREATE TABLE audit (
				    id UUID NOT NULL,
				    CONSTRAINT audit_pkey PRIMARY KEY (id)
				);
				ALTER TABLE projects ADD COLUMN legacy_note TEXT;
				ALTER TABLE projects ADD COLUMN legacy_code TEXT;
				""");
		assertThat(result.scripts().get(1).content()).contains("-- forge:deferred\n")
			.contains("""
					--   - DROP COLUMN projects.legacy_code: phase 1 is code only (and dropped its NOT NULL);
					--     deploy code that no longer reads or writes it first.
					--   - DROP COLUMN projects.legacy_note: phase 1 is code only; deploy code that no longer reads
					--     or writes it first.
					--   - DROP TABLE audit: phase 1 is code only; deploy code that no longer uses the table first.
					""")
			.contains("""
					-- Down adds column projects.legacy_code, column projects.legacy_note, table audit back empty:
					-- the dropped data cannot come back.
					""");
		applyEachThenUndoEach(result, Project.class);
	}

	@Test
	void aRenamedIndexedColumnStaysAPlainRenameAndTheFileSaysWhy() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(200) NOT NULL)");
		this.database.execute("CREATE INDEX projects_name_idx ON projects (name)");

		GenerationResult result = generate("rename name to title", IndexedRenamedProject.class);

		assertThat(result.scripts()).singleElement().satisfies((script) -> {
			assertThat(script.up()).startsWith("ALTER TABLE projects RENAME COLUMN name TO title;\n");
			assertThat(script.content()).contains("-- Note: RENAME COLUMN: projects.name → projects.title is not split"
					+ " in two phases: name is part of a key, an index, a foreign key or a check.")
				.contains("-- Add '-- forge:allow-breaking' to apply this file as it is.")
				.doesNotContain("forge:deferred");
		});
		applyEachThenUndoEach(result, IndexedRenamedProject.class);
	}

	@Test
	void aNarrowingTypeChangeBecomesASyncedShadowColumnABackfillAndASwapInPhaseTwo() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(300) NOT NULL)");
		this.database.execute("INSERT INTO projects VALUES (gen_random_uuid(), 'alpha')");

		GenerationResult result = generate("shorter names", Project.class);

		assertThat(result.scripts()).extracting(GeneratedMigration::name)
			.containsExactly("0001_20240115_103000_shorter_names", "0002_20240115_103000_shorter_names_backfill",
					"0003_20240115_103000_shorter_names_phase2");
		assertThat(result.scripts().get(0).content()).contains("""
				-- Two-phase change, phase 1 of 2: safe to apply while old code still runs.
				--   - projects.name varchar(300) → varchar(200): adds name_new of the new type, and a trigger
				--     that keeps name and name_new equal on every INSERT and UPDATE, so that running code
				--     keeps writing name while 0002_20240115_103000_shorter_names_backfill copies the existing
				--     rows; the table is not rewritten under a lock.
				-- Then deploy code that uses only the new names and types. Phase 2,
				-- 0003_20240115_103000_shorter_names_phase2, removes the old ones.
				""");
		assertThat(result.scripts().get(0).up()).startsWith("ALTER TABLE projects ADD COLUMN name_new VARCHAR(200);\n")
			.contains("CREATE TRIGGER projects_name_name_new_sync BEFORE INSERT OR UPDATE ON projects")
			.endsWith("ALTER TABLE projects ADD CONSTRAINT projects_name_new_not_null CHECK (name_new IS NOT NULL)"
					+ " NOT VALID;\n");
		assertThat(result.scripts().get(1).up()).isEqualTo("UPDATE projects SET name_new = name::VARCHAR(200)"
				+ " WHERE name_new IS DISTINCT FROM name::VARCHAR(200);\n");
		assertThat(result.scripts().get(1).content()).contains("-- forge:backfill\n");
		assertThat(result.scripts().get(2).content())
			.contains("-- forge:deferred\n-- forge:after-backfill 0002_20240115_103000_shorter_names_backfill\n")
			.contains("--   - CHANGE TYPE: projects.name varchar(300) → varchar(200)\n");
		assertThat(result.scripts().get(2).up()).isEqualTo("""
				ALTER TABLE projects VALIDATE CONSTRAINT projects_name_new_not_null;
				ALTER TABLE projects ALTER COLUMN name_new SET NOT NULL;
				ALTER TABLE projects DROP CONSTRAINT projects_name_new_not_null;
				DROP TRIGGER projects_name_name_new_sync ON projects;
				DROP FUNCTION projects_name_name_new_sync();
				ALTER TABLE projects DROP COLUMN name;
				ALTER TABLE projects RENAME COLUMN name_new TO name;
				""");
		assertThat(result.scripts().get(2).down()).startsWith("""
				ALTER TABLE projects RENAME COLUMN name TO name_new;
				ALTER TABLE projects ADD COLUMN name VARCHAR(300);
				UPDATE projects SET name = name_new::VARCHAR(300);
				ALTER TABLE projects ALTER COLUMN name SET NOT NULL;
				CREATE FUNCTION projects_name_name_new_sync()""");
		applyEachThenUndoEach(result, Project.class);
		assertThat(this.database.column("SELECT name FROM projects")).containsExactly("alpha");
	}

	@Test
	void twoColumnsOfOneTableAreCopiedByOneBackfillThatStopsMatchingOnceBothAreCopied() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(200) NOT NULL, note text)");
		this.database.execute("INSERT INTO projects VALUES (gen_random_uuid(), 'alpha', NULL),"
				+ " (gen_random_uuid(), 'beta', 'b')");

		GenerationResult result = generate("rename two", RenamedTwice.class);

		assertThat(result.scripts()).extracting(GeneratedMigration::name)
			.containsExactly("0001_20240115_103000_rename_two", "0002_20240115_103000_rename_two_backfill",
					"0003_20240115_103000_rename_two_phase2");
		String update = "UPDATE projects SET title = name, remark = note WHERE title IS DISTINCT FROM name"
				+ " OR remark IS DISTINCT FROM note";
		assertThat(result.scripts().get(1).up()).isEqualTo(update + ";\n");
		assertThat(result.scripts().get(2).content())
			.contains("-- forge:after-backfill 0002_20240115_103000_rename_two_backfill\n");
		try (Connection connection = this.database.connect()) {
			ScriptApplier.up(connection, result.scripts().get(0));
			assertThat(this.database.value("SELECT count(*) FROM projects WHERE title IS DISTINCT FROM name"
					+ " OR remark IS DISTINCT FROM note")).as("rows to do before the backfill").isEqualTo(2L);
			ScriptApplier.up(connection, result.scripts().get(1));
		}
		assertThat(this.database.value("SELECT count(*) FROM projects WHERE title IS DISTINCT FROM name"
				+ " OR remark IS DISTINCT FROM note")).as("rows to do after it").isEqualTo(0L);
		assertThat(this.database.column("SELECT remark FROM projects ORDER BY title")).containsExactly(null, "b");
	}

	@Test
	void aJsonColumnWithoutEqualityIsComparedAsTextSoThatTheBackfillRuns() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid PRIMARY KEY, settings json)");
		this.database.execute("INSERT INTO projects VALUES (gen_random_uuid(), '{\"a\": 1}'),"
				+ " (gen_random_uuid(), NULL)");

		GenerationResult result = generate("rename settings", RenamedSettings.class);

		assertThat(result.scripts().get(1).up()).isEqualTo("UPDATE projects SET options = settings"
				+ " WHERE (options)::text IS DISTINCT FROM (settings)::text;\n");
		applyEachThenUndoEach(result, RenamedSettings.class);
		assertThat(this.database.column("SELECT settings::text FROM projects ORDER BY 1")).containsExactly("{\"a\": 1}",
				null);
	}

	@Test
	void columnsOfTwoTablesGetABackfillEachAndPhaseTwoWaitsForTheLastAndNamesTheOther() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(200) NOT NULL)");
		this.database.execute("CREATE TABLE tasks (id uuid PRIMARY KEY, label text)");

		GenerationResult result = generate("rename both", RenamedProject.class, RenamedTask.class);

		assertThat(result.scripts()).extracting(GeneratedMigration::name)
			.containsExactly("0001_20240115_103000_rename_both", "0002_20240115_103000_rename_both_backfill_projects",
					"0003_20240115_103000_rename_both_backfill_tasks", "0004_20240115_103000_rename_both_phase2");
		assertThat(result.scripts().get(0).content())
			.contains("0002_20240115_103000_rename_both_backfill_projects copies the existing")
			.contains("0003_20240115_103000_rename_both_backfill_tasks copies the existing");
		assertThat(result.scripts().get(1).up())
			.isEqualTo("UPDATE projects SET title = name WHERE title IS DISTINCT FROM name;\n");
		assertThat(result.scripts().get(2).up())
			.isEqualTo("UPDATE tasks SET caption = label WHERE caption IS DISTINCT FROM label;\n");
		assertThat(result.scripts().get(3).content())
			.contains("-- forge:after-backfill 0002_20240115_103000_rename_both_backfill_projects"
					+ " 0003_20240115_103000_rename_both_backfill_tasks\n");
		applyEachThenUndoEach(result, RenamedProject.class, RenamedTask.class);
	}

	@Test
	void aRenameInATableWithoutPrimaryKeyStaysAPlainRenameSinceNoBackfillCanBatchIt() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid NOT NULL, name varchar(200) NOT NULL)");

		GenerationResult result = generate("rename name to title", RenamedProject.class);

		assertThat(result.scripts().get(0).content()).contains("is not split in two phases: projects has no"
				+ " primary key, which the backfill of the new column runs in batches by.");
		assertThat(result.scripts()).extracting(GeneratedMigration::content)
			.noneMatch((content) -> content.contains("forge:backfill"));
	}

	@Test
	void aTypeChangeOfAnIndexedColumnStaysInTheMainFileWithWhyAndHowToSplitItByHand() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(300) NOT NULL)");
		this.database.execute("CREATE INDEX projects_name_idx ON projects (name)");

		GenerationResult result = generate("shorter names", IndexedProject.class);

		assertThat(result.scripts()).singleElement().satisfies((script) -> {
			assertThat(script.up()).isEqualTo("ALTER TABLE projects ALTER COLUMN name TYPE VARCHAR(200);\n");
			assertThat(script.content()).contains("-- Note: CHANGE TYPE: projects.name varchar(300) → varchar(200) is"
					+ " not split in two phases: name is part of a key, an index, a foreign key or a check. By hand:");
		});
	}

	@Test
	void withoutTwoPhasesTheWarningSaysHowToGetThem() throws Exception {
		this.database.execute("CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(200) NOT NULL)");

		GenerationResult result = new MigrationGenerator(GeneratorOptions.defaults(), Clock.fixed(NOW, ZoneOffset.UTC))
			.generate("rename name to title", new SchemaDiffer().diff(inspect(), desired(RenamedProject.class)),
					this.migrations);

		assertThat(result.scripts()).singleElement()
			.satisfies((script) -> assertThat(script.content()).contains("""
					-- Two-phase alternative for rolling deployments: generate with two-phase breaking
					-- changes on (Forge.configure().twoPhaseBreakingChanges(true)) to get phase 1 (adds
					-- the new column, kept in sync with the old one by a trigger, or a view under the new
					-- table name) now and phase 2 (drops the old one) in a later file that waits until
					-- every node runs the new code. Add '-- forge:allow-breaking' to apply this file as it is.
					"""));
	}

	private GenerationResult generate(String name, Class<?>... models) throws Exception {
		return this.generator.generate(name, new SchemaDiffer().diff(inspect(), desired(models)), this.migrations);
	}

	/**
	 * Applies the files one by one, checks that the last leaves nothing to change, then undoes
	 * them newest first, checking that each Down restores the schema as it was before its Up.
	 */
	private void applyEachThenUndoEach(GenerationResult result, Class<?>... models) throws Exception {
		List<Schema> before = new ArrayList<>();
		try (Connection connection = this.database.connect()) {
			for (GeneratedMigration script : result.scripts()) {
				before.add(inspect());
				ScriptApplier.up(connection, script);
			}
			assertThat(new SchemaDiffer().diff(inspect(), desired(models)).changes()).isEmpty();
			for (int i = result.scripts().size() - 1; i >= 0; i--) {
				ScriptApplier.down(connection, result.scripts().get(i));
				assertThat(SchemaAssertions.canonical(inspect())).as("after the Down of %s", result.scripts().get(i).name())
					.isEqualTo(SchemaAssertions.canonical(before.get(i)));
			}
		}
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
	record IndexedProject(@Id UUID id, @Indexed @Size(max = 200) String name) {
	}

	@ForgeModel(table = "projects")
	record RenamedProject(@Id UUID id, @RenamedFrom("name") @Size(max = 200) String title) {
	}

	@ForgeModel(table = "projects")
	record RenamedProjectWithDefault(@Id UUID id,
			@RenamedFrom("name") @Column(defaultValue = "'untitled'") @Size(max = 200) @Nullable String title) {
	}

	@ForgeModel(table = "projects")
	record RenamedTwice(@Id UUID id, @RenamedFrom("name") @Size(max = 200) String title,
			@RenamedFrom("note") @Nullable String remark) {
	}

	@ForgeModel(table = "projects")
	record RenamedSettings(@Id UUID id, @RenamedFrom("settings") @Column(type = "json") @Nullable String options) {
	}

	@ForgeModel(table = "tasks")
	record RenamedTask(@Id UUID id, @RenamedFrom("label") @Nullable String caption) {
	}

	@ForgeModel(table = "projects")
	record IndexedRenamedProject(@Id UUID id, @RenamedFrom("name") @Indexed @Size(max = 200) String title) {
	}

	@ForgeModel(table = "tasks")
	@RenamedFrom("projects")
	record Task(@Id UUID id, @Size(max = 200) String name) {
	}

}
