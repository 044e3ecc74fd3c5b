package dev.forge.core;


import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChecksumIT extends EngineTestSupport {

	ChecksumIT(TestDatabase database) {
		super(database);
	}

	private Forge forge() {
		return configure().load();
	}

	@Test
	void anEditedAppliedFileStopsApplyAndIsNamed() {
		this.folder.write("0001_initial.sql", "CREATE TABLE projects (id int);\n");
		forge().apply();
		this.folder.write("0001_initial.sql", "CREATE TABLE projects (id bigint);\n")
			.write("0002_next.sql", "CREATE TABLE next (id int);\n");

		assertThatExceptionOfType(ChecksumMismatchException.class).isThrownBy(() -> forge().apply())
			.withMessageContaining("0001_initial.sql")
			.withMessageContaining("migrate repair")
			.satisfies((ex) -> assertThat(ex.migrations()).containsExactly("0001_initial"));
		assertThat(this.database.tableExists("next")).as("nothing runs after a mismatch").isFalse();
		assertThat(forge().status().inState(MigrationState.CHECKSUM_MISMATCH)).extracting(MigrationInfo::name)
			.containsExactly("0001_initial");
	}

	@Test
	void lfAndCrlfCopiesOfAFileHaveTheSameChecksum() {
		this.folder.write("0001_initial.sql", "-- Up\nCREATE TABLE projects (\n  id int\n);\n-- Down\nDROP TABLE projects;\n");
		forge().apply();
		this.folder.write("0001_initial.sql",
				"-- Up\r\nCREATE TABLE projects (\r\n  id int\r\n);\r\n-- Down\r\nDROP TABLE projects;\r\n");

		assertThat(forge().status().inState(MigrationState.APPLIED)).hasSize(1);
		assertThat(forge().apply().applied()).isEmpty();
	}

	@Test
	void editingOnlyTheDownSectionOrTheHeaderKeepsTheChecksum() {
		this.folder.write("0001_initial.sql", "-- Up\nCREATE TABLE projects (id int);\n-- Down\nDROP TABLE projects;\n");
		forge().apply();
		this.folder.write("0001_initial.sql", "-- Reviewed by the team\n-- Up\nCREATE TABLE projects (id int);\n"
				+ "-- Down\nDROP TABLE IF EXISTS projects;\n");

		assertThat(forge().status().inState(MigrationState.APPLIED)).hasSize(1);
	}

	@Test
	void repairAcceptsTheNewChecksum() {
		this.folder.write("0001_initial.sql", "CREATE TABLE projects (id int);\n");
		forge().apply();
		this.folder.write("0001_initial.sql", "CREATE TABLE projects (id int); -- reformatted\n")
			.write("0002_next.sql", "CREATE TABLE next (id int);\n");

		RepairResult repair = forge().repair();
		ApplyResult apply = forge().apply();

		assertThat(repair.checksumsAccepted()).containsExactly("0001_initial");
		assertThat(apply.applied()).extracting(MigrationExecution::name).containsExactly("0002_next");
		assertThat(this.database.value("SELECT checksum FROM forge_migrations WHERE name = '0001_initial'"))
			.isEqualTo(forge().status().migrations().get(0).checksum());
	}

	@Test
	void aMissingFileIsReportedButDoesNotStopApply() {
		this.folder.write("0001_initial.sql", "CREATE TABLE projects (id int);\n");
		forge().apply();
		this.folder.delete("0001_initial.sql").write("0002_next.sql", "CREATE TABLE next (id int);\n");

		ApplyResult result = forge().apply();

		assertThat(result.applied()).extracting(MigrationExecution::name).containsExactly("0002_next");
		assertThat(result.warnings()).anySatisfy((warning) -> assertThat(warning).contains("Missing file: 0001_initial"));
		assertThat(forge().status().inState(MigrationState.MISSING_FILE)).extracting(MigrationInfo::name)
			.containsExactly("0001_initial");
	}

}
