package dev.forge.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.forge.sample.SampleJar.Result;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code migrate} command line of the packaged sample, one process per command,
 * against a fresh database.
 */
@PostgresTest
class SampleCommandLineIT {

	private static final String USERS = "0001_20240110_100000_create_users";

	private static final String PROJECTS = "0002_20240111_090000_create_projects";

	private static final String TASKS = "0003_20240112_140000_create_tasks";

	private static final String INDEXES = "0004_20240115_103000_index_tasks_and_projects";

	private static final String WORD_COUNT = "0005_20261127_085002_add_project_word_count";

	private static TestDatabase database;

	@BeforeAll
	static void useDatabase(TestDatabase testDatabase) {
		database = testDatabase;
	}

	@BeforeEach
	void reset() {
		database.reset();
	}

	@Test
	void statusApplyRollbackMarkRolledBackAndRepair() throws Exception {
		Result status = migrate("status");
		assertThat(status.exitCode()).as(status::toString).isZero();
		assertThat(status.out()).containsPattern("Migration +\\| Status +\\| Applied At +\\| Warnings")
			.containsPattern(USERS + " +\\| PENDING +\\| -")
			.contains("5 migrations: 5 pending")
			.doesNotContain("Tomcat");

		Result apply = migrate("apply");
		assertThat(apply.exitCode()).as(apply::toString).isZero();
		assertThat(apply.out()).contains("Applied " + USERS + " (1 statement, ")
			.contains("Applied " + INDEXES + " (2 statements, ")
			.contains("no transaction")
			.contains("5 migrations applied in");
		assertThat(database.column("SELECT name FROM forge_migrations ORDER BY name")).hasSize(5);

		Result rollback = migrate("rollback");
		assertThat(rollback.exitCode()).as(rollback::toString).isZero();
		assertThat(rollback.out()).contains("Rolled back " + WORD_COUNT);

		Result rollbackTo = migrate("rollback", "--to", USERS);
		assertThat(rollbackTo.exitCode()).as(rollbackTo::toString).isZero();
		assertThat(rollbackTo.out()).containsSubsequence("Rolled back " + INDEXES, "Rolled back " + TASKS,
				"Rolled back " + PROJECTS);
		assertThat(database.tableExists("projects")).isFalse();

		Result mark = migrate("mark-rolled-back", USERS);
		assertThat(mark.exitCode()).as(mark::toString).isZero();
		assertThat(mark.out()).contains("Marked " + USERS + " as rolled back");

		Result statusAfter = migrate("status");
		assertThat(statusAfter.out()).contains("5 migrations: 5 pending");

		Result repair = migrate("repair");
		assertThat(repair.exitCode()).as(repair::toString).isZero();
		assertThat(repair.out()).contains("Nothing to repair.");
	}

	@Test
	void aFailedApplyExitsWithOneAndPostgresMessage() throws Exception {
		database.execute("CREATE TABLE users (id int)");
		Result apply = migrate("apply");
		assertThat(apply.exitCode()).as(apply::toString).isOne();
		assertThat(apply.err()).contains("migrate apply failed: Migration " + USERS)
			.contains("relation \"users\" already exists")
			.doesNotContain("\tat ");
	}

	@Test
	void theSampleModelsMatchItsMigrations() throws Exception {
		Result apply = migrate("apply");
		assertThat(apply.exitCode()).as(apply::toString).isZero();

		Result drift = migrate("drift");
		assertThat(drift.exitCode()).as(drift::toString).isZero();
		assertThat(drift.out()).contains("✓ projects table matches schema")
			.contains("✓ tasks table matches schema")
			.contains("✓ users table matches schema");
		Result check = migrate("check");
		assertThat(check.exitCode()).as(check::toString).isZero();
	}

	@Test
	void driftAfterAManualChangeExitsWithOne() throws Exception {
		assertThat(migrate("apply").exitCode()).isZero();
		database.execute("ALTER TABLE tasks ADD COLUMN legacy_status text");

		Result drift = migrate("drift");

		assertThat(drift.exitCode()).as(drift::toString).isOne();
		assertThat(drift.out()).contains("✗ tasks table has drift:")
			.contains("  - Extra column: legacy_status (in DB, not in code)");
	}

	@Test
	void aCommandLoadsNeitherTheWebServerNorJpaNorTheBackgroundWarmUp(@TempDir Path folder) throws Exception {
		Path classes = folder.resolve("classes.log");
		Result status = SampleJar.start(List.of("-Xlog:class+load:file=" + classes), SampleJar.on(database, "migrate",
				"status"))
			.waitFor(180);
		assertThat(status.exitCode()).as(status::toString).isZero();
		assertThat(Files.readString(classes)).contains("dev.forge.boot.command.MigrateCommandRunner")
			.doesNotContain("org.apache.catalina.startup.Tomcat ")
			.doesNotContain("org.hibernate.validator.")
			.doesNotContain("BackgroundPreinitializingApplicationListener$Runner");
	}

	@Test
	void badUsageExitsWithTwoAndShowsTheUsage() throws Exception {
		Result result = migrate("frobnicate");
		assertThat(result.exitCode()).as(result::toString).isEqualTo(2);
		assertThat(result.err()).contains("migrate: unknown command 'frobnicate'")
			.contains("Usage: java -jar app.jar migrate <command>")
			.contains("Exit codes: 0 success, 1 failure or drift, 2 bad usage.");
	}

	private static Result migrate(String... command) throws Exception {
		String[] args = new String[command.length + 1];
		args[0] = "migrate";
		System.arraycopy(command, 0, args, 1, command.length);
		return SampleJar.run(SampleJar.on(database, args));
	}

}
