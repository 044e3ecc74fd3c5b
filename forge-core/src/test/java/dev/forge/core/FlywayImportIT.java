package dev.forge.core;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.forge.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FlywayImportIT extends EngineTestSupport {

	@TempDir
	Path flywayFolder;

	FlywayImportIT(TestDatabase database) {
		super(database);
	}

	private Forge forge() {
		return configure().outputDirectory(this.folder.directory()).load();
	}

	@Test
	void importsThirtyFlywayMigrationsAsAppliedWithoutRunningThemOrTouchingFlywaysTable() throws Exception {
		writeFlywayFiles(30);
		// Flyway's checksum ignores line endings and a byte order mark: so must the import's
		Path crlf = flywayFile(7);
		Files.writeString(crlf, Files.readString(crlf).replace("\n", "\r\n"));
		Path bom = flywayFile(8);
		Files.writeString(bom, "\uFEFF" + Files.readString(bom));
		Files.writeString(this.flywayFolder.resolve("R__identity_count.sql"),
				"CREATE OR REPLACE VIEW identity_count AS SELECT count(*) AS identities FROM identities;\n");
		Flyway.configure()
			.dataSource(this.database.dataSource())
			.locations("filesystem:" + this.flywayFolder)
			.javaMigrations(new V31__Index_identity_traits())
			.load()
			.migrate();
		List<Map<String, Object>> flywayRows = flywayHistory();

		FlywayImportResult result = forge().importFlyway(List.of("filesystem:" + this.flywayFolder));

		assertThat(result.files()).hasSize(30);
		assertThat(result.files().get(0).getFileName().toString()).isEqualTo("0001_networks.sql");
		assertThat(result.files().get(29).getFileName().toString()).startsWith("0030_");
		assertThat(result.notImported()).containsExactly(
				"V31 dev.forge.core.FlywayImportIT$V31__Index_identity_traits (JDBC)",
				"repeatable R__identity_count.sql");
		assertThat(result.message()).contains("Imported 30 Flyway migrations").contains("R__identity_count.sql");
		assertThat(Files.readString(result.files().get(0))).startsWith("-- Migration: 0001_networks\n")
			.contains("-- Imported from Flyway: V1__networks.sql (version 1, ")
			.contains("\n-- Up\n" + Files.readString(flywayFile(1)));
		StatusReport status = forge().status();
		assertThat(status.migrations()).hasSize(30)
			.allSatisfy((migration) -> assertThat(migration.state()).isEqualTo(MigrationState.APPLIED));
		assertThat(this.database.value("SELECT note FROM forge_migrations WHERE name = '0002_identities'"))
			.isEqualTo("imported from Flyway V2 (V2__identities.sql), recorded without running");
		assertThat(this.database.value("SELECT count(*) FROM forge_migrations f JOIN flyway_schema_history h"
				+ " ON h.version::int = split_part(f.name, '_', 1)::int WHERE f.applied_at = h.installed_on::timestamptz"))
			.isEqualTo(30L);
		assertThat(forge().apply().applied()).isEmpty();
		this.folder.write("0031_add_identity_nickname.sql", "ALTER TABLE identities ADD COLUMN nickname text;");
		assertThat(forge().apply().applied()).extracting(MigrationExecution::name)
			.containsExactly("0031_add_identity_nickname");
		assertThat(this.database.columnNames("identities")).contains("nickname");
		assertThat(flywayHistory()).isEqualTo(flywayRows);
	}

	@Test
	void refusesWhenForgeHistoryHasRows() throws Exception {
		writeFlywayFiles(3);
		flyway().migrate();
		this.folder.write("0001_extra.sql", "CREATE TABLE extra (id int);");
		forge().apply();
		Files.delete(this.folder.directory().resolve("0001_extra.sql"));

		assertRefused("forge_migrations already has 1 row (first: 0001_extra)");
		assertThat(this.database.column("SELECT name FROM forge_migrations")).containsExactly("0001_extra");
	}

	@Test
	void refusesWhileForgeMigrationFilesExist() throws Exception {
		writeFlywayFiles(3);
		flyway().migrate();
		this.folder.write("0001_extra.sql", "CREATE TABLE extra (id int);");

		assertRefused("FORGE migration files exist already: 0001_extra");
	}

	@Test
	void refusesAFailedFlywayRow() throws Exception {
		writeFlywayFiles(3);
		flyway().migrate();
		this.database.execute("UPDATE flyway_schema_history SET success = false WHERE version = '2'");

		assertRefused("failed migration: installed_rank 2, version 2 (V2__identities.sql, type SQL)");
	}

	@Test
	void refusesUndoRows() throws Exception {
		writeFlywayFiles(3);
		flyway().migrate();
		this.database.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
				+ " checksum, installed_by, execution_time, success) VALUES (4, '3', 'identities', 'UNDO_SQL',"
				+ " 'U3__identities.sql', 1, 'postgres', 1, true)");

		assertRefused("has an undo: installed_rank 4, version 3 (U3__identities.sql, type UNDO_SQL)");
	}

	@Test
	void refusesAMissingFile() throws Exception {
		writeFlywayFiles(3);
		flyway().migrate();
		Files.delete(flywayFile(2));

		assertRefused("no file for Flyway's installed_rank 2, version 2 (V2__identities.sql, type SQL)");
	}

	@Test
	void refusesAFileEditedAfterFlywayAppliedIt() throws Exception {
		writeFlywayFiles(3);
		flyway().migrate();
		Files.writeString(flywayFile(3), "-- edited\n", java.nio.file.StandardOpenOption.APPEND);

		assertRefused("V3__identities.sql has the checksum");
		assertRefused("the file was edited after Flyway applied it");
	}

	@Test
	void refusesAFlywayBaselineAndSaysToUseMigrateBaseline() throws Exception {
		writeFlywayFiles(3);
		Flyway.configure()
			.dataSource(this.database.dataSource())
			.locations("filesystem:" + this.flywayFolder)
			.baselineVersion("1")
			.load()
			.baseline();
		flyway().migrate();

		assertRefused("starts from a Flyway baseline: installed_rank 1, version 1");
		assertRefused("use 'migrate baseline' on this database instead");
	}

	@Test
	void refusesADatabaseWithoutFlywayHistory() throws Exception {
		assertRefused("public.flyway_schema_history does not exist");
	}

	/** A Java migration, which the import lists as not imported. */
	static class V31__Index_identity_traits extends BaseJavaMigration {

		@Override
		public void migrate(Context context) throws Exception {
			try (Statement statement = context.getConnection().createStatement()) {
				statement.execute("CREATE INDEX identities_traits_idx ON identities (traits_schema_id)");
			}
		}

	}

	private void assertRefused(String message) throws IOException {
		List<Map<String, Object>> flywayRows = this.database.tableExists("flyway_schema_history") ? flywayHistory()
				: List.of();
		Object forgeRows = this.database.tableExists("forge_migrations")
				? this.database.column("SELECT name FROM forge_migrations") : List.of();
		List<String> files = files();
		assertThatExceptionOfType(ForgeException.class)
			.isThrownBy(() -> forge().importFlyway(List.of("filesystem:" + this.flywayFolder)))
			.withMessageStartingWith("Cannot import from Flyway: ")
			.withMessageContaining(message)
			.withMessageEndingWith("Nothing was written or recorded.");
		assertThat(files()).isEqualTo(files);
		assertThat(this.database.tableExists("forge_migrations")
				? this.database.column("SELECT name FROM forge_migrations") : List.of()).isEqualTo(forgeRows);
		if (this.database.tableExists("flyway_schema_history")) {
			assertThat(flywayHistory()).isEqualTo(flywayRows);
		}
	}

	private Flyway flyway() {
		return Flyway.configure()
			.dataSource(this.database.dataSource())
			.locations("filesystem:" + this.flywayFolder)
			.load();
	}

	private List<Map<String, Object>> flywayHistory() {
		return this.database.query("SELECT * FROM flyway_schema_history ORDER BY installed_rank");
	}

	private List<String> files() throws IOException {
		try (Stream<Path> files = Files.list(this.folder.directory())) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	/** Writes the first Kratos migrations as Flyway's {@code V<n>__<description>.sql}. */
	private void writeFlywayFiles(int count) throws IOException, URISyntaxException {
		Path kratos = Path.of(getClass().getClassLoader().getResource("dev/forge/core/internal/safety/corpus/kratos").toURI());
		List<Path> sources;
		try (Stream<Path> files = Files.list(kratos)) {
			sources = files.filter((file) -> file.toString().endsWith(".up.sql")).sorted().limit(count).toList();
		}
		for (int i = 0; i < sources.size(); i++) {
			String description = sources.get(i).getFileName().toString().replaceFirst("^\\d+_", "")
				.replace(".postgres.up.sql", "");
			Files.writeString(this.flywayFolder.resolve("V" + (i + 1) + "__" + description + ".sql"),
					Files.readString(sources.get(i)), StandardCharsets.UTF_8);
		}
	}

	private Path flywayFile(int version) throws IOException {
		try (Stream<Path> files = Files.list(this.flywayFolder)) {
			return files.filter((file) -> file.getFileName().toString().startsWith("V" + version + "__"))
				.findFirst()
				.orElseThrow();
		}
	}

}
