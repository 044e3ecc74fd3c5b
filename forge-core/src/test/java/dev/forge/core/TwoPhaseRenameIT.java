package dev.forge.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.forge.core.internal.inspect.PostgresSchemaInspector;
import dev.forge.core.schema.Schema;
import dev.forge.model.ForgeModel;
import dev.forge.model.Id;
import dev.forge.model.RenamedFrom;
import dev.forge.testsupport.TestDatabase;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import static dev.forge.core.internal.generate.SchemaAssertions.canonical;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A column rename in two phases through the engine, on a table with rows: phase 1 and its
 * backfill are applied while phase 2 waits, old-style and new-style writes stay in sync
 * through the trigger, phase 2 runs once it says {@code -- forge:allow-breaking}, and the
 * Down of each phase restores the schema as it was before it.
 */
class TwoPhaseRenameIT extends EngineTestSupport {

	TwoPhaseRenameIT(TestDatabase database) {
		super(database);
	}

	private Forge forge(Class<?> model) {
		return configure().outputDirectory(this.folder.directory())
			.twoPhaseBreakingChanges(true)
			.models(model)
			.load();
	}

	@Test
	void oldAndNewCodeWriteSideBySideUntilPhaseTwoIsAllowedAndEachPhaseRollsBack() throws Exception {
		String initial = forge(Project.class).generate("initial").scripts().get(0).name();
		forge(Project.class).apply();
		this.database.execute("INSERT INTO projects (id, name) VALUES ('" + UUID.randomUUID() + "', 'alpha'),"
				+ " ('" + UUID.randomUUID() + "', 'beta')");
		Schema beforePhaseOne = inspect();

		GenerationResult generated = forge(RenamedProject.class).generate("rename name to title");
		ApplyResult phaseOne = forge(RenamedProject.class).apply();

		assertThat(generated.scripts()).extracting(GeneratedMigration::name)
			.allMatch((name) -> name.matches("000[234]_\\d{8}_\\d{6}_rename_name_to_title(_backfill|_phase2)?"));
		String phaseTwo = generated.scripts().get(2).name();
		assertThat(phaseOne.applied()).extracting(MigrationExecution::name)
			.containsExactly(generated.scripts().get(0).name(), generated.scripts().get(1).name());
		assertThat(phaseOne.warnings()).singleElement()
			.asString()
			.startsWith("Migration " + phaseTwo)
			.contains("waits: it is marked '-- forge:deferred'");
		assertThat(this.database.columnNames("projects")).containsExactly("id", "name", "title");
		assertThat(this.database.column("SELECT title FROM projects ORDER BY title")).as("backfilled")
			.containsExactly("alpha", "beta");
		Schema afterPhaseOne = inspect();

		String oldId = UUID.randomUUID().toString();
		String newId = UUID.randomUUID().toString();
		this.database.execute("INSERT INTO projects (id, name) VALUES ('" + oldId + "', 'old insert')");
		this.database.execute("INSERT INTO projects (id, title) VALUES ('" + newId + "', 'new insert')");
		assertThat(row(oldId)).containsExactly("old insert", "old insert");
		assertThat(row(newId)).containsExactly("new insert", "new insert");
		this.database.execute("UPDATE projects SET name = 'old update' WHERE id = '" + newId + "'");
		this.database.execute("UPDATE projects SET title = 'new update' WHERE id = '" + oldId + "'");
		assertThat(row(newId)).containsExactly("old update", "old update");
		assertThat(row(oldId)).containsExactly("new update", "new update");
		assertThat(this.database.value("SELECT count(*) FROM projects WHERE name IS DISTINCT FROM title"))
			.isEqualTo(0L);

		MigrationPlan plan = forge(RenamedProject.class).plan();
		assertThat(plan.runnable()).isEmpty();
		assertThat(plan.waiting()).singleElement().satisfies((waiting) -> {
			assertThat(waiting.name()).isEqualTo(phaseTwo);
			assertThat(waiting.deferred()).isTrue();
			assertThat(waiting.waits()).isTrue();
		});
		assertThat(forge(RenamedProject.class).apply().applied()).as("phase 2 still waits").isEmpty();
		assertThat(forge(RenamedProject.class).status().inState(MigrationState.PENDING))
			.extracting(MigrationInfo::name)
			.containsExactly(phaseTwo);

		Path phaseTwoFile = this.folder.directory().resolve(phaseTwo + ".sql");
		Files.writeString(phaseTwoFile, Files.readString(phaseTwoFile)
			.replace("-- forge:deferred\n", "-- forge:deferred\n-- forge:allow-breaking\n"));
		ApplyResult phaseTwoApplied = forge(RenamedProject.class).apply();

		assertThat(phaseTwoApplied.applied()).extracting(MigrationExecution::name).containsExactly(phaseTwo);
		assertThat(this.database.columnNames("projects")).containsExactly("id", "title");
		assertThat(this.database.value("SELECT is_nullable FROM information_schema.columns"
				+ " WHERE table_name = 'projects' AND column_name = 'title'")).isEqualTo("NO");
		assertThat(syncObjects()).isZero();
		assertThat(forge(RenamedProject.class).check().isEmpty()).isTrue();

		forge(RenamedProject.class).rollback();

		assertThat(canonical(inspect())).as("Down of phase 2").isEqualTo(canonical(afterPhaseOne));
		assertThat(syncObjects()).isEqualTo(2L);
		assertThat(this.database.value("SELECT count(*) FROM projects WHERE name IS DISTINCT FROM title"))
			.isEqualTo(0L);
		this.database.execute("INSERT INTO projects (id, name) VALUES ('" + UUID.randomUUID() + "', 'after down')");
		assertThat(this.database.value("SELECT title FROM projects WHERE name = 'after down'")).isEqualTo("after down");

		forge(RenamedProject.class).rollbackTo(initial);

		assertThat(canonical(inspect())).as("Down of phase 1").isEqualTo(canonical(beforePhaseOne));
		assertThat(syncObjects()).isZero();
		assertThat(this.database.column("SELECT name FROM projects ORDER BY name")).contains("alpha", "beta",
				"after down");
	}

	@Test
	void aRenamedTableIsWrittenThroughTheViewUnderItsNewNameUntilPhaseTwoRenamesIt() throws Exception {
		forge(Project.class).generate("initial");
		forge(Project.class).apply();

		GenerationResult generated = forge(Task.class).generate("rename projects to tasks");
		ApplyResult phaseOne = forge(Task.class).apply();
		this.database.execute("INSERT INTO projects (id, name) VALUES ('" + UUID.randomUUID() + "', 'old code')");
		this.database.execute("INSERT INTO tasks (id, name) VALUES ('" + UUID.randomUUID() + "', 'new code')");
		this.database.execute("UPDATE tasks SET name = 'old code, renamed by new code' WHERE name = 'old code'");

		assertThat(phaseOne.applied()).hasSize(1);
		assertThat(this.database.column("SELECT name FROM projects ORDER BY name")).containsExactly("new code",
				"old code, renamed by new code");
		String phaseTwo = generated.scripts().get(1).name();
		Path phaseTwoFile = this.folder.directory().resolve(phaseTwo + ".sql");
		Files.writeString(phaseTwoFile, Files.readString(phaseTwoFile)
			.replace("-- forge:deferred\n", "-- forge:deferred\n-- forge:allow-breaking\n"));

		assertThat(forge(Task.class).apply().applied()).extracting(MigrationExecution::name).containsExactly(phaseTwo);
		assertThat(this.database.value("SELECT relkind FROM pg_class WHERE relname = 'tasks'")).hasToString("r");
		assertThat(this.database.tableExists("projects")).isFalse();
		assertThat(this.database.column("SELECT name FROM tasks ORDER BY name")).hasSize(2);
		assertThat(forge(Task.class).check().isEmpty()).isTrue();
	}

	private List<Object> row(String id) {
		return this.database.query("SELECT name, title FROM projects WHERE id = '" + id + "'")
			.stream()
			.flatMap((row) -> row.values().stream())
			.toList();
	}

	private long syncObjects() {
		return (Long) this.database.value("SELECT (SELECT count(*) FROM pg_trigger WHERE tgname ="
				+ " 'projects_name_title_sync') + (SELECT count(*) FROM pg_proc WHERE proname = 'projects_name_title_sync')");
	}

	private Schema inspect() throws Exception {
		try (Connection connection = this.database.connect()) {
			return new PostgresSchemaInspector().inspect(connection, "public", Set.of("forge_migrations"));
		}
	}

	@ForgeModel(table = "projects")
	record Project(@Id UUID id, @Size(max = 200) String name) {
	}

	@ForgeModel(table = "tasks")
	@RenamedFrom("projects")
	record Task(@Id UUID id, @Size(max = 200) String name) {
	}

	@ForgeModel(table = "projects")
	record RenamedProject(@Id UUID id, @RenamedFrom("name") @Size(max = 200) String title) {
	}

}
