package dev.forge.sample;

import dev.forge.sample.SampleJar.Result;
import dev.forge.testsupport.TestDatabase;
import dev.forge.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code migrate} command line of the packaged sample, one process per command,
 * against a fresh database.
 */
class SampleCommandLineIT {

	private static final String USERS = "0001_20240110_100000_create_users";

	private static final String PROJECTS = "0002_20240111_090000_create_projects";

	private static final String TASKS = "0003_20240112_140000_create_tasks";

	private static final String INDEXES = "0004_20240115_103000_index_tasks_and_projects";

	private static TestDatabase database;

	@BeforeAll
	static void createDatabase() {
		database = TestPostgres.server().createDatabase("sample_cli");
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
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
			.contains("4 migrations: 4 pending")
			.doesNotContain("Tomcat");

		Result apply = migrate("apply");
		assertThat(apply.exitCode()).as(apply::toString).isZero();
		assertThat(apply.out()).contains("Applied " + USERS + " (1 statement, ")
			.contains("Applied " + INDEXES + " (2 statements, ")
			.contains("no transaction")
			.contains("4 migrations applied in");
		assertThat(database.column("SELECT name FROM forge_migrations ORDER BY name")).hasSize(4);

		Result rollback = migrate("rollback");
		assertThat(rollback.exitCode()).as(rollback::toString).isZero();
		assertThat(rollback.out()).contains("Rolled back " + INDEXES);

		Result rollbackTo = migrate("rollback", "--to", USERS);
		assertThat(rollbackTo.exitCode()).as(rollbackTo::toString).isZero();
		assertThat(rollbackTo.out()).containsSubsequence("Rolled back " + TASKS, "Rolled back " + PROJECTS);
		assertThat(database.tableExists("projects")).isFalse();

		Result mark = migrate("mark-rolled-back", USERS);
		assertThat(mark.exitCode()).as(mark::toString).isZero();
		assertThat(mark.out()).contains("Marked " + USERS + " as rolled back");

		Result statusAfter = migrate("status");
		assertThat(statusAfter.out()).contains("4 migrations: 4 pending");

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
	void commandsThatNeedModelsExitWithOneAndSaySo() throws Exception {
		Result generate = migrate("generate", "add_project_priority");
		assertThat(generate.exitCode()).as(generate::toString).isOne();
		assertThat(generate.err()).contains("'migrate generate' is not available in this build of FORGE");
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
