package dev.forge.sample.petclinic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The {@code migrate} command line of the pet clinic, whose {@code ddl-auto=validate}
 * would stop a normal start on a schema that does not match its entities: every command
 * runs on such a schema, and {@code check} finds that the generated migrations hold every
 * entity.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class PetClinicCommandLineIT {

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
	void onAnEmptyDatabaseStatusRunsThenApplyAndCheckFindTheMigrationsHoldEveryEntity(CapturedOutput output) {
		List<String> migrations = PetClinicRuns.migrationNames();
		assertThat(migrate("status")).as(output::toString).isZero();
		assertThat(output).contains(migrations.size() + " migrations: " + migrations.size() + " pending");

		assertThat(migrate("apply")).as(output::toString).isZero();
		assertThat(database.column("SELECT name FROM forge_migrations ORDER BY name"))
			.containsExactlyElementsOf(migrations);

		int before = output.length();
		assertThat(migrate("check")).as(output::toString).isZero();
		assertThat(output.toString().substring(before)).contains("The migration files hold every change of the models");
	}

	@Test
	void withAColumnMissingPlanAndGenerateRunWhereTheApplicationCannotStart(@TempDir Path outputDir,
			CapturedOutput output) throws Exception {
		assertThat(migrate("apply")).as(output::toString).isZero();
		database.execute("ALTER TABLE pets DROP COLUMN microchip");
		assertThatException().as("a normal start validates the schema")
			.isThrownBy(() -> PetClinicRuns.run(database, "--forge.migrations.apply-on=none"))
			.satisfies((ex) -> assertThat(rootCause(ex).getMessage()).contains("missing column [microchip]"));

		int before = output.length();
		assertThat(migrate("plan")).as(output::toString).isZero();
		assertThat(output.toString().substring(before)).contains("No pending migrations");
		before = output.length();
		assertThat(migrate("generate", "add_microchip_again", "--forge.migrations.output-dir=" + outputDir))
			.as(output::toString)
			.isZero();

		assertThat(output.toString().substring(before)).contains("Generated ");
		String generated;
		try (var files = Files.list(outputDir)) {
			generated = Files.readString(files.filter((file) -> file.toString().endsWith("_add_microchip_again.sql"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no file in " + outputDir + ":\n" + output)));
		}
		assertThat(generated).contains("ALTER TABLE pets ADD COLUMN microchip VARCHAR(15)");
		assertThat(migrate("check")).as("check sees the column missing").isOne();
	}

	private static int migrate(String... command) {
		return PetClinicRuns.migrate(database, command);
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
