package dev.forge.core;


import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RollbackIT extends EngineTestSupport {

	RollbackIT(TestDatabase database) {
		super(database);
	}

	@BeforeEach
	void reset() {
		this.folder.write("0001_projects.sql", "-- Up\nCREATE TABLE projects (id int);\n-- Down\nDROP TABLE projects;\n")
			.write("0002_description.sql", "-- Up\nALTER TABLE projects ADD COLUMN description text;\n-- Down\n"
					+ "ALTER TABLE projects DROP COLUMN description;\n")
			.write("0003_index.sql", "-- Up\nCREATE INDEX CONCURRENTLY projects_description_idx ON projects"
					+ " (id);\n-- Down\nDROP INDEX CONCURRENTLY projects_description_idx;\n");
	}

	private Forge forge() {
		return configure().load();
	}

	@Test
	void rollbackUndoesTheMostRecentlyAppliedMigrationAndForgetsIt() {
		forge().apply();

		RollbackResult result = forge().rollback();

		assertThat(result.rolledBack()).extracting(MigrationExecution::name).containsExactly("0003_index");
		assertThat(this.database.value("SELECT to_regclass('projects_description_idx')")).isNull();
		assertThat(this.database.column("SELECT name FROM forge_migrations ORDER BY name"))
			.containsExactly("0001_projects", "0002_description");
		assertThat(forge().status().inState(MigrationState.PENDING)).extracting(MigrationInfo::name)
			.containsExactly("0003_index");
	}

	@Test
	void theMostRecentlyAppliedIsChosenByApplyTimeNotByName() {
		this.folder.delete("0002_description.sql");
		forge().apply();
		this.folder.write("0002_description.sql", "-- Up\nALTER TABLE projects ADD COLUMN description text;\n"
				+ "-- Down\nALTER TABLE projects DROP COLUMN description;\n");
		forge().apply();

		RollbackResult result = forge().rollback();

		assertThat(result.rolledBack()).extracting(MigrationExecution::name).containsExactly("0002_description");
		assertThat(this.database.columnNames("projects")).containsExactly("id");
	}

	@Test
	void rollbackToUndoesEverythingAppliedAfterTheTargetNewestFirst() {
		forge().apply();

		RollbackResult result = forge().rollbackTo("0001_projects");

		assertThat(result.rolledBack()).extracting(MigrationExecution::name)
			.containsExactly("0003_index", "0002_description");
		assertThat(this.database.columnNames("projects")).containsExactly("id");
		assertThat(this.database.column("SELECT name FROM forge_migrations")).containsExactly("0001_projects");
	}

	@Test
	void rollbackWarnsWhenTheDownSectionDropsData() {
		forge().apply();
		forge().rollback();

		RollbackResult result = forge().rollback();

		assertThat(result.warnings()).singleElement()
			.satisfies((warning) -> assertThat(warning).contains("0002_description")
				.contains("drops data")
				.contains("ALTER TABLE projects DROP COLUMN description"));
	}

	@Test
	void aMigrationWithoutDownCannotBeRolledBackAndTheMessageSaysWhatToDo() {
		this.folder.write("0004_seed.sql", "INSERT INTO projects VALUES (1);\n");
		forge().apply();

		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge().rollback())
			.withMessageContaining("0004_seed")
			.withMessageContaining("has no '-- Down' section")
			.withMessageContaining("run it by hand")
			.withMessageContaining("migrate mark-rolled-back 0004_seed");
		assertThat(this.database.value("SELECT count(*) FROM forge_migrations")).isEqualTo(4L);
	}

	@Test
	void rollbackToChecksEveryTargetBeforeUndoingAnything() {
		this.folder.write("0004_seed.sql", "INSERT INTO projects VALUES (1);\n")
			.write("0005_more.sql", "-- Up\nCREATE TABLE more (id int);\n-- Down\nDROP TABLE more;\n");
		forge().apply();

		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge().rollbackTo("0002_description"))
			.withMessageContaining("0004_seed");
		assertThat(this.database.tableExists("more")).as("nothing was rolled back").isTrue();
	}

	@Test
	void markRolledBackForgetsAMigrationWithoutRunningAnything() {
		this.folder.write("0004_seed.sql", "INSERT INTO projects VALUES (1);\n");
		forge().apply();
		this.database.execute("DELETE FROM projects");

		forge().markRolledBack("0004_seed");

		assertThat(this.database.column("SELECT name FROM forge_migrations ORDER BY name"))
			.containsExactly("0001_projects", "0002_description", "0003_index");
		assertThat(forge().status().inState(MigrationState.PENDING)).extracting(MigrationInfo::name)
			.containsExactly("0004_seed");
	}

	@Test
	void markRolledBackOfAMigrationThatIsNotAppliedIsAnError() {
		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge().markRolledBack("0009_nope"))
			.withMessageContaining("0009_nope")
			.withMessageContaining("not recorded");
	}

	@Test
	void aFailingDownSectionRollsBackAndKeepsTheMigrationApplied() {
		this.folder.write("0004_bad_down.sql", "-- Up\nCREATE TABLE t4 (id int);\n-- Down\nDROP TABLE t4;\nDROP TABLE nope;\n");
		forge().apply();

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().rollback())
			.withMessageContaining("Down section")
			.withMessageContaining("0004_bad_down.sql, line 5")
			.withMessageContaining("table \"nope\" does not exist");
		assertThat(this.database.tableExists("t4")).isTrue();
		assertThat(this.database.value("SELECT count(*) FROM forge_migrations WHERE name = '0004_bad_down'"))
			.isEqualTo(1L);
	}

	@Test
	void aRollbackToThatFailsPartWayNamesWhatItRolledBack() {
		this.folder.write("0004_bad_down.sql", "-- Up\nCREATE TABLE t4 (id int);\n-- Down\nDROP TABLE nope;\n")
			.write("0005_more.sql", "-- Up\nCREATE TABLE more (id int);\n-- Down\nDROP TABLE more;\n");
		forge().apply();

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().rollbackTo("0002_description"))
			.satisfies((ex) -> {
				assertThat(ex.migration()).isEqualTo("0004_bad_down");
				assertThat(ex.completed()).extracting(MigrationExecution::name).containsExactly("0005_more");
			})
			.withMessageStartingWith("Migration 0004_bad_down failed in its Down section at ");
		assertThat(this.database.tableExists("more")).isFalse();
		assertThat(this.database.column("SELECT name FROM forge_migrations ORDER BY name"))
			.containsExactly("0001_projects", "0002_description", "0003_index", "0004_bad_down");
	}

	@Test
	void nothingToRollBackIsReported() {
		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge().rollback())
			.withMessageContaining("Nothing to roll back");
	}

}
