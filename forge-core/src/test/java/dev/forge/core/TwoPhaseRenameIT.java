package dev.forge.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
 * backfill file are applied (the file registers a job and copies nothing) while phase 2 waits
 * for the job, old-style and new-style writes stay in sync through the trigger, the job copies
 * the rest, phase 2 runs once the job is {@code DONE} and the file says
 * {@code -- forge:allow-breaking}, every row is kept, and the Down of each phase restores the
 * schema as it was before it.
 */
class TwoPhaseRenameIT extends EngineTestSupport {

	private static final int ROWS = 3_000;

	private static final int CONCURRENT_ROWS = 20_000;

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
	void oldAndNewCodeWriteSideBySideWhileTheBackfillJobCopiesTheRowsThenPhaseTwoAndEachPhaseRollsBack()
			throws Exception {
		String initial = forge(Project.class).generate("initial").scripts().get(0).name();
		forge(Project.class).apply();
		this.database.execute("INSERT INTO projects (id, name) SELECT gen_random_uuid(), 'project ' || i"
				+ " FROM generate_series(1, " + ROWS + ") AS i");
		String alphaId = UUID.randomUUID().toString();
		String betaId = UUID.randomUUID().toString();
		this.database.execute("INSERT INTO projects (id, name) VALUES ('" + alphaId + "', 'alpha'), ('"
				+ betaId + "', 'beta')");
		Schema beforePhaseOne = inspect();

		GenerationResult generated = forge(RenamedProject.class).generate("rename name to title");
		ApplyResult phaseOne = forge(RenamedProject.class).apply();

		assertThat(generated.scripts()).extracting(GeneratedMigration::name)
			.allMatch((name) -> name.matches("000[234]_\\d{8}_\\d{6}_rename_name_to_title(_backfill|_phase2)?"));
		String backfill = generated.scripts().get(1).name();
		String phaseTwo = generated.scripts().get(2).name();
		assertThat(generated.scripts().get(1).content()).contains("-- forge:backfill\n");
		assertThat(generated.scripts().get(2).content()).contains("-- forge:after-backfill " + backfill + "\n");
		assertThat(phaseOne.applied()).extracting(MigrationExecution::name)
			.containsExactly(generated.scripts().get(0).name(), backfill);
		assertThat(phaseOne.warnings()).singleElement()
			.asString()
			.startsWith("Migration " + phaseTwo)
			.contains("waits for backfill job " + backfill, "PENDING");
		assertThat(this.database.columnNames("projects")).containsExactly("id", "name", "title");
		assertThat(count("SELECT count(*) FROM projects WHERE title IS NULL")).as("apply copies no row")
			.isEqualTo(ROWS + 2);
		assertThat(forge(RenamedProject.class).backfills().find(backfill).orElseThrow().status())
			.isEqualTo(JobStatus.PENDING);
		Schema afterPhaseOne = inspect();

		// old and new code write side by side while the job has not copied the rows yet
		String oldId = UUID.randomUUID().toString();
		String newId = UUID.randomUUID().toString();
		this.database.execute("INSERT INTO projects (id, name) VALUES ('" + oldId + "', 'old insert')");
		this.database.execute("INSERT INTO projects (id, title) VALUES ('" + newId + "', 'new insert')");
		assertThat(row(oldId)).containsExactly("old insert", "old insert");
		assertThat(row(newId)).containsExactly("new insert", "new insert");
		this.database.execute("UPDATE projects SET name = 'old update' WHERE id = '" + newId + "'");
		this.database.execute("UPDATE projects SET title = 'new update' WHERE id = '" + oldId + "'");
		this.database.execute("UPDATE projects SET name = 'alpha, old update' WHERE id = '" + alphaId + "'");
		this.database.execute("UPDATE projects SET title = 'beta, new update' WHERE id = '" + betaId + "'");
		assertThat(row(newId)).containsExactly("old update", "old update");
		assertThat(row(oldId)).containsExactly("new update", "new update");
		assertThat(row(alphaId)).containsExactly("alpha, old update", "alpha, old update");
		assertThat(row(betaId)).containsExactly("beta, new update", "beta, new update");

		MigrationPlan waitingForJob = forge(RenamedProject.class).plan();
		assertThat(waitingForJob.runnable()).isEmpty();
		assertThat(waitingForJob.whyWaiting(waitingForJob.find(phaseTwo).orElseThrow()))
			.hasValueSatisfying((why) -> assertThat(why).contains("waits for backfill job " + backfill, "PENDING"));
		assertThat(forge(RenamedProject.class).status().warnings())
			.anySatisfy((warning) -> assertThat(warning).contains(phaseTwo + " waits for backfill job " + backfill));

		BackfillRun run = forge(RenamedProject.class).backfills().run(backfill);

		assertThat(run.job().status()).isEqualTo(JobStatus.DONE);
		assertThat(run.job().rowsDone()).as("rows the trigger had not synced already").isEqualTo(ROWS);
		assertThat(count("SELECT count(*) FROM projects WHERE name IS DISTINCT FROM title")).isZero();
		assertThat(row(alphaId)).containsExactly("alpha, old update", "alpha, old update");
		assertThat(row(betaId)).containsExactly("beta, new update", "beta, new update");

		MigrationPlan plan = forge(RenamedProject.class).plan();
		assertThat(plan.runnable()).isEmpty();
		assertThat(plan.waiting()).singleElement().satisfies((waiting) -> {
			assertThat(waiting.name()).isEqualTo(phaseTwo);
			assertThat(waiting.deferred()).isTrue();
			assertThat(waiting.backfillWait()).as("the job is DONE").isNull();
			assertThat(waiting.waits()).isTrue();
		});
		ApplyResult stillWaiting = forge(RenamedProject.class).apply();
		assertThat(stillWaiting.applied()).as("phase 2 still waits for allow-breaking").isEmpty();
		assertThat(stillWaiting.warnings()).singleElement()
			.asString()
			.contains("waits: it is marked '-- forge:deferred'");
		assertThat(forge(RenamedProject.class).status().inState(MigrationState.PENDING))
			.extracting(MigrationInfo::name)
			.containsExactly(phaseTwo);

		Path phaseTwoFile = this.folder.directory().resolve(phaseTwo + ".sql");
		Files.writeString(phaseTwoFile, Files.readString(phaseTwoFile)
			.replace("-- forge:deferred\n", "-- forge:deferred\n-- forge:allow-breaking\n"));
		ApplyResult phaseTwoApplied = forge(RenamedProject.class).apply();

		assertThat(phaseTwoApplied.applied()).extracting(MigrationExecution::name).containsExactly(phaseTwo);
		assertThat(this.database.columnNames("projects")).containsExactly("id", "title");
		assertThat(count("SELECT count(*) FROM projects")).as("every row kept").isEqualTo(ROWS + 4);
		assertThat(count("SELECT count(*) FROM projects WHERE title LIKE 'project %'")).isEqualTo(ROWS);
		assertThat(this.database.column("SELECT title FROM projects WHERE title NOT LIKE 'project %' ORDER BY title"))
			.containsExactly("alpha, old update", "beta, new update", "new update", "old update");
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
		assertThat(this.database.column("SELECT name FROM projects ORDER BY name")).contains("alpha, old update",
				"beta, new update", "after down");
	}

	@Test
	void rowsThatOldAndNewCodeWriteWhileTheJobRunsKeepTheirLastValueThroughPhaseTwo() throws Exception {
		forge(Project.class).generate("initial");
		forge(Project.class).apply();
		this.database.execute("INSERT INTO projects (id, name) SELECT gen_random_uuid(), 'project ' || i"
				+ " FROM generate_series(1, " + CONCURRENT_ROWS + ") AS i");
		List<String> ids = this.database.column("SELECT id::text FROM projects ORDER BY random() LIMIT 500")
			.stream()
			.map(String::valueOf)
			.toList();
		GenerationResult generated = forge(RenamedProject.class).generate("rename name to title");
		forge(RenamedProject.class).apply();
		String backfill = generated.scripts().get(1).name();
		// small batches, so that the job runs long enough for the writer to hit rows before and after it
		BackfillSettings smallBatches = new BackfillSettings(2, Duration.ofMillis(20), 10, 200, 4,
				Duration.ofMillis(50));
		Map<String, String> lastWritten = new HashMap<>();
		Random random = new Random(42);
		int writes = 0;
		int writesWhileRunning = 0;
		int inserted = 0;
		BackfillRun run;
		try (Connection writer = this.database.connect()) {
			CompletableFuture<BackfillRun> job = CompletableFuture
				.supplyAsync(() -> forge(RenamedProject.class).backfills().run(backfill, smallBatches));
			while (!job.isDone() || writes < 300) {
				String id = ids.get(random.nextInt(ids.size()));
				String value = "write " + writes;
				// old code writes name, new code writes title
				String column = (writes % 2 == 0) ? "name" : "title";
				try (PreparedStatement update = writer
					.prepareStatement("UPDATE projects SET " + column + " = ? WHERE id = ?::uuid")) {
					update.setString(1, value);
					update.setString(2, id);
					update.executeUpdate();
				}
				lastWritten.put(id, value);
				if (writes % 50 == 0) {
					try (PreparedStatement insert = writer.prepareStatement("INSERT INTO projects (id, " + column
							+ ") VALUES (gen_random_uuid(), ?)")) {
						insert.setString(1, "inserted " + writes);
						insert.executeUpdate();
						inserted++;
					}
				}
				writes++;
				if (!job.isDone()) {
					writesWhileRunning++;
				}
			}
			run = job.get(2, TimeUnit.MINUTES);
		}

		System.out.printf("two-phase backfill of %d rows: %d batches, %.0f rows/s; %d writes while it ran%n",
				run.rows(), run.batches(), run.rowsPerSecond(), writesWhileRunning);
		assertThat(run.job().status()).isEqualTo(JobStatus.DONE);
		assertThat(writesWhileRunning).as("writes while the job ran").isPositive();
		assertThat(count("SELECT count(*) FROM projects WHERE name IS DISTINCT FROM title")).isZero();
		// a row that the writer reached first was synced by the trigger and is not copied again
		assertThat(run.job().rowsDone()).as("rows copied, each at most once")
			.isBetween((long) CONCURRENT_ROWS - lastWritten.size(), (long) CONCURRENT_ROWS);

		Path phaseTwoFile = this.folder.directory().resolve(generated.scripts().get(2).name() + ".sql");
		Files.writeString(phaseTwoFile, Files.readString(phaseTwoFile)
			.replace("-- forge:deferred\n", "-- forge:deferred\n-- forge:allow-breaking\n"));
		assertThat(forge(RenamedProject.class).apply().applied()).hasSize(1);

		assertThat(count("SELECT count(*) FROM projects")).as("every row kept").isEqualTo(CONCURRENT_ROWS + inserted);
		assertThat(count("SELECT count(*) FROM projects WHERE title IS NULL")).isZero();
		Map<String, Object> titles = new HashMap<>();
		this.database.query("SELECT id::text AS id, title FROM projects")
			.forEach((row) -> titles.put((String) row.get("id"), row.get("title")));
		lastWritten.forEach((id, value) -> assertThat(titles.get(id)).as("last write of %s", id).isEqualTo(value));
		assertThat(titles.values().stream().filter((title) -> String.valueOf(title).startsWith("project ")).count())
			.isEqualTo(CONCURRENT_ROWS - lastWritten.size());
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

	private long count(String sql) {
		return ((Number) this.database.value(sql)).longValue();
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
			return new PostgresSchemaInspector().inspect(connection, "public",
					Set.of("forge_migrations", "forge_jobs"));
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
