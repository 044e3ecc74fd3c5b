package dev.forge.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.forge.testsupport.MigrationFolder;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ApplyIT extends EngineTestSupport {

	ApplyIT(TestDatabase database) {
		super(database);
	}

	private Forge forge() {
		return configure().load();
	}

	@Test
	void appliesPendingMigrationsInFileNameOrderAndRecordsEach() {
		this.folder.write("0002_add_users.sql", "CREATE TABLE users (id uuid PRIMARY KEY);\n")
			.write("0001_initial.sql", "CREATE TABLE projects (id uuid PRIMARY KEY, name text NOT NULL);\n")
			.write("0003_link.sql", "ALTER TABLE projects ADD COLUMN owner_id uuid REFERENCES users (id);\n");

		ApplyResult result = forge().apply();

		assertThat(result.applied()).extracting(MigrationExecution::name)
			.containsExactly("0001_initial", "0002_add_users", "0003_link");
		assertThat(this.database.column("SELECT name FROM forge_migrations ORDER BY applied_at"))
			.containsExactly("0001_initial", "0002_add_users", "0003_link");
		assertThat(this.database.columnNames("projects")).containsExactly("id", "name", "owner_id");
		Map<String, Object> row = this.database.query("SELECT * FROM forge_migrations WHERE name = '0001_initial'")
			.get(0);
		assertThat((String) row.get("checksum")).hasSize(64);
		assertThat((String) row.get("applied_by")).startsWith("postgres@");
		assertThat(row.get("success")).isEqualTo(true);
		assertThat((Long) row.get("execution_ms")).isNotNegative();
	}

	@Test
	void aSecondApplyIsANoOp() {
		this.folder.write("0001_initial.sql", "CREATE TABLE projects (id uuid PRIMARY KEY);");
		forge().apply();

		ApplyResult again = forge().apply();

		assertThat(again.applied()).isEmpty();
		assertThat(this.database.value("SELECT count(*) FROM forge_migrations")).isEqualTo(1L);
	}

	@Test
	void aFailingStatementNamesFileLineAndMessageRollsBackAndStops() {
		this.folder.write("0001_projects.sql", "CREATE TABLE projects (id uuid PRIMARY KEY, priority INTEGER);\n")
			.write("0002_priority.sql", "-- Up\nCREATE TABLE audit (id int);\n\nALTER TABLE projects ADD COLUMN priority"
					+ " VARCHAR(50);\n-- Down\nALTER TABLE projects DROP COLUMN priority;\n")
			.write("0003_later.sql", "CREATE TABLE later (id int);\n");

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().apply())
			.satisfies((ex) -> {
				assertThat(ex.migration()).isEqualTo("0002_priority");
				assertThat(ex.line()).isEqualTo(4);
				assertThat(ex.sqlState()).isEqualTo("42701");
			})
			.withMessageContaining("0002_priority.sql, line 4")
			.withMessageContaining("column \"priority\" of relation \"projects\" already exists")
			.withMessageContaining("ALTER TABLE projects ADD COLUMN priority VARCHAR(50)")
			.withMessageContaining("rolled back and nothing was recorded");
		assertThat(this.database.column("SELECT name FROM forge_migrations")).containsExactly("0001_projects");
		assertThat(this.database.tableExists("audit")).as("rolled back with its transaction").isFalse();
		assertThat(this.database.tableExists("later")).as("later migrations do not run").isFalse();
	}

	@Test
	void aFailedRunNamesTheMigrationsItAppliedBeforeTheFailure() {
		this.folder.write("0001_projects.sql", "CREATE TABLE projects (id int);\n")
			.write("0002_users.sql", "CREATE TABLE users (id int);\n")
			.write("0003_tasks.sql", "CREATE TABLE tasks (id int);\n")
			.write("0004_broken.sql", "ALTER TABLE nope ADD COLUMN x int;\n")
			.write("0005_later.sql", "CREATE TABLE later (id int);\n");

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().apply())
			.satisfies((ex) -> {
				assertThat(ex.migration()).isEqualTo("0004_broken");
				assertThat(ex.completed()).extracting(MigrationExecution::name)
					.containsExactly("0001_projects", "0002_users", "0003_tasks");
				assertThat(ex.completed()).isUnmodifiable();
			})
			.withMessageStartingWith("Migration 0004_broken failed in its Up section at ");
		assertThat(this.database.column("SELECT name FROM forge_migrations ORDER BY applied_at"))
			.containsExactly("0001_projects", "0002_users", "0003_tasks");
	}

	@Test
	void anErrorBeforeAnythingRunsNamesNoCompletedMigration() {
		this.folder.write("0001_broken.sql", "ALTER TABLE nope ADD COLUMN x int;\n");

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().apply())
			.satisfies((ex) -> assertThat(ex.completed()).isEmpty());
		assertThat(new ForgeException("any").completed()).isEmpty();
	}

	@Test
	void theLineOfAnErrorInsideAMultiLineStatementIsThatOfTheFailingToken() {
		this.folder.write("0001_bad.sql", "-- Up\nCREATE TABLE t (\n  id int,\n  name txet\n);\n");

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().apply())
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(4))
			.withMessageContaining("type \"txet\" does not exist");
	}

	@Test
	void aFailingStatementIsQuotedWithItsLineBreaksAndCommentsOnLinesOfTheirOwn() {
		this.folder.write("0001_bad.sql", "-- Up\nCREATE TABLE t (\n    id int, -- the key\n    name txet\n);\n");

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().apply())
			.withMessageContaining("type \"txet\" does not exist")
			.withMessageContaining("\n  Statement: CREATE TABLE t (\n"
					+ "                 id int, -- the key\n"
					+ "                 name txet\n"
					+ "             )\n"
					+ "Its transaction was rolled back");
	}

	@Test
	void aLongFailingStatementIsQuotedUpToItsTwentiethLine() {
		StringBuilder select = new StringBuilder("SELECT\n");
		for (int i = 1; i <= 30; i++) {
			select.append("  ").append(i).append(" AS c").append(i).append(",\n");
		}
		this.folder.write("0001_long.sql", select + "  nope\nFROM pg_class;\n");

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().apply())
			.withMessageContaining("column \"nope\" does not exist")
			.withMessageContaining("\n  Statement: SELECT\n               1 AS c1,\n")
			.withMessageContaining("\n               19 AS c19,\n             ...\nIts transaction")
			.withMessageNotContaining("c20");
	}

	/** With markers the catalog finds the error; without, planning does: both before anything runs. */
	@ParameterizedTest
	@ValueSource(strings = { "-- Up\n", "" })
	void anInvalidFileStopsApplyBeforeAnythingRuns(String header) {
		this.folder.write("0001_ok.sql", "CREATE TABLE ok (id int);")
			.write("0002_broken.sql", header + "INSERT INTO ok VALUES (1);\nSELECT 'unterminated;\n");

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> forge().apply())
			.withMessageContaining("0002_broken.sql:" + (header.isEmpty() ? 2 : 3))
			.withMessageContaining("Unterminated string");
		assertThat(this.database.tableExists("ok")).isFalse();
	}

	@Test
	void aDirectoryNamedLikeAMigrationIsAnErrorThatNamesIt() throws Exception {
		this.folder.write("0001_ok.sql", "CREATE TABLE ok (id int);");
		Files.createDirectory(this.folder.directory().resolve("0002_folder.sql"));

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> forge().apply())
			.withMessageEndingWith("0002_folder.sql: is a directory; a migration must be a file");
		assertThat(this.database.tableExists("ok")).isFalse();
	}

	@Test
	void anInvalidFileIsReportedBeforeADatabaseThatCannotBeReached() {
		this.folder.write("0001_broken.sql", "-- Up\nSELECT 'unterminated;\n");

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> onUnreachableDatabase().apply())
			.withMessageContaining("0001_broken.sql:2");
	}

	@Test
	void aDatabaseThatCannotBeReachedIsReportedWhenTheFilesAreValid() {
		this.folder.write("0001_ok.sql", "CREATE TABLE ok (id int);");

		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> onUnreachableDatabase().apply())
			.isNotInstanceOf(MigrationFileException.class)
			.withMessageStartingWith("Database error: ");
	}

	private Forge onUnreachableDatabase() {
		PGSimpleDataSource unreachable = new PGSimpleDataSource();
		unreachable.setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");
		return Forge.configure().dataSource(unreachable).locations(this.folder.location()).load();
	}

	@Test
	void aCommitInsideAFileStopsApplyBeforeAnythingRuns() {
		this.folder.write("0001_ok.sql", "CREATE TABLE ok (id int);")
			.write("0002_commits.sql", "CREATE TABLE a (id int);\nCOMMIT;\nCREATE TABLE b (id int);\n");

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> forge().apply())
			.withMessageContaining("0002_commits.sql:2: 'COMMIT' controls the transaction");
		assertThat(this.database.tableExists("ok")).isFalse();
		assertThat(this.database.tableExists("a")).isFalse();
	}

	@Test
	void aBadlyNamedFileIsAnErrorThatNamesIt() {
		this.folder.write("0001_ok.sql", "CREATE TABLE ok (id int);").write("V2__flyway_style.sql", "SELECT 1;");

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> forge().apply())
			.withMessageContaining("V2__flyway_style.sql")
			.withMessageContaining("NNNN_slug.sql");
		assertThat(this.database.tableExists("ok")).isFalse();
	}

	@Test
	void theSameFileInTwoLocationsIsOneMigration(@TempDir Path copy) {
		this.folder.write("0001_initial.sql", "CREATE TABLE projects (id int);");
		new MigrationFolder(copy).write("0001_initial.sql", "CREATE TABLE projects (id int);")
			.write("0002_more.sql", "CREATE TABLE more (id int);");

		ApplyResult result = configure().locations("filesystem:" + copy).load().apply();

		assertThat(result.applied()).extracting(MigrationExecution::name).containsExactly("0001_initial", "0002_more");
		assertThat(this.database.value("SELECT count(*) FROM forge_migrations")).isEqualTo(2L);
	}

	@Test
	void twoDifferentFilesOfOneNameAreAnErrorNamingBoth(@TempDir Path other) {
		this.folder.write("0001_initial.sql", "CREATE TABLE projects (id int);");
		new MigrationFolder(other).write("0001_initial.sql", "CREATE TABLE projects (id bigint);");

		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> configure().locations("filesystem:" + other).load().apply())
			.withMessageContaining("0001_initial.sql")
			.withMessageContaining("different Up section")
			.withMessageContaining(other.toString())
			.withMessageContaining(this.folder.directory().toString());
		assertThat(this.database.tableExists("projects")).isFalse();
	}

	@Test
	void theHistoryTableLivesInTheConfiguredSchemaAndTable() {
		this.folder.write("0001_initial.sql", "CREATE TABLE projects (id int);");

		configure()
			.schema("ops")
			.table("schema_log")
			.load()
			.apply();

		assertThat(this.database.column("SELECT name FROM ops.schema_log")).containsExactly("0001_initial");
		assertThat(this.database.tableExists("public.forge_migrations")).isFalse();
	}

	@Test
	void migrationsAreReadFromTheClasspath() {
		Forge forge = Forge.configure()
			.dataSource(this.database.dataSource())
			.locations("classpath:dev/forge/core/classpath-migrations")
			.load();

		ApplyResult result = forge.apply();

		assertThat(result.applied()).extracting(MigrationExecution::name)
			.containsExactly("0001_create_projects", "0002_add_description");
		assertThat(this.database.columnNames("projects")).containsExactly("id", "name", "description");
		assertThat(forge.status().migrations()).extracting(MigrationInfo::location)
			.allSatisfy((location) -> assertThat(location).startsWith("classpath:dev/forge/core/classpath-migrations/"));
	}

	@Test
	void statementsWithSemicolonsInBodiesStringsAndIdentifiersRunWhole() {
		this.folder.write("0001_tricky.sql", """
				-- Up
				CREATE TABLE "odd;name" (id int, note text);
				INSERT INTO "odd;name" VALUES (1, 'a;b'), (2, E'it\\'s;');
				CREATE FUNCTION add_one(i int) RETURNS int AS $body$
				BEGIN
				  RETURN i + 1; -- a comment; with a semicolon
				END;
				$body$ LANGUAGE plpgsql;
				/* a /* nested */ comment; */
				-- Down
				DROP FUNCTION add_one(int);
				DROP TABLE "odd;name";
				""");

		forge().apply();

		assertThat(this.database.value("SELECT add_one(41)")).isEqualTo(42);
		assertThat(this.database.column("SELECT note FROM \"odd;name\" ORDER BY id")).containsExactly("a;b", "it's;");
	}

	@Test
	void statusListsEveryMigrationWithItsState() {
		this.folder.write("0001_initial.sql", "CREATE TABLE projects (id int);");
		forge().apply();
		this.folder.write("0002_more.sql", "CREATE TABLE more (id int);");

		StatusReport status = forge().status();

		assertThat(status.migrations()).extracting(MigrationInfo::name, MigrationInfo::state)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("0001_initial", MigrationState.APPLIED),
					org.assertj.core.groups.Tuple.tuple("0002_more", MigrationState.PENDING));
		assertThat(status.counts()).containsEntry(MigrationState.APPLIED, 1).containsEntry(MigrationState.PENDING, 1);
		assertThat(status.lockHolder()).isNull();
	}

	@Test
	void statusOnAnEmptyDatabaseCreatesNothing() {
		this.folder.write("0001_initial.sql", "CREATE TABLE projects (id int);");

		StatusReport status = forge().status();

		assertThat(status.inState(MigrationState.PENDING)).hasSize(1);
		assertThat(this.database.tableExists("forge_migrations")).isFalse();
	}

	@Test
	void filesAreReadOnThreadsOfForgesOwnThatEndWithTheRun() throws Exception {
		Set<Thread> readers = ConcurrentHashMap.newKeySet();
		List<MigrationResource> resources = new ArrayList<>();
		for (int i = 1; i <= 40; i++) {
			resources.add(new RecordingResource(String.format("%04d_select_%d.sql", i, i), new AtomicBoolean(),
					readers));
		}

		ApplyResult result = Forge.configure()
			.dataSource(this.database.dataSource())
			.migrationSource(() -> resources)
			.load()
			.apply();

		assertThat(result.applied()).hasSize(40);
		assertThat(readers).isNotEmpty()
			.hasSizeLessThanOrEqualTo(Runtime.getRuntime().availableProcessors())
			.allSatisfy((thread) -> {
				assertThat(thread).isNotInstanceOf(ForkJoinWorkerThread.class);
				assertThat(thread.getName()).matches("forge-catalog-\\d+");
				assertThat(thread.isDaemon()).isTrue();
			});
		for (Thread reader : readers) {
			reader.join(5000);
			assertThat(reader.isAlive()).as("%s ended with the run", reader.getName()).isFalse();
		}
	}

	/**
	 * A file whose reads take a moment and whose first read, the catalog's, notes the thread
	 * it runs on (the file is read again when it is planned and applied).
	 */
	private record RecordingResource(String fileName, AtomicBoolean wasRead, Set<Thread> readers)
			implements MigrationResource {

		@Override
		public String location() {
			return "memory:" + this.fileName;
		}

		@Override
		public String read() {
			if (!this.wasRead.getAndSet(true)) {
				this.readers.add(Thread.currentThread());
			}
			try {
				Thread.sleep(2);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return "SELECT 1;\n";
		}

	}

	@Test
	void anEmptyFolderAppliesNothing() {
		ApplyResult result = forge().apply();

		assertThat(result.applied()).isEmpty();
		assertThat(List.of(result.warnings())).isNotNull();
	}

}
