package dev.forge.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.forge.testsupport.TestDatabase;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Input a user gets wrong: malformed files, SQL PostgreSQL rejects, a history table edited
 * by hand, a schema or privilege that is missing, a connection that dies mid-run. Each is
 * a clear error; nothing that did not run is recorded, and nothing is lost.
 */
class BadInputIT extends EngineTestSupport {

	BadInputIT(TestDatabase database) {
		super(database);
	}

	private Forge forge() {
		return configure().load();
	}

	private void writeBytes(String fileName, byte[] content) throws IOException {
		Files.write(this.folder.directory().resolve(fileName), content);
	}

	private boolean historyExists() {
		return this.database.tableExists("public.forge_migrations");
	}

	// 1. markers

	@Test
	void aDownSectionWithoutAnUpMarkerIsAnErrorNamingFileAndLineOfTheDownMarker() {
		this.folder.write("0001_projects.sql", "-- adds projects\nCREATE TABLE projects (id int);\n-- Down\n"
				+ "DROP TABLE projects;\n");

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> forge().apply())
			.withMessageContaining("0001_projects.sql:3:")
			.withMessageContaining("'-- Down' without '-- Up'")
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3));
		assertThat(this.database.tableExists("projects")).as("the text above '-- Down' does not run").isFalse();
		assertThat(historyExists()).isFalse();
	}

	@Test
	void aRepeatedDownMarkerIsAnErrorBeforeAnythingRuns() {
		this.folder.write("0001_ok.sql", "CREATE TABLE ok (id int);\n")
			.write("0002_twice.sql", "-- Up\nCREATE TABLE t (id int);\n-- Down\nDROP TABLE t;\n-- Down\nSELECT 1;\n");

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> forge().apply())
			.withMessageContaining("0002_twice.sql:5:")
			.withMessageContaining("second '-- Down' marker (the first is on line 3)");
		assertThat(this.database.tableExists("ok")).isFalse();
	}

	// 2. binary and non-UTF-8 files

	@Test
	void aBinaryFileIsAnErrorNamingIt() throws IOException {
		writeBytes("0001_binary.sql", new byte[] { 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', ';', '\n', 0, 1, 2, '\n' });

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> forge().apply())
			.withMessageContaining("0001_binary.sql:2:")
			.withMessageContaining("NUL character")
			.withMessageContaining("binary file");
		assertThat(historyExists()).isFalse();
	}

	@Test
	void aLatin1FileIsAnErrorNamingFileAndLineRatherThanAGarbledRun() throws IOException {
		this.database.execute("CREATE TABLE cafes (name text)");
		writeBytes("0001_cafes.sql", "-- Up\nINSERT INTO cafes VALUES ('caf\u00e9');\n"
			.getBytes(StandardCharsets.ISO_8859_1));

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> forge().apply())
			.withMessageContaining("0001_cafes.sql:2:")
			.withMessageContaining("not valid UTF-8 (byte 0xE9");
		assertThat(this.database.value("SELECT count(*) FROM cafes")).isEqualTo(0L);
		assertThat(historyExists()).isFalse();
	}

	@Test
	void aUtf8FileKeepsItsAccents() {
		this.folder.write("0001_cafes.sql", "CREATE TABLE cafes (name text);\nINSERT INTO cafes VALUES ('caf\u00e9');\n");

		forge().apply();

		assertThat(this.database.value("SELECT name FROM cafes")).isEqualTo("caf\u00e9");
	}

	// 3. empty files

	@Test
	void anEmptyOrCommentOnlyFileIsAppliedAndRecordedLikeAnyOther() {
		this.folder.write("0001_empty.sql", "")
			.write("0002_comments.sql", "-- reserved for the billing team\n\n/* nothing yet */\n")
			.write("0003_next.sql", "CREATE TABLE next (id int);\n");

		ApplyResult result = forge().apply();

		assertThat(result.applied()).extracting(MigrationExecution::name)
			.containsExactly("0001_empty", "0002_comments", "0003_next");
		assertThat(this.database.column("SELECT name FROM forge_migrations ORDER BY name"))
			.containsExactly("0001_empty", "0002_comments", "0003_next");
		assertThat(forge().status().inState(MigrationState.APPLIED)).hasSize(3);
	}

	@Test
	void aFileWithOnlyADownSectionIsAnError() {
		this.folder.write("0001_undo.sql", "-- Down\nDROP TABLE projects;\n");

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> forge().apply())
			.withMessageContaining("0001_undo.sql:1:")
			.withMessageContaining("'-- Down' without '-- Up'");
		assertThat(historyExists()).isFalse();
	}

	// 4. SQL PostgreSQL rejects

	@Test
	void aSyntaxErrorInTheMiddleOfAFileLeavesNothingOfItAndNamesFileAndLine() {
		this.folder.write("0001_three.sql", "CREATE TABLE first (id int);\n\nCREATE TABLE second (id int,, name text);\n"
				+ "CREATE TABLE third (id int);\n");

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().apply())
			.satisfies((ex) -> {
				assertThat(ex.migration()).isEqualTo("0001_three");
				assertThat(ex.line()).isEqualTo(3);
				assertThat(ex.sqlState()).isEqualTo("42601");
			})
			.withMessageContaining("0001_three.sql, line 3")
			.withMessageContaining("syntax error")
			.withMessageContaining("rolled back and nothing was recorded");
		assertThat(this.database.tableExists("first")).as("rolled back with the file's transaction").isFalse();
		assertThat(this.database.tableExists("third")).isFalse();
		assertThat(this.database.value("SELECT count(*) FROM forge_migrations")).isEqualTo(0L);
	}

	// 5. the history table edited by hand

	@Test
	void aDeletedHistoryRowMakesTheFilePendingAndApplyRunsItAgain() {
		this.folder.write("0001_projects.sql", "CREATE TABLE projects (id int);\n");
		forge().apply();
		this.database.execute("DELETE FROM forge_migrations WHERE name = '0001_projects'");

		assertThat(forge().status().inState(MigrationState.PENDING)).extracting(MigrationInfo::name)
			.containsExactly("0001_projects");
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().apply())
			.withMessageContaining("0001_projects.sql, line 1")
			.withMessageContaining("relation \"projects\" already exists");
		assertThat(this.database.value("SELECT count(*) FROM forge_migrations")).isEqualTo(0L);
	}

	@Test
	void aChecksumChangedInTheHistoryIsAMismatchThatRepairAccepts() {
		this.folder.write("0001_projects.sql", "CREATE TABLE projects (id int);\n");
		forge().apply();
		this.database.execute("UPDATE forge_migrations SET checksum = 'edited' WHERE name = '0001_projects'");
		this.folder.write("0002_next.sql", "CREATE TABLE next (id int);\n");

		assertThatExceptionOfType(ChecksumMismatchException.class).isThrownBy(() -> forge().apply())
			.withMessageContaining("0001_projects.sql")
			.satisfies((ex) -> assertThat(ex.migrations()).containsExactly("0001_projects"));
		assertThat(forge().status().inState(MigrationState.CHECKSUM_MISMATCH)).extracting(MigrationInfo::name)
			.containsExactly("0001_projects");
		assertThat(this.database.tableExists("next")).isFalse();

		assertThat(forge().repair().checksumsAccepted()).containsExactly("0001_projects");
		assertThat(forge().apply().applied()).extracting(MigrationExecution::name).containsExactly("0002_next");
	}

	@Test
	void anUnknownHistoryRowIsAMissingFileAndApplyStillRunsThePendingOnes() {
		this.folder.write("0001_projects.sql", "CREATE TABLE projects (id int);\n");
		forge().apply();
		this.database.execute("INSERT INTO forge_migrations (name, checksum, execution_ms, applied_by)"
				+ " VALUES ('0000_ghost', 'abc', 1, 'someone@elsewhere')");
		this.folder.write("0002_next.sql", "CREATE TABLE next (id int);\n");

		assertThat(forge().status().inState(MigrationState.MISSING_FILE)).extracting(MigrationInfo::name)
			.containsExactly("0000_ghost");
		ApplyResult result = forge().apply();

		assertThat(result.applied()).extracting(MigrationExecution::name).containsExactly("0002_next");
		assertThat(result.warnings()).anySatisfy((warning) -> assertThat(warning).contains("Missing file: 0000_ghost"));
		assertThat(this.database.tableExists("next")).isTrue();
	}

	// 6. a schema that does not exist

	@Test
	void aMissingSchemaIsCreatedWithTheHistoryTable() {
		this.folder.write("0001_projects.sql", "CREATE TABLE projects (id int);\n");

		configure().schema("nope").load().apply();

		assertThat(this.database.column("SELECT name FROM nope.forge_migrations")).containsExactly("0001_projects");
		assertThat(this.database.tableExists("public.projects")).as("migrations still run in the search path").isTrue();
	}

	// 7. no privilege to create the history table

	@Test
	void aRoleThatMayNotCreateTheHistoryTableGetsAnErrorNamingTableSchemaAndPrivilege() {
		this.folder.write("0001_projects.sql", "CREATE TABLE projects (id int);\n");
		String role = "forge_bad_input_" + ProcessHandle.current().pid();
		// the test database's public schema is recreated without PostgreSQL's default grants
		this.database.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
		this.database.execute("GRANT USAGE ON SCHEMA public TO PUBLIC");
		this.database.execute("DROP ROLE IF EXISTS " + role);
		this.database.execute("CREATE ROLE " + role + " LOGIN");
		try {
			Forge limited = Forge.configure().dataSource(dataSourceAs(role)).locations(this.folder.location()).load();

			assertThatExceptionOfType(ForgeException.class).isThrownBy(limited::apply)
				.withMessageContaining("history table [public.forge_migrations]")
				.withMessageContaining("role [" + role + "] lacks the CREATE privilege on schema [public]")
				.withMessageContaining("GRANT CREATE ON SCHEMA public TO " + role);
			assertThat(historyExists()).isFalse();

			Forge elsewhere = Forge.configure()
				.dataSource(dataSourceAs(role))
				.locations(this.folder.location())
				.schema("nope")
				.load();
			assertThatExceptionOfType(ForgeException.class).isThrownBy(elsewhere::apply)
				.withMessageContaining("history table [nope.forge_migrations]")
				.withMessageContaining("CREATE privilege on database [" + this.database.name()
						+ "], needed to create the missing schema [nope]");
			assertThat(this.database.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'nope'"))
				.as("nothing half-done").isEqualTo(0L);
		}
		finally {
			this.database.execute("DROP ROLE " + role);
		}
	}

	private PGSimpleDataSource dataSourceAs(String role) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(this.database.jdbcUrl());
		dataSource.setUser(role);
		return dataSource;
	}

	// 8. the connection killed mid-run

	@Test
	void aConnectionKilledMidMigrationRecordsNothingAndTheNextApplyRunsItAgain() throws Exception {
		this.folder.write("0001_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(3);\n");
		Forge forge = configure().nodeName("bad-input-node").load();

		CompletableFuture<ApplyResult> run = CompletableFuture.supplyAsync(forge::apply);
		Object terminated = null;
		for (int attempt = 0; attempt < 100 && !Boolean.TRUE.equals(terminated); attempt++) {
			Thread.sleep(50);
			terminated = this.database.value("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
					+ " WHERE application_name = 'bad-input-node' AND query LIKE '%pg_sleep%'");
		}

		assertThat(terminated).isEqualTo(Boolean.TRUE);
		assertThat(run).failsWithin(10, TimeUnit.SECONDS)
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOf(MigrationFailedException.class)
			.withMessageContaining("0001_slow.sql, line 2")
			.withMessageContaining("terminating connection due to administrator command")
			.withMessageContaining("nothing was recorded");
		assertThat(this.database.value("SELECT count(*) FROM forge_migrations")).isEqualTo(0L);
		assertThat(this.database.tableExists("slow")).isFalse();

		assertThat(forge().apply().applied()).extracting(MigrationExecution::name).containsExactly("0001_slow");
		assertThat(this.database.tableExists("slow")).isTrue();
	}

	// 9. standard_conforming_strings

	@Test
	void aFileThatTurnsOffStandardConformingStringsIsRefusedAtTheSet() {
		this.folder.write("0001_ok.sql", "CREATE TABLE ok (id int);\n")
			.write("0002_quotes.sql", "-- Up\nSET standard_conforming_strings = off;\nSELECT 'it\\'s';\n");

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> forge().apply())
			.withMessageContaining("0002_quotes.sql:2:")
			.withMessageContaining("'SET standard_conforming_strings = off' is not supported")
			.withMessageContaining("E'...'");
		assertThat(this.database.tableExists("ok")).isFalse();
		assertThat(historyExists()).isFalse();
	}

	@Test
	void aFileThatTurnsOffStandardConformingStringsThroughSetConfigOrPgSettingsIsRefusedAtThatStatement() {
		this.folder.write("0001_ok.sql", "CREATE TABLE ok (id int);\n");
		String[] ways = { "SELECT set_config('standard_conforming_strings', 'off', false);",
				"SELECT set_config('standard_conforming_strings', 'off', true);",
				"select SET_CONFIG('Standard_Conforming_Strings', 'false', false);",
				"UPDATE pg_settings SET setting = 'off' WHERE name = 'standard_conforming_strings';",
				"UPDATE pg_settings\n   SET setting = 'off'\n WHERE name = 'standard_conforming_strings';" };
		for (String way : ways) {
			this.folder.write("0002_quotes.sql", "-- Up\nCREATE TABLE quotes (q text);\n" + way
					+ "\nINSERT INTO quotes VALUES ('it\\'s; DROP TABLE ok; --');\n");

			assertThatExceptionOfType(MigrationFileException.class).as(way)
				.isThrownBy(() -> forge().apply())
				.withMessageContaining("0002_quotes.sql:3:")
				.withMessageContaining("is not supported: after it PostgreSQL reads a backslash in a '...' string as an"
						+ " escape")
				.withMessageContaining("E'...'")
				.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3));
			assertThat(this.database.tableExists("ok")).isFalse();
			assertThat(historyExists()).isFalse();
		}
	}

	@Test
	void setConfigOfOtherSettingsOrValuesStillRuns() {
		this.folder.write("0001_settings.sql", "SELECT set_config('standard_conforming_strings', 'on', false);\n"
				+ "SELECT set_config('application_name', 'off', false);\n"
				+ "CREATE TABLE quotes (q text);\nINSERT INTO quotes VALUES ('it''s');\n");

		forge().apply();

		assertThat(this.database.column("SELECT q FROM quotes")).containsExactly("it's");
	}

	// 10. no USAGE on the history table's schema

	@Test
	void aRoleWithoutUsageOnTheHistorySchemaGetsAnErrorNamingSchemaTableAndGrant() {
		this.folder.write("0001_projects.sql", "CREATE TABLE projects (id int);\n");
		configure().schema("forge_history").load().apply();
		String role = "forge_no_usage_" + ProcessHandle.current().pid();
		this.database.execute("DROP ROLE IF EXISTS " + role);
		this.database.execute("CREATE ROLE " + role + " LOGIN");
		// the role owns the table, but a new schema grants USAGE to nobody but its owner
		this.database.execute("ALTER TABLE forge_history.forge_migrations OWNER TO " + role);
		try {
			Forge limited = Forge.configure()
				.dataSource(dataSourceAs(role))
				.locations(this.folder.location())
				.schema("forge_history")
				.load();

			for (ThrowingCallable call : List.<ThrowingCallable>of(limited::status, limited::apply, limited::plan)) {
				assertThatExceptionOfType(ForgeException.class).isThrownBy(call)
					.withMessageContaining("history table [forge_history.forge_migrations]")
					.withMessageContaining("role [" + role + "] lacks the USAGE privilege on schema [forge_history]")
					.withMessageContaining("permission denied for schema forge_history")
					.withMessageContaining("GRANT USAGE ON SCHEMA forge_history TO " + role);
			}

			this.database.execute("GRANT USAGE ON SCHEMA forge_history TO " + role);
			assertThat(limited.status().migrations()).extracting(MigrationInfo::state)
				.containsExactly(MigrationState.APPLIED);
		}
		finally {
			this.database.execute("DROP OWNED BY " + role);
			this.database.execute("DROP ROLE " + role);
		}
	}

}
