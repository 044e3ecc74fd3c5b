package dev.forge.core;

import java.nio.file.Path;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.forge.testsupport.MigrationFolder;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code forge.migrations.on-breaking}: a breaking pending migration is refused before
 * anything runs (earlier safe pending files included, so that a deployment is never left
 * half migrated), unless the file says {@code -- forge:allow-breaking} or the policy is
 * {@code warn} or {@code allow}.
 */
@PostgresTest
class BreakingChangePolicyIT {

	/** DESIGN.md section 6, word for word. */
	private static final String DESIGN_WARNING = """
			⚠️ WARNING: This migration contains breaking changes

			  - DROP COLUMN: users.legacy_email
			  - RENAME COLUMN: projects.name → projects.title

			These changes will break code that references the old schema.
			Ensure all nodes are running code that doesn't use these fields
			before applying this migration.""";

	private static final String BREAKING_SQL = "ALTER TABLE users DROP COLUMN legacy_email;\n"
			+ "ALTER TABLE projects RENAME COLUMN name TO title;\n";

	private final TestDatabase database;

	private MigrationFolder folder;

	private ListAppender<ILoggingEvent> log;

	BreakingChangePolicyIT(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void setUp(@TempDir Path directory) {
		this.database.reset();
		this.folder = new MigrationFolder(directory);
		this.folder.write("0001_initial.sql", "CREATE TABLE users (id int, legacy_email text);\n"
				+ "CREATE TABLE projects (id int, name text);\n");
		forge(BreakingChangePolicy.FAIL).apply();
		this.folder.write("0002_bio.sql", "ALTER TABLE users ADD COLUMN bio text;\n");
		this.log = new ListAppender<>();
		this.log.start();
		((Logger) LoggerFactory.getLogger("dev.forge")).addAppender(this.log);
	}

	@AfterEach
	void detachLog() {
		((Logger) LoggerFactory.getLogger("dev.forge")).detachAppender(this.log);
	}

	private Forge forge(BreakingChangePolicy policy) {
		return Forge.configure()
			.dataSource(this.database.dataSource())
			.locations(this.folder.location())
			.onBreaking(policy)
			.load();
	}

	@Test
	void aBreakingMigrationIsRefusedByDefaultBeforeAnythingRuns() {
		this.folder.write("0003_retire_legacy.sql", BREAKING_SQL);
		Forge forge = Forge.configure().dataSource(this.database.dataSource()).locations(this.folder.location()).load();

		BreakingChangeException refusal = assertThatExceptionOfType(BreakingChangeException.class)
			.isThrownBy(forge::apply)
			.actual();

		assertThat(refusal.getMessage()).isEqualTo(DESIGN_WARNING + "\n\nMigration 0003_retire_legacy ("
				+ this.folder.directory().resolve("0003_retire_legacy.sql") + ") was not applied.\n\nNothing was applied:"
				+ " 'forge.migrations.on-breaking' is 'fail'. Once no running code uses the old schema, add"
				+ " '-- forge:allow-breaking' to the file, or set 'forge.migrations.on-breaking' to 'warn' or"
				+ " 'allow'.");
		assertThat(refusal.refused()).extracting(PlannedMigration::name).containsExactly("0003_retire_legacy");
		assertThat(refusal.findings()).extracting(Finding::operation, Finding::target)
			.containsExactly(tuple("DROP COLUMN", "users.legacy_email"),
					tuple("RENAME COLUMN", "projects.name \u2192 projects.title"));
		assertThat(this.database.column("SELECT name FROM forge_migrations")).containsExactly("0001_initial");
		assertThat(this.database.columnNames("users")).as("the safe 0002 did not run either")
			.containsExactly("id", "legacy_email");
		assertThat(this.database.columnNames("projects")).containsExactly("id", "name");
	}

	@Test
	void theAllowBreakingDirectiveAcceptsTheChanges() {
		this.folder.write("0003_retire_legacy.sql", "-- forge:allow-breaking\n-- Up\n" + BREAKING_SQL);

		ApplyResult result = forge(BreakingChangePolicy.FAIL).apply();

		assertThat(result.applied()).extracting(MigrationExecution::name).containsExactly("0002_bio",
				"0003_retire_legacy");
		assertThat(this.database.columnNames("users")).containsExactly("id", "bio");
		assertThat(this.database.columnNames("projects")).containsExactly("id", "title");
		assertThat(result.warnings()).isEmpty();
	}

	@Test
	void aDeferredBreakingMigrationWaitsWhileTheFilesBeforeItAreApplied() {
		this.folder.write("0003_retire_legacy.sql", "-- forge:deferred\n-- Up\n" + BREAKING_SQL)
			.write("0004_more.sql", "ALTER TABLE users ADD COLUMN age int;\n");

		ApplyResult result = forge(BreakingChangePolicy.FAIL).apply();

		assertThat(result.applied()).extracting(MigrationExecution::name).containsExactly("0002_bio");
		assertThat(result.warnings()).singleElement()
			.asString()
			.startsWith("Migration 0003_retire_legacy (")
			.contains("waits: it is marked '-- forge:deferred'")
			.contains("It is safe to contract: no live node uses users.legacy_email, projects.name")
			.endsWith("Waiting with it: 0004_more.");
		assertThat(this.database.columnNames("users")).containsExactly("id", "legacy_email", "bio");
		assertThat(forge(BreakingChangePolicy.ALLOW).apply().applied()).as("it waits under every policy").isEmpty();

		this.folder.write("0003_retire_legacy.sql", "-- forge:deferred\n-- forge:allow-breaking\n-- Up\n" + BREAKING_SQL);

		assertThat(forge(BreakingChangePolicy.FAIL).apply().applied()).extracting(MigrationExecution::name)
			.containsExactly("0003_retire_legacy", "0004_more");
		assertThat(this.database.columnNames("users")).containsExactly("id", "bio", "age");
	}

	@Test
	void allowAppliesSilently() {
		this.folder.write("0003_retire_legacy.sql", BREAKING_SQL);

		ApplyResult result = forge(BreakingChangePolicy.ALLOW).apply();

		assertThat(result.applied()).hasSize(2);
		assertThat(this.database.columnNames("projects")).containsExactly("id", "title");
		assertThat(result.warnings()).isEmpty();
		assertThat(this.log.list).noneMatch((event) -> event.getLevel() == Level.WARN);
	}

	@Test
	void warnLogsTheWarningAndApplies() {
		this.folder.write("0003_retire_legacy.sql", BREAKING_SQL);

		ApplyResult result = forge(BreakingChangePolicy.WARN).apply();

		assertThat(result.applied()).hasSize(2);
		assertThat(this.database.columnNames("users")).containsExactly("id", "bio");
		String expected = DESIGN_WARNING + "\n\nMigration 0003_retire_legacy ("
				+ this.folder.directory().resolve("0003_retire_legacy.sql") + ") is applied anyway: 'forge.migrations.on-breaking' is 'warn'.";
		assertThat(result.warnings()).containsExactly(expected);
		assertThat(this.log.list).filteredOn((event) -> event.getLevel() == Level.WARN)
			.extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly(expected);
	}

	@Test
	void planShowsWhatApplyWouldRunWithFindingsAndRunsNothing() {
		this.folder.write("0003_retire_legacy.sql", BREAKING_SQL)
			.write("0004_index.sql", "CREATE INDEX CONCURRENTLY users_bio_idx ON users (bio);\n");

		MigrationPlan plan = forge(BreakingChangePolicy.FAIL).plan();

		assertThat(plan.serverVersionNum()).isEqualTo(this.database.serverVersionNum());
		assertThat(plan.migrations()).extracting(PlannedMigration::name, PlannedMigration::transactional)
			.containsExactly(tuple("0002_bio", true), tuple("0003_retire_legacy", true), tuple("0004_index", false));
		assertThat(plan.migrations().get(1).statements()).extracting(PlannedStatement::line, PlannedStatement::sql)
			.containsExactly(tuple(1, "ALTER TABLE users DROP COLUMN legacy_email"),
					tuple(2, "ALTER TABLE projects RENAME COLUMN name TO title"));
		assertThat(plan.migrations()).flatExtracting(PlannedMigration::findings)
			.extracting(Finding::safetyClass, Finding::operation)
			.containsExactly(tuple(SafetyClass.SAFE, "ADD COLUMN"), tuple(SafetyClass.BREAKING, "DROP COLUMN"),
					tuple(SafetyClass.DATA_LOSS, "DROP COLUMN"), tuple(SafetyClass.BREAKING, "RENAME COLUMN"),
					tuple(SafetyClass.SAFE, "CREATE INDEX CONCURRENTLY"));
		assertThat(plan.needingBreakingAcceptance()).extracting(PlannedMigration::name)
			.containsExactly("0003_retire_legacy");
		assertThat(plan.migrations().get(1).breakingChanges().text()).isEqualTo(DESIGN_WARNING);
		assertThat(this.database.column("SELECT name FROM forge_migrations")).containsExactly("0001_initial");
	}

	@Test
	void planJudgesTypeChangesAgainstTheLiveColumnsAndEarlierPendingFiles() {
		this.database.execute("ALTER TABLE users ALTER COLUMN legacy_email TYPE varchar(100)");
		this.folder.write("0003_widen.sql", "ALTER TABLE users ALTER COLUMN legacy_email TYPE text;\n")
			.write("0004_numbers.sql", "ALTER TABLE users ADD COLUMN score numeric(6,2);\n")
			.write("0005_more.sql", "ALTER TABLE users ALTER COLUMN score TYPE numeric(8,2);\n"
					+ "ALTER TABLE users ALTER COLUMN id TYPE bigint;\n");

		MigrationPlan plan = forge(BreakingChangePolicy.FAIL).plan();

		assertThat(plan.find("0003_widen").orElseThrow().findings()).extracting(Finding::safetyClass)
			.containsExactly(SafetyClass.SAFE);
		assertThat(plan.find("0005_more").orElseThrow().findings()).extracting(Finding::safetyClass)
			.containsExactly(SafetyClass.SAFE, SafetyClass.BREAKING, SafetyClass.LONG_LOCK);
	}

	@Test
	void findingsAreAvailableForAppliedAndPendingMigrations() {
		this.folder.write("0003_retire_legacy.sql", BREAKING_SQL);
		Forge forge = forge(BreakingChangePolicy.FAIL);

		assertThat(forge.findings("0001_initial")).extracting(Finding::safetyClass)
			.containsExactly(SafetyClass.SAFE, SafetyClass.SAFE);
		assertThat(forge.findings("0003_retire_legacy")).filteredOn(Finding::isBreaking).hasSize(2);
		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge.findings("0009_nope"))
			.withMessageContaining("0009_nope");
	}

	@Test
	void statusIsUnaffectedByARefusal() {
		this.folder.write("0003_retire_legacy.sql", BREAKING_SQL);
		Forge forge = forge(BreakingChangePolicy.FAIL);
		assertThatExceptionOfType(BreakingChangeException.class).isThrownBy(forge::apply);

		List<MigrationInfo> pending = forge.status().inState(MigrationState.PENDING);

		assertThat(pending).extracting(MigrationInfo::name).containsExactly("0002_bio", "0003_retire_legacy");
	}

}
