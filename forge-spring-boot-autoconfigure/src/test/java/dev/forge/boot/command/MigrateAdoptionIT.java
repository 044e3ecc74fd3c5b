package dev.forge.boot.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.forge.boot.ForgeOperations;
import dev.forge.core.Forge;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrate baseline} and {@code migrate import-flyway} in-process against a real
 * database.
 */
@PostgresTest
class MigrateAdoptionIT {

	private static TestDatabase database;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private MigrateCommandLine commandLine;

	@TempDir
	private Path migrations;

	@TempDir
	private Path flyway;

	@BeforeAll
	static void useDatabase(TestDatabase testDatabase) {
		database = testDatabase;
	}

	@BeforeEach
	void reset() {
		database.reset();
		Forge forge = Forge.configure()
			.dataSource(database.dataSource())
			.locations("filesystem:" + this.migrations)
			.outputDirectory(this.migrations)
			.load();
		this.commandLine = new MigrateCommandLine(new ForgeOperations(forge, List.of()),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@Test
	void baselineWritesTheFileRecordsItAndRefusesASecondTime() throws Exception {
		database.execute("CREATE TABLE users (id uuid PRIMARY KEY, email text NOT NULL UNIQUE);"
				+ " CREATE POLICY own ON users USING (email = current_user)");

		assertThat(run("migrate", "baseline")).isZero();

		assertThat(out()).containsPattern("Wrote .*0001_\\d{8}_\\d{6}_baseline\\.sql and recorded 0001_\\d{8}_\\d{6}_baseline"
				+ " as applied: it was not run here")
			.contains("Not recreated by the file (recreate by hand on a new database):\n"
					+ "  - row-level security policy own on users");
		assertThat(Files.list(this.migrations)).singleElement()
			.satisfies((file) -> assertThat(Files.readString(file)).contains("CREATE TABLE users ("));
		assertThat(run("migrate", "status")).isZero();
		assertThat(out()).contains("1 migration: 1 applied");
		assertThat(run("migrate", "baseline")).isOne();
		assertThat(err()).startsWith("migrate baseline failed: Cannot write a baseline while migration files exist");
	}

	@Test
	void importFlywayRecordsFlywaysMigrationsAndListsTheRepeatableOnes() throws Exception {
		Files.writeString(this.flyway.resolve("V1__create_users.sql"), "CREATE TABLE users (id uuid PRIMARY KEY);\n");
		Files.writeString(this.flyway.resolve("V1_1__add_email.sql"), "ALTER TABLE users ADD COLUMN email text;\n");
		Files.writeString(this.flyway.resolve("R__user_emails.sql"),
				"CREATE OR REPLACE VIEW user_emails AS SELECT email FROM users;\n");
		Flyway.configure()
			.dataSource(database.dataSource())
			.locations("filesystem:" + this.flyway)
			.load()
			.migrate();

		assertThat(run("migrate", "import-flyway", "--flyway-locations=filesystem:" + this.flyway)).isZero();

		assertThat(out()).containsPattern("Imported .*0001_create_users\\.sql")
			.containsPattern("Imported .*0002_add_email\\.sql")
			.contains("2 Flyway migrations recorded as applied without running; flyway_schema_history was not changed.")
			.contains("Not imported (carry them over by hand):\n  - repeatable R__user_emails.sql");
		assertThat(run("migrate", "apply")).isZero();
		assertThat(out()).contains("Schema is up to date: no pending migration.");
		assertThat(run("migrate", "import-flyway", "--flyway-locations=filesystem:" + this.flyway)).isOne();
		assertThat(err()).startsWith("migrate import-flyway failed: Cannot import from Flyway: FORGE migration files"
				+ " exist already: 0001_create_users, 0002_add_email");
	}

	@Test
	void importFlywayWithoutFlywaysFilesNamesTheMissingFileAndTheOption() throws Exception {
		Files.writeString(this.flyway.resolve("V1__create_users.sql"), "CREATE TABLE users (id uuid PRIMARY KEY);\n");
		Flyway.configure()
			.dataSource(database.dataSource())
			.locations("filesystem:" + this.flyway)
			.load()
			.migrate();

		assertThat(run("migrate", "import-flyway")).isOne();

		assertThat(err()).contains("no file for Flyway's installed_rank 1, version 1 (V1__create_users.sql, type SQL)"
				+ " in classpath:db/migration. Give the folder of Flyway's files with --flyway-locations");
		assertThat(Files.list(this.migrations)).isEmpty();
	}

	@Test
	void badUsageExitsWithTwo() {
		assertThat(run("migrate", "import-flyway", "extra")).isEqualTo(2);
		assertThat(err()).contains("'import-flyway' takes no argument, got [extra]");
		assertThat(run("migrate", "status", "--flyway-locations=classpath:db/migration")).isEqualTo(2);
		assertThat(err()).contains("--flyway-locations is an option of 'import-flyway' only")
			.contains("import-flyway [--flyway-locations=LOCATION,...]");
		assertThat(run("migrate", "baseline", "now")).isEqualTo(2);
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
