package dev.forge.core.internal.drift;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.forge.core.DriftReport;
import dev.forge.core.internal.inspect.PostgresSchemaInspector;
import dev.forge.core.internal.model.ModelReader;
import dev.forge.model.Column;
import dev.forge.model.ForgeModel;
import dev.forge.model.Id;
import dev.forge.model.Indexed;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresTest
class DriftDetectorIT {

	@Test
	void reportsEachKindOfDriftWithTheDesignWording(TestDatabase database) throws Exception {
		database.execute("""
				CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(200) NOT NULL);
				CREATE TABLE tasks (id uuid PRIMARY KEY, title varchar(100) NOT NULL, status text DEFAULT 'new',
					notes text NOT NULL, due_at timestamptz NOT NULL, legacy_status text);
				CREATE TABLE legacy_audit (id bigint PRIMARY KEY);
				CREATE TABLE forge_migrations (name text PRIMARY KEY);
				""");
		DriftReport report = detect(database);
		assertThat(report.render()).isEqualTo("""
				✗ labels table has drift:
				  - Missing table: labels (defined in code, not in DB)
				✗ legacy_audit table has drift:
				  - Extra table: legacy_audit (in DB, not in code)
				✓ projects table matches schema
				✗ tasks table has drift:
				  - Type mismatch: title is varchar(100) in DB, varchar(200) in code
				  - Default mismatch: status has default 'new'::text in DB, default 'open' in code
				  - Nullability mismatch: notes is NOT NULL in DB, nullable in code
				  - Missing column: priority (defined in code, not in DB)
				  - Extra column: legacy_status (in DB, not in code)
				  - Missing index: tasks_due_at_idx (due_at) (defined in code, not in DB)""");
		assertThat(report.hasDrift()).isTrue();
	}

	@Test
	void serialisesToJsonAsItIs(TestDatabase database) throws Exception {
		DriftReport report = detect(database);
		String json = JsonMapper.builder().build().writeValueAsString(report);
		assertThat(json).contains("\"table\":\"labels\"", "\"status\":\"MISSING_IN_DATABASE\"",
				"\"kind\":\"MISSING_TABLE\"", "\"message\":\"Missing table: labels (defined in code, not in DB)\"");
	}

	private DriftReport detect(TestDatabase database) throws Exception {
		try (Connection connection = database.connect()) {
			return new DriftDetector().detect(
					new PostgresSchemaInspector().inspect(connection, "public", Set.of("forge_migrations")),
					new ModelReader().read(List.of(Project.class, Task.class, Label.class)));
		}
	}

	@ForgeModel
	record Project(@Id UUID id, @Size(max = 200) String name) {
	}

	@ForgeModel
	record Task(@Id UUID id, @Size(max = 200) String title, @Column(defaultValue = "'open'") @Nullable String status,
			@Nullable String notes, @Indexed Instant dueAt, int priority) {
	}

	@ForgeModel
	record Label(@Id UUID id) {
	}

}
