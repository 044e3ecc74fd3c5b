package dev.forge.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.forge.core.sample.Project;
import dev.forge.core.sample.ProjectWithoutDescription;
import dev.forge.core.sample.User;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ModelWorkflowIT extends EngineTestSupport {

	ModelWorkflowIT(TestDatabase database) {
		super(database);
	}

	private Forge forge(Class<?>... models) {
		return configure()
			.outputDirectory(this.folder.directory())
			.models(models)
			.load();
	}

	@Test
	void generateWritesAMigrationThatApplyRunsAndThenNothingDrifts() throws Exception {
		GenerationResult initial = forge(User.class, ProjectWithoutDescription.class).generate("initial");
		forge(User.class, ProjectWithoutDescription.class).apply();

		GenerationResult added = forge(User.class, Project.class).generate("add project description");
		ApplyResult applied = forge(User.class, Project.class).apply();

		assertThat(initial.files()).singleElement()
			.satisfies((file) -> assertThat(file.getFileName().toString()).matches("0001_\\d{8}_\\d{6}_initial\\.sql"));
		assertThat(added.files()).singleElement().satisfies((file) -> {
			assertThat(file.getFileName().toString()).matches("0002_\\d{8}_\\d{6}_add_project_description\\.sql");
			assertThat(Files.readString(file)).contains("-- Migration: 0002_")
				.contains("-- Up\nALTER TABLE projects ADD COLUMN description TEXT;")
				.contains("-- Down\nALTER TABLE projects DROP COLUMN description;");
		});
		assertThat(applied.applied()).hasSize(1);
		assertThat(this.database.columnNames("projects")).contains("description");
		DriftReport drift = forge(User.class, Project.class).drift();
		assertThat(drift.hasDrift()).isFalse();
		assertThat(drift.render()).contains("✓ projects table matches schema").contains("✓ users table matches schema");
		assertThat(forge(User.class, Project.class).check().isEmpty()).isTrue();
	}

	@Test
	void generateRefusesWhileMigrationsArePending() {
		forge(User.class, ProjectWithoutDescription.class).generate("initial");

		assertThatExceptionOfType(ForgeException.class)
			.isThrownBy(() -> forge(User.class, Project.class).generate("again"))
			.withMessageContaining("migrations are pending: 0001_")
			.withMessageContaining("Apply them first");
		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge(User.class, Project.class).check())
			.withMessageContaining("Cannot check while migrations are pending");
	}

	@Test
	void generateWithNoChangesSaysSoAndWritesNothing() throws Exception {
		forge(User.class, Project.class).generate("initial");
		forge(User.class, Project.class).apply();

		GenerationResult result = forge(User.class, Project.class).generate("nothing");

		assertThat(result.hasChanges()).isFalse();
		assertThat(result.message()).containsIgnoringCase("no changes");
		try (var files = Files.list(this.folder.directory())) {
			assertThat(files.count()).isEqualTo(1);
		}
	}

	@Test
	void previewRendersWithoutWriting() throws Exception {
		List<GeneratedMigration> preview = forge(User.class, Project.class).preview("initial");

		assertThat(preview).isNotEmpty();
		assertThat(preview.get(0).content()).contains("CREATE TABLE users");
		try (var files = Files.list(this.folder.directory())) {
			assertThat(files.count()).isZero();
		}
	}

	@Test
	void driftReportsAManualChangeAndAnEditedFile() throws Exception {
		forge(User.class, Project.class).generate("initial");
		forge(User.class, Project.class).apply();
		this.database.execute("ALTER TABLE projects ADD COLUMN legacy_status text");
		Path file;
		try (var files = Files.list(this.folder.directory())) {
			file = files.findFirst().orElseThrow();
		}
		Files.writeString(file, Files.readString(file).replace("-- Down", "SELECT 1;\n-- Down"));

		DriftReport drift = forge(User.class, Project.class).drift();

		assertThat(drift.hasDrift()).isTrue();
		assertThat(drift.render()).contains("✗ projects table has drift:")
			.contains("  - Extra column: legacy_status (in DB, not in code)")
			.contains("checksum mismatch")
			.contains("0001_");
	}

	@Test
	void withoutModelsTheMessageSaysHowToAddThem() {
		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge().diff())
			.withMessageContaining("No @ForgeModel classes are configured");
	}

}
