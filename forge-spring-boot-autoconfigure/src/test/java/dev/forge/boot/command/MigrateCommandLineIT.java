package dev.forge.boot.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.fixtures.schema.Project;
import dev.forge.boot.fixtures.schema.User;
import dev.forge.core.Forge;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MigrateCommandLine} in-process against a real database; the sample module runs
 * the same commands through its packaged jar.
 */
@PostgresTest
class MigrateCommandLineIT {

	private static TestDatabase database;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private MigrateCommandLine commandLine;

	@TempDir
	private Path output;

	@BeforeAll
	static void useDatabase(TestDatabase testDatabase) {
		database = testDatabase;
	}

	@BeforeEach
	void reset() {
		database.reset();
		Forge forge = Forge.configure()
			.dataSource(database.dataSource())
			.locations("classpath:db/ok")
			.models(User.class, Project.class)
			.outputDirectory(this.output)
			.load();
		this.commandLine = new MigrateCommandLine(new ForgeOperations(forge, List.of()),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@Test
	void statusPrintsATableAndASummary() {
		assertThat(run("migrate", "status")).isZero();
		assertThat(out()).contains("Migration            | Status  | Applied At | Warnings")
			.contains("0001_create_users    | PENDING | -")
			.contains("2 migrations: 2 pending");
	}

	@Test
	void applyThenStatusThenRollbackThenRepair() {
		assertThat(run("migrate", "apply")).isZero();
		assertThat(out()).contains("Applied 0001_create_users (1 statement,")
			.contains("Applied 0002_create_projects")
			.contains("2 migrations applied in");
		assertThat(run("migrate", "apply")).isZero();
		assertThat(out()).contains("Schema is up to date: no pending migration.");
		assertThat(run("migrate", "status")).isZero();
		assertThat(out()).containsPattern("0002_create_projects \\| APPLIED \\| \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d")
			.contains("2 migrations: 2 applied");
		assertThat(run("migrate", "rollback", "--to", "0001_create_users")).isZero();
		assertThat(out()).contains("Rolled back 0002_create_projects");
		assertThat(database.tableExists("projects")).isFalse();
		assertThat(run("migrate", "mark-rolled-back", "0001_create_users")).isZero();
		assertThat(out()).contains("Marked 0001_create_users as rolled back");
		assertThat(run("migrate", "repair")).isZero();
		assertThat(out()).contains("Nothing to repair.");
	}

	@Test
	void aFailureIsReportedOnStandardErrorWithExitCodeOne() {
		database.execute("CREATE TABLE users (id int)");
		assertThat(run("migrate", "apply")).isOne();
		assertThat(err()).startsWith("migrate apply failed: Migration 0001_create_users failed")
			.contains("relation \"users\" already exists");
	}

	@Test
	void aFailurePartWayPrintsWhatWasAppliedBeforeIt() {
		database.execute("CREATE TABLE projects (id int)");
		assertThat(run("migrate", "apply")).isOne();
		assertThat(out()).contains("Applied 0001_create_users (1 statement,").doesNotContain("0002_create_projects");
		assertThat(err()).startsWith("migrate apply failed: Migration 0002_create_projects failed");
		assertThat(database.tableExists("users")).isTrue();
	}

	@Test
	void aStatementInThePlanKeepsItsLineBreaks(@TempDir Path folder) throws Exception {
		Files.writeString(folder.resolve("0001_commented.sql"),
				"CREATE TABLE t ( -- the table\n  id int,\n  name text\n);\n");
		useFolder(folder);
		assertThat(run("migrate", "plan")).isZero();
		assertThat(out()).contains("  line 1: CREATE TABLE t ( -- the table\n            id int,\n");
	}

	@Test
	void planListsWhatApplyWouldRunWithTheFindings() {
		assertThat(run("migrate", "plan")).isZero();
		assertThat(out()).contains("0001_create_users (one transaction)")
			.contains("line 2: CREATE TABLE users (id uuid PRIMARY KEY, email varchar(200) NOT NULL)")
			.contains("0002_create_projects (one transaction)");
	}

	@Test
	void planShowsEachStatementsLockAndRowEstimate(@TempDir Path folder) throws Exception {
		Files.writeString(folder.resolve("0001_create_items.sql"), "CREATE TABLE items (id int, name text);\n");
		useFolder(folder);
		assertThat(run("migrate", "apply")).isZero();
		database.execute("INSERT INTO items SELECT g, 'item' FROM generate_series(1, 1000) g; ANALYZE items;"
				+ " UPDATE pg_class SET reltuples = 48000000 WHERE oid = 'items'::regclass");
		Files.writeString(folder.resolve("0002_bigger_ids.sql"), "-- forge:allow-breaking\nALTER TABLE items ALTER COLUMN id TYPE bigint;\n"
				+ "CREATE INDEX items_name_idx ON items (name);\nUPDATE items SET name = 'x' WHERE id < 100;\n");

		assertThat(run("migrate", "plan")).isZero();

		assertThat(out()).contains("  line 2: ALTER TABLE items ALTER COLUMN id TYPE bigint\n"
				+ "    ~ ACCESS EXCLUSIVE, rewrite of ~48M rows, minutes\n")
			.contains("  line 3: CREATE INDEX items_name_idx ON items (name)\n"
					+ "    ~ SHARE, scan of ~48M rows, seconds\n")
			.containsPattern("  line 4: UPDATE items SET name = 'x' WHERE id < 100\n    ~ ROW EXCLUSIVE, rewrite of ~\\d+(\\.\\d)?M rows,"
					+ " (seconds|minutes)\n")
			.contains("! LONG_LOCK ALTER COLUMN TYPE items.id (ACCESS EXCLUSIVE lock, rewrite of ~48M rows, minutes)")
			.contains("! LONG_LOCK NO STATEMENT TIMEOUT items.id (ACCESS EXCLUSIVE lock, rewrite of ~48M rows, minutes)");
	}

	@Test
	void planMarksADeferredPhaseThatWaitsAndWhatWaitsWithIt(@TempDir Path folder) throws Exception {
		Files.writeString(folder.resolve("0001_create_t.sql"), "CREATE TABLE t (id int, old text);\n");
		useFolder(folder);
		assertThat(run("migrate", "apply")).isZero();
		Files.writeString(folder.resolve("0002_drop_old.sql"), "-- forge:deferred\n-- Up\nALTER TABLE t DROP COLUMN old;\n");
		Files.writeString(folder.resolve("0003_create_u.sql"), "CREATE TABLE u (id int);\n");

		assertThat(run("migrate", "plan")).isZero();

		assertThat(out()).contains("0002_drop_old (one transaction) — waits: it is marked '-- forge:deferred'")
			.contains("0003_create_u (one transaction) — waits with 0002_drop_old.")
			.contains("apply would run 0 of 2 and leave 0002_drop_old and what follows pending")
			.doesNotContain("apply would refuse");
		assertThat(run("migrate", "apply")).isZero();
		assertThat(database.tableExists("u")).isFalse();
	}

	@Test
	void generateAndCheckRefuseWhileMigrationsArePending() {
		assertThat(run("migrate", "generate", "add_description")).isOne();
		assertThat(err()).contains("migrations are pending: 0001_create_users, 0002_create_projects")
			.contains("Apply them first");
		assertThat(run("migrate", "check")).isOne();
		assertThat(err()).contains("Cannot check while migrations are pending");
	}

	@Test
	void driftAndCheckPassWhenTheDatabaseMatchesTheModels() {
		assertThat(run("migrate", "apply")).isZero();

		assertThat(run("migrate", "drift")).isZero();
		assertThat(out()).contains("✓ users table matches schema").contains("✓ projects table matches schema");
		assertThat(run("migrate", "check")).isZero();
		assertThat(out()).contains("✓ The migration files hold every change of the models.");
		assertThat(run("migrate", "generate", "nothing_new")).isZero();
		assertThat(out()).containsIgnoringCase("no changes");
		assertThat(this.output).isEmptyDirectory();
	}

	@Test
	void driftAndCheckFailWhenTheDatabaseDiffersFromTheModels() {
		assertThat(run("migrate", "apply")).isZero();
		database.execute("ALTER TABLE projects ADD COLUMN legacy_status text");

		assertThat(run("migrate", "drift")).isOne();
		assertThat(out()).contains("✗ projects table has drift:")
			.contains("  - Extra column: legacy_status (in DB, not in code)");
		assertThat(run("migrate", "check")).isOne();
		assertThat(out()).contains("✗ The models have 1 change that no migration file holds:")
			.contains("DROP COLUMN legacy_status");
	}

	@Test
	void generateWritesTheMigrationIntoTheOutputDirectory() {
		assertThat(run("migrate", "apply")).isZero();
		database.execute("ALTER TABLE projects DROP COLUMN name");

		assertThat(run("migrate", "generate", "restore_name")).isZero();

		assertThat(out()).contains("0003_").contains("_restore_name.sql:").contains("ADD COLUMN name VARCHAR(200)");
		assertThat(this.output.toFile().list()).singleElement()
			.satisfies((file) -> assertThat(file).matches("0003_\\d{8}_\\d{6}_restore_name\\.sql"));
	}

	@Test
	void badUsagePrintsTheUsageWithExitCodeTwo() {
		assertThat(run("migrate", "frobnicate")).isEqualTo(2);
		assertThat(err()).startsWith("migrate: unknown command 'frobnicate'").contains("Usage: java -jar app.jar migrate");
	}

	private void useFolder(Path folder) {
		Forge forge = Forge.configure()
			.dataSource(database.dataSource())
			.locations("filesystem:" + folder)
			.outputDirectory(this.output)
			.load();
		this.commandLine = new MigrateCommandLine(new ForgeOperations(forge, List.of()),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private int run(String... args) {
		this.out.reset();
		this.err.reset();
		return this.commandLine.run(args);
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
