package dev.forge.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.forge.core.sample.Project;
import dev.forge.core.sample.User;
import dev.forge.testsupport.TestDatabase;
import dev.forge.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BaselineIT extends EngineTestSupport {

	/** Dumps a PostgreSQL 14 server as well as its own; the embedded server has no pg_dump. */
	/** Debian's PostgreSQL 15 client, where the machine has it; it dumps servers up to 15. */
	private static final Path PG_DUMP = Path.of("/usr/lib/postgresql/15/bin/pg_dump");

	private static final int PG_DUMP_VERSION_NUM = 159999;

	BaselineIT(TestDatabase database) {
		super(database);
	}

	private Forge forge(Class<?>... models) {
		return configure().outputDirectory(this.folder.directory()).models(models).load();
	}

	@Test
	void aBaselineOfFiftyKratosMigrationsRecreatesTheSameSchemaOnAnEmptyDatabase() throws Exception {
		List<Path> kratos = kratosMigrations();
		for (Path file : kratos) {
			this.database.execute(Files.readString(file));
		}
		this.database.execute(resource("baseline/catalog-objects.sql"));

		BaselineResult result = forge().baseline("baseline");

		assertThat(kratos).hasSize(50);
		String content = Files.readString(result.file());
		assertThat(result.file().getFileName().toString()).matches("0001_\\d{8}_\\d{6}_baseline\\.sql");
		assertThat(result.notWritten()).containsExactly("row-level security of deliveries",
				"row-level security policy deliveries_own on deliveries");
		assertThat(content).contains("--   - row-level security policy deliveries_own on deliveries")
			.contains("\n-- Up\n")
			.contains("\n-- Down\n")
			.contains("CREATE TABLE identities (")
			.contains("CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;")
			.contains("CREATE TYPE delivery_state AS ENUM ('queued', 'sent', 'abandoned');")
			.contains("CREATE OR REPLACE FUNCTION public.touch_updated_at()")
			.contains("CREATE MATERIALIZED VIEW delivery_counts AS")
			.contains("DROP VIEW IF EXISTS oldest_queued_delivery;\nDROP VIEW IF EXISTS queued_deliveries;");
		assertThat(content.indexOf("CREATE VIEW queued_deliveries"))
			.isLessThan(content.indexOf("CREATE VIEW oldest_queued_delivery"));
		assertThat(forge().status().migrations()).singleElement().satisfies((migration) -> {
			assertThat(migration.name()).isEqualTo(result.name());
			assertThat(migration.state()).isEqualTo(MigrationState.APPLIED);
		});
		assertThat(this.database.value("SELECT note FROM forge_migrations")).asString().contains("baseline");
		assertThat(forge().apply().applied()).isEmpty();

		try (TestDatabase empty = TestPostgres.server().createDatabase("BaselineTarget")) {
			empty.reset();
			Forge target = Forge.configure().dataSource(empty.dataSource()).locations(this.folder.location()).load();
			assertThat(target.apply().applied()).hasSize(1);
			// what the file names as not written is the one difference
			this.database.execute("DROP POLICY deliveries_own ON deliveries;"
					+ " ALTER TABLE deliveries DISABLE ROW LEVEL SECURITY");
			assertThat(catalog(empty)).hasSizeGreaterThan(250).isEqualTo(catalog(this.database));
			if (Files.isExecutable(PG_DUMP) && serverVersionNum(this.database) <= PG_DUMP_VERSION_NUM) {
				String dumped = schemaDump(this.database);
				assertThat(dumped).contains("CREATE TABLE public.identities");
				assertThat(schemaDump(empty)).isEqualTo(dumped);
			}
		}
	}

	@Test
	void afterABaselineCheckFindsNothingAndGenerateWritesOnlyTheModelsDifferences() throws Exception {
		this.database.execute("""
				CREATE TABLE users (id uuid PRIMARY KEY, email text NOT NULL CONSTRAINT users_email_key UNIQUE);
				CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(200) NOT NULL,
					owner_id uuid NOT NULL CONSTRAINT projects_owner_id_fkey REFERENCES users (id),
					created_at timestamptz NOT NULL);
				CREATE INDEX projects_created_at_idx ON projects (created_at);
				""");

		forge(User.class, Project.class).baseline("baseline");

		assertThat(forge(User.class, Project.class).check().changes()).singleElement()
			.satisfies((change) -> assertThat(change.describe()).contains("projects.description"));
		GenerationResult generated = forge(User.class, Project.class).generate("add description");
		assertThat(generated.files()).singleElement()
			.satisfies((file) -> assertThat(Files.readString(file)).contains("0002_")
				.contains("-- Up\nALTER TABLE projects ADD COLUMN description TEXT;\n"));
		forge(User.class, Project.class).apply();
		assertThat(forge(User.class, Project.class).check().isEmpty()).isTrue();
	}

	@Test
	void refusesWhenTheHistoryHasRows() throws Exception {
		this.database.execute("CREATE TABLE things (id int PRIMARY KEY)");
		this.folder.write("0001_things.sql", "CREATE TABLE more_things (id int PRIMARY KEY);");
		forge().apply();
		Files.delete(this.folder.directory().resolve("0001_things.sql"));

		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge().baseline("baseline"))
			.withMessageContaining("forge_migrations already has 1 row (first: 0001_things)")
			.withMessageContaining("Nothing was written or recorded");
		assertThat(files()).isEmpty();
		assertThat(this.database.column("SELECT name FROM forge_migrations")).containsExactly("0001_things");
	}

	@Test
	void refusesAnEmptySchema() throws Exception {
		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge().baseline("baseline"))
			.withMessageContaining("schema public holds no table or view")
			.withMessageContaining("Nothing was written or recorded");
		assertThat(files()).isEmpty();
		assertThat(this.database.tableExists("forge_migrations")).isFalse();
	}

	@Test
	void refusesWhileMigrationFilesExist() throws Exception {
		this.database.execute("CREATE TABLE things (id int PRIMARY KEY)");
		this.folder.write("0001_more_things.sql", "CREATE TABLE more_things (id int PRIMARY KEY);");

		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge().baseline("baseline"))
			.withMessageContaining("while migration files exist: 0001_more_things")
			.withMessageContaining("Nothing was written");
		assertThat(files()).containsExactly("0001_more_things.sql");
		assertThat(this.database.tableExists("forge_migrations")).isFalse();
	}

	private List<String> files() throws IOException {
		try (Stream<Path> files = Files.list(this.folder.directory())) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	private static List<Path> kratosMigrations() throws IOException, URISyntaxException {
		Path folder = Path.of(BaselineIT.class.getClassLoader().getResource("dev/forge/core/internal/safety/corpus/kratos").toURI());
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.toString().endsWith(".up.sql")).sorted().toList();
		}
	}

	private static String resource(String name) throws IOException {
		try (InputStream input = BaselineIT.class.getClassLoader().getResourceAsStream(name)) {
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/**
	 * Every object of schema {@code public} as the catalog defines it, one sorted line each:
	 * columns in order with type, nullability, default, identity and generation; constraints,
	 * indexes, views, functions, triggers, types, sequences and comments.
	 */
	private static List<Object> catalog(TestDatabase database) {
		return database.column("""
				SELECT line FROM (
					SELECT 'column ' || c.relname || ' #' || row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum)
						|| ' ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' notnull=' || a.attnotnull
						|| ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' identity=' || a.attidentity::text
						|| ' generated=' || a.attgenerated::text || ' kind=' || c.relkind::text AS line
					FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
					LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
					WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
						AND c.relkind IN ('r', 'p', 'v', 'm', 'c')
					UNION ALL
					SELECT 'constraint ' || coalesce(conrelid::regclass::text, contypid::regtype::text) || ' ' || conname
						|| ' ' || pg_get_constraintdef(oid) || ' valid=' || convalidated
					-- PostgreSQL 18 lists NOT NULL as constraints named after the table they were created
					-- with; attnotnull above compares nullability, the names carry no schema
					FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'n'
					UNION ALL
					SELECT 'index ' || pg_get_indexdef(indexrelid) FROM pg_index JOIN pg_class c ON c.oid = indexrelid
					WHERE c.relnamespace = 'public'::regnamespace
					UNION ALL
					SELECT 'view ' || relname || ' ' || relkind::text || ' ' || pg_get_viewdef(oid, true) FROM pg_class
					WHERE relnamespace = 'public'::regnamespace AND relkind IN ('v', 'm')
					UNION ALL
					SELECT 'function ' || CASE WHEN prokind = 'a' THEN oid::regprocedure::text ELSE pg_get_functiondef(oid) END
					FROM pg_proc WHERE pronamespace = 'public'::regnamespace
					UNION ALL
					SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
					WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
					UNION ALL
					SELECT 'type ' || typname || ' ' || typtype::text || ' ' || coalesce(format_type(typbasetype, typtypmod), '')
						|| ' ' || coalesce((SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum
							WHERE enumtypid = pg_type.oid), '')
					FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typtype IN ('e', 'd', 'c', 'r')
						AND (typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = typrelid) = 'c')
					UNION ALL
					SELECT 'sequence ' || c.relname || ' ' || format_type(seqtypid, NULL) || ' ' || seqstart || ' '
						|| seqincrement || ' ' || seqmin || ' ' || seqmax || ' ' || seqcache || ' ' || seqcycle
					FROM pg_sequence JOIN pg_class c ON c.oid = seqrelid
					WHERE c.relnamespace = 'public'::regnamespace
					UNION ALL
					SELECT 'comment ' || c.relname || ' ' || objsubid || ' ' || description FROM pg_description
					JOIN pg_class c ON c.oid = objoid AND classoid = 'pg_class'::regclass
					WHERE c.relnamespace = 'public'::regnamespace
				) AS objects ORDER BY line""");
	}

	private static int serverVersionNum(TestDatabase database) {
		return Integer.parseInt(String.valueOf(database.column("SHOW server_version_num").get(0)));
	}

	/** {@code pg_dump --schema-only}, without comments, settings and blank lines. */
	private static String schemaDump(TestDatabase database) throws Exception {
		String url = database.jdbcUrl().replaceFirst("^jdbc:", "");
		Process process = new ProcessBuilder(PG_DUMP.toString(), "--schema-only", "--no-owner", "--dbname=" + url)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		StringBuilder normalised = new StringBuilder();
		for (String line : output.split("\n")) {
			// the restrict and unrestrict lines carry a random key of each run
			if (!line.isBlank() && !line.startsWith("--") && !line.startsWith("SET ")
					&& !line.startsWith("SELECT pg_catalog.set_config") && !line.startsWith("\\restrict")
					&& !line.startsWith("\\unrestrict")) {
				normalised.append(line).append('\n');
			}
		}
		return normalised.toString();
	}

}
