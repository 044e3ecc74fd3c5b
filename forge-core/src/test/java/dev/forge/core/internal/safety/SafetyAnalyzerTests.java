package dev.forge.core.internal.safety;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.forge.core.Finding;
import dev.forge.core.LockLevel;
import dev.forge.core.SafetyClass;
import dev.forge.core.TableImpact;
import dev.forge.core.internal.script.SqlSplitter;
import dev.forge.core.internal.script.SqlStatement;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.forge.core.LockLevel.ACCESS_EXCLUSIVE;
import static dev.forge.core.LockLevel.ACCESS_SHARE;
import static dev.forge.core.LockLevel.EXCLUSIVE;
import static dev.forge.core.LockLevel.ROW_EXCLUSIVE;
import static dev.forge.core.LockLevel.ROW_SHARE;
import static dev.forge.core.LockLevel.SHARE;
import static dev.forge.core.LockLevel.SHARE_ROW_EXCLUSIVE;
import static dev.forge.core.LockLevel.SHARE_UPDATE_EXCLUSIVE;
import static dev.forge.core.SafetyClass.BREAKING;
import static dev.forge.core.SafetyClass.DATA_LOSS;
import static dev.forge.core.SafetyClass.LONG_LOCK;
import static dev.forge.core.SafetyClass.NOT_ANALYSED;
import static dev.forge.core.SafetyClass.SAFE;
import static dev.forge.core.TableImpact.NONE;
import static dev.forge.core.TableImpact.REWRITE;
import static dev.forge.core.TableImpact.SCAN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus: SQL with the findings FORGE must give, covering what squawk, strong_migrations
 * and Atlas flag (the rule ids are in the case names) and where they are known to be wrong.
 */
class SafetyAnalyzerTests {

	private static final String VARCHAR_100 = "character varying(100)";

	static Stream<Case> corpus() {
		return Stream.of(indexes(), addColumn(), drops(), renames(), typeChanges(), notNullAndDefaults(),
				constraints(), spellings(), neverAnalysedAsDdl(), rows(), typesAndDomains(), maintenance(),
				partitionsAndTableOptions(), notAnalysed(), harmless(), newTables(), downSection(), endState(),
				earlierStatements(), misses())
			.flatMap(List::stream);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void corpusStatementGivesTheExpectedFindings(Case example) {
		SafetyAnalyzer analyzer = new SafetyAnalyzer(example.version, ColumnTypes.of(example.columnTypes));
		List<SqlStatement> statements = SqlSplitter.split(example.sql)
			.stream()
			.filter((statement) -> !statement.isEmpty())
			.toList();

		List<Finding> findings = analyzer.analyze(statements, example.section, example.transactional);

		assertThat(findings).as(() -> findings.stream().map(Finding::describe).reduce("", (a, b) -> a + "\n" + b))
			.extracting(Expected::of)
			.containsExactlyElementsOf(example.expected);
	}

	@Test
	void corpusHasAtLeastEightyStatements() {
		long statements = corpus().mapToLong((example) -> SqlSplitter.split(example.sql)
			.stream()
			.filter((statement) -> !statement.isEmpty())
			.count()).sum();
		assertThat(statements).isGreaterThanOrEqualTo(80);
	}

	// sq require-concurrent-index-creation, require-concurrent-index-deletion, require-concurrent-reindex;
	// sm add_index, remove_index; at PG101, PG102
	private static List<Case> indexes() {
		return List.of(
				sql("CREATE INDEX users_email_idx ON users (email)")
					.expect(LONG_LOCK, "CREATE INDEX", "users", SHARE, SCAN),
				sql("CREATE UNIQUE INDEX users_email_key ON users (email)")
					.expect(LONG_LOCK, "CREATE UNIQUE INDEX", "users", SHARE, SCAN),
				sql("CREATE INDEX CONCURRENTLY users_email_idx ON users (email)")
					.expect(SAFE, "CREATE INDEX CONCURRENTLY", "users", SHARE_UPDATE_EXCLUSIVE, SCAN),
				sql("create unique index concurrently if not exists users_email_key on public.users using btree"
						+ " (lower(email))")
					.expect(SAFE, "CREATE UNIQUE INDEX CONCURRENTLY", "public.users", SHARE_UPDATE_EXCLUSIVE, SCAN),
				sql("CREATE INDEX ON \"Users\" (\"Email\")").expect(LONG_LOCK, "CREATE INDEX", "Users", SHARE, SCAN),
				sql("CREATE INDEX measurements_day_idx ON ONLY measurements (logdate)")
					.expect(LONG_LOCK, "CREATE INDEX", "measurements", SHARE, SCAN),
				sql("DROP INDEX users_email_idx").expect(LONG_LOCK, "DROP INDEX", "users_email_idx", ACCESS_EXCLUSIVE,
						NONE),
				sql("DROP INDEX CONCURRENTLY IF EXISTS users_email_idx")
					.expect(SAFE, "DROP INDEX CONCURRENTLY", "users_email_idx", SHARE_UPDATE_EXCLUSIVE, NONE),
				sql("DROP INDEX a_idx, archive.b_idx CASCADE")
					.expect(LONG_LOCK, "DROP INDEX", "a_idx", ACCESS_EXCLUSIVE, NONE)
					.expect(LONG_LOCK, "DROP INDEX", "archive.b_idx", ACCESS_EXCLUSIVE, NONE),
				sql("REINDEX INDEX users_email_idx").expect(LONG_LOCK, "REINDEX", "users_email_idx", SHARE, SCAN),
				sql("REINDEX INDEX CONCURRENTLY users_email_idx")
					.expect(SAFE, "REINDEX CONCURRENTLY", "users_email_idx", SHARE_UPDATE_EXCLUSIVE, SCAN),
				sql("ALTER INDEX users_email_idx RENAME TO users_mail_idx")
					.expect(SAFE, "RENAME INDEX", "users_email_idx \u2192 users_mail_idx", SHARE_UPDATE_EXCLUSIVE,
							NONE),
				sql("ALTER INDEX users_email_idx RENAME TO users_mail_idx").on(110000)
					.expect(SAFE, "RENAME INDEX", "users_email_idx \u2192 users_mail_idx", ACCESS_EXCLUSIVE, NONE));
	}

	// sq adding-field-with-default, adding-required-field, disallowed-unique-constraint;
	// sm add_column_default, add_column_generated_stored, add_column_auto_incrementing, add_column_json;
	// at PG302, MF103
	private static List<Case> addColumn() {
		return List.of(sql("ALTER TABLE users ADD COLUMN bio text").expect(SAFE, "ADD COLUMN", "users.bio",
				ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ADD bio text").expect(SAFE, "ADD COLUMN", "users.bio", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ADD COLUMN IF NOT EXISTS bio text")
					.expect(SAFE, "ADD COLUMN", "users.bio", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true")
					.expect(SAFE, "ADD COLUMN", "users.active", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()")
					.expect(SAFE, "ADD COLUMN", "users.created_at", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT CURRENT_TIMESTAMP")
					.expect(SAFE, "ADD COLUMN", "users.created_at", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ADD COLUMN expires_at timestamptz DEFAULT now() + interval '30 days'")
					.expect(SAFE, "ADD COLUMN", "users.expires_at", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb")
					.expect(SAFE, "ADD COLUMN", "users.settings", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ADD COLUMN price numeric(10,2) DEFAULT 0.00 NOT NULL")
					.expect(SAFE, "ADD COLUMN", "users.price", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()")
					.expect(LONG_LOCK, "ADD COLUMN", "users.token", ACCESS_EXCLUSIVE, REWRITE),
				sql("ALTER TABLE users ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp()")
					.expect(LONG_LOCK, "ADD COLUMN", "users.seen_at", ACCESS_EXCLUSIVE, REWRITE),
				sql("ALTER TABLE users ADD COLUMN score float8 DEFAULT random()")
					.expect(LONG_LOCK, "ADD COLUMN", "users.score", ACCESS_EXCLUSIVE, REWRITE),
				sql("ALTER TABLE users ADD COLUMN code text DEFAULT codes.make_code()")
					.expect(LONG_LOCK, "ADD COLUMN", "users.code", ACCESS_EXCLUSIVE, REWRITE),
				sql("ALTER TABLE users ADD COLUMN active boolean DEFAULT false").on(100000)
					.expect(LONG_LOCK, "ADD COLUMN", "users.active", ACCESS_EXCLUSIVE, REWRITE),
				sql("ALTER TABLE users ADD COLUMN active boolean DEFAULT NULL").on(100000)
					.expect(SAFE, "ADD COLUMN", "users.active", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ADD COLUMN number bigserial")
					.expect(LONG_LOCK, "ADD COLUMN", "users.number", ACCESS_EXCLUSIVE, REWRITE),
				sql("ALTER TABLE users ADD COLUMN number bigint GENERATED ALWAYS AS IDENTITY")
					.expect(LONG_LOCK, "ADD COLUMN", "users.number", ACCESS_EXCLUSIVE, REWRITE),
				sql("ALTER TABLE users ADD COLUMN full_name text GENERATED ALWAYS AS (first || ' ' || last) STORED")
					.expect(LONG_LOCK, "ADD COLUMN", "users.full_name", ACCESS_EXCLUSIVE, REWRITE),
				sql("ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL")
					.expect(BREAKING, "ADD COLUMN", "users.tenant_id", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ADD COLUMN email text UNIQUE")
					.expect(SAFE, "ADD COLUMN", "users.email", ACCESS_EXCLUSIVE, NONE)
					.expect(LONG_LOCK, "ADD UNIQUE", "users.email", ACCESS_EXCLUSIVE, SCAN),
				sql("ALTER TABLE users ADD COLUMN age int CHECK (age > 0)")
					.expect(SAFE, "ADD COLUMN", "users.age", ACCESS_EXCLUSIVE, NONE)
					.expect(LONG_LOCK, "ADD CHECK", "users.age", ACCESS_EXCLUSIVE, SCAN),
				// a new column without a default holds only NULLs: PostgreSQL skips the validating scan
				sql("ALTER TABLE tasks ADD COLUMN project_id uuid REFERENCES projects (id) ON DELETE SET NULL")
					.expect(SAFE, "ADD COLUMN", "tasks.project_id", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "ADD FOREIGN KEY", "tasks.project_id \u2192 projects", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE tasks ADD COLUMN project_id uuid DEFAULT NULL REFERENCES projects (id)")
					.expect(SAFE, "ADD COLUMN", "tasks.project_id", ACCESS_EXCLUSIVE, NONE)
					.expect(LONG_LOCK, "ADD FOREIGN KEY", "tasks.project_id \u2192 projects", ACCESS_EXCLUSIVE, SCAN),
				sql("ALTER TABLE users ADD COLUMN data json")
					.expect(SAFE, "ADD COLUMN", "users.data", ACCESS_EXCLUSIVE, NONE));
	}

	// sq ban-drop-column, ban-drop-table, ban-drop-database; sm remove_column; at DS101, DS102, DS103
	private static List<Case> drops() {
		return List.of(
				sql("ALTER TABLE users DROP COLUMN legacy_email")
					.expect(BREAKING, "DROP COLUMN", "users.legacy_email", ACCESS_EXCLUSIVE, NONE)
					.expect(DATA_LOSS, "DROP COLUMN", "users.legacy_email", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users DROP legacy_email")
					.expect(BREAKING, "DROP COLUMN", "users.legacy_email", ACCESS_EXCLUSIVE, NONE)
					.expect(DATA_LOSS, "DROP COLUMN", "users.legacy_email", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE IF EXISTS ONLY public.users DROP COLUMN IF EXISTS legacy_email CASCADE")
					.expect(BREAKING, "DROP COLUMN", "public.users.legacy_email", ACCESS_EXCLUSIVE, NONE)
					.expect(DATA_LOSS, "DROP COLUMN", "public.users.legacy_email", ACCESS_EXCLUSIVE, NONE),
				sql("DROP TABLE legacy_users").expect(BREAKING, "DROP TABLE", "legacy_users", ACCESS_EXCLUSIVE, NONE)
					.expect(DATA_LOSS, "DROP TABLE", "legacy_users", ACCESS_EXCLUSIVE, NONE),
				sql("DROP TABLE IF EXISTS a, archive.b CASCADE")
					.expect(BREAKING, "DROP TABLE", "a", ACCESS_EXCLUSIVE, NONE)
					.expect(DATA_LOSS, "DROP TABLE", "a", ACCESS_EXCLUSIVE, NONE)
					.expect(BREAKING, "DROP TABLE", "archive.b", ACCESS_EXCLUSIVE, NONE)
					.expect(DATA_LOSS, "DROP TABLE", "archive.b", ACCESS_EXCLUSIVE, NONE),
				sql("DROP SCHEMA archive CASCADE").expect(BREAKING, "DROP SCHEMA", "archive", null, NONE)
					.expect(DATA_LOSS, "DROP SCHEMA", "archive", null, NONE),
				sql("DROP VIEW active_users").expect(BREAKING, "DROP VIEW", "active_users", null, NONE),
				sql("DROP MATERIALIZED VIEW IF EXISTS stats")
					.expect(BREAKING, "DROP MATERIALIZED VIEW", "stats", null, NONE),
				sql("DROP FUNCTION word_count(text, int)").expect(BREAKING, "DROP FUNCTION", "word_count", null, NONE),
				sql("DROP TYPE mood CASCADE").expect(BREAKING, "DROP TYPE", "mood", null, NONE)
					.expect(DATA_LOSS, "DROP TYPE", "mood", null, NONE));
	}

	// sq renaming-column, renaming-table; sm rename_column, rename_table, rename_enum_value; at BC101, BC102
	private static List<Case> renames() {
		return List.of(
				sql("ALTER TABLE projects RENAME COLUMN name TO title")
					.expect(BREAKING, "RENAME COLUMN", "projects.name \u2192 projects.title", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE projects RENAME name TO title")
					.expect(BREAKING, "RENAME COLUMN", "projects.name \u2192 projects.title", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE \"Projects\" RENAME COLUMN \"Name\" TO \"Title\"")
					.expect(BREAKING, "RENAME COLUMN", "Projects.Name \u2192 Projects.Title", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE projects RENAME TO project_list")
					.expect(BREAKING, "RENAME TABLE", "projects \u2192 project_list", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE projects RENAME CONSTRAINT projects_name_check TO projects_title_check")
					.expect(SAFE, "RENAME CONSTRAINT", "projects.projects_name_check", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE projects SET SCHEMA archive")
					.expect(BREAKING, "SET SCHEMA", "projects \u2192 archive.projects", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy'")
					.expect(BREAKING, "RENAME VALUE", "mood 'sad' \u2192 'unhappy'", null, NONE),
				sql("ALTER VIEW active_users RENAME TO current_users")
					.expect(BREAKING, "RENAME VIEW", "active_users", null, NONE));
	}

	// sq changing-column-type (which flags every change, binary-coercible ones too); sm change_column; at PG301
	private static List<Case> typeChanges() {
		return List.of(
				sql("ALTER TABLE users ALTER COLUMN email TYPE text").given("users.email", VARCHAR_100)
					.expect(SAFE, "ALTER COLUMN TYPE", "users.email", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ALTER COLUMN email TYPE varchar(200)").given("users.email", VARCHAR_100)
					.expect(SAFE, "ALTER COLUMN TYPE", "users.email", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ALTER COLUMN email SET DATA TYPE character varying")
					.given("users.email", VARCHAR_100)
					.expect(SAFE, "ALTER COLUMN TYPE", "users.email", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE app.users ALTER COLUMN email TYPE text").given("app.users.email", VARCHAR_100)
					.expect(SAFE, "ALTER COLUMN TYPE", "app.users.email", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2)").given("orders.total", "numeric(10,2)")
					.expect(SAFE, "ALTER COLUMN TYPE", "orders.total", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE orders ALTER COLUMN total TYPE numeric").given("orders.total", "numeric(10,2)")
					.expect(SAFE, "ALTER COLUMN TYPE", "orders.total", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE events ALTER COLUMN at TYPE timestamptz")
					.given("events.at", "timestamp(3) with time zone")
					.expect(SAFE, "ALTER COLUMN TYPE", "events.at", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE hosts ALTER COLUMN address TYPE inet").given("hosts.address", "cidr")
					.expect(SAFE, "ALTER COLUMN TYPE", "hosts.address", ACCESS_EXCLUSIVE, NONE),
				rewrite(sql("ALTER TABLE users ALTER COLUMN id TYPE bigint").given("users.id", "integer"), "users.id"),
				rewrite(sql("ALTER TABLE users ALTER COLUMN email TYPE text").given("users.other", "integer"),
						"users.email"),
				rewrite(sql("ALTER TABLE users ALTER COLUMN email TYPE text USING trim(email)")
					.given("users.email", VARCHAR_100), "users.email"),
				rewrite(sql("ALTER TABLE events ALTER COLUMN at TYPE timestamptz")
					.given("events.at", "timestamp without time zone"), "events.at"),
				rewrite(sql("ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,4)").given("orders.total",
						"numeric(10,2)"), "orders.total"),
				narrowing(sql("ALTER TABLE users ALTER COLUMN email TYPE varchar(50)").given("users.email",
						VARCHAR_100), "users.email"),
				narrowing(sql("ALTER TABLE users ALTER COLUMN email TYPE varchar(20)").given("users.email", "text"),
						"users.email"),
				narrowing(sql("ALTER TABLE orders ALTER COLUMN total TYPE numeric(10,1)").given("orders.total",
						"numeric(10,2)"), "orders.total"),
				narrowing(sql("ALTER TABLE users ALTER COLUMN id TYPE int").given("users.id", "bigint"), "users.id"),
				narrowing(sql("ALTER TABLE orders ALTER COLUMN total TYPE integer").given("orders.total",
						"numeric(10,2)"), "orders.total"));
	}

	// sq adding-not-nullable-field, ban-drop-not-null; sm change_column_null; at PG303, MF104
	private static List<Case> notNullAndDefaults() {
		return List.of(
				sql("ALTER TABLE users ALTER COLUMN email SET NOT NULL")
					.expect(BREAKING, "SET NOT NULL", "users.email", ACCESS_EXCLUSIVE, SCAN)
					.expect(LONG_LOCK, "SET NOT NULL", "users.email", ACCESS_EXCLUSIVE, SCAN),
				sql("ALTER TABLE users ALTER COLUMN email DROP NOT NULL")
					.expect(SAFE, "DROP NOT NULL", "users.email", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ALTER COLUMN status SET DEFAULT 'active'")
					.expect(SAFE, "SET DEFAULT", "users.status", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid()")
					.expect(SAFE, "SET DEFAULT", "users.token", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ALTER status DROP DEFAULT")
					.expect(SAFE, "DROP DEFAULT", "users.status", ACCESS_EXCLUSIVE, NONE));
	}

	// sq adding-foreign-key-constraint, constraint-missing-not-valid, disallowed-unique-constraint,
	// adding-serial-primary-key-field; sm add_foreign_key, add_check_constraint, add_unique_constraint,
	// add_exclusion_constraint; at PG104, PG105, PG304, PG305, CD101
	private static List<Case> constraints() {
		String fk = "ALTER TABLE tasks ADD CONSTRAINT tasks_project_fk FOREIGN KEY (project_id) REFERENCES projects (id)";
		return List.of(
				sql(fk).expect(LONG_LOCK, "ADD FOREIGN KEY", "tasks.tasks_project_fk \u2192 projects",
						SHARE_ROW_EXCLUSIVE, SCAN),
				sql(fk + " NOT VALID").expect(SAFE, "ADD FOREIGN KEY", "tasks.tasks_project_fk \u2192 projects",
						SHARE_ROW_EXCLUSIVE, NONE),
				sql("ALTER TABLE tasks VALIDATE CONSTRAINT tasks_project_fk")
					.expect(SAFE, "VALIDATE CONSTRAINT", "tasks.tasks_project_fk", SHARE_UPDATE_EXCLUSIVE, SCAN),
				sql(fk + " NOT VALID; ALTER TABLE tasks VALIDATE CONSTRAINT tasks_project_fk")
					.expect(SAFE, "ADD FOREIGN KEY", "tasks.tasks_project_fk \u2192 projects", SHARE_ROW_EXCLUSIVE,
							NONE)
					.expect(LONG_LOCK, "VALIDATE CONSTRAINT", "tasks.tasks_project_fk", SHARE_ROW_EXCLUSIVE, SCAN),
				sql(fk + " NOT VALID; ALTER TABLE tasks VALIDATE CONSTRAINT tasks_project_fk").withoutTransaction()
					.expect(SAFE, "ADD FOREIGN KEY", "tasks.tasks_project_fk \u2192 projects", SHARE_ROW_EXCLUSIVE,
							NONE)
					.expect(SAFE, "VALIDATE CONSTRAINT", "tasks.tasks_project_fk", SHARE_UPDATE_EXCLUSIVE, SCAN),
				sql("ALTER TABLE users ADD CONSTRAINT age_positive CHECK (age > 0)")
					.expect(LONG_LOCK, "ADD CHECK", "users.age_positive", ACCESS_EXCLUSIVE, SCAN),
				sql("ALTER TABLE users ADD CONSTRAINT age_positive CHECK (age > 0) NOT VALID")
					.expect(SAFE, "ADD CHECK", "users.age_positive", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ADD CHECK (age > 0)").expect(LONG_LOCK, "ADD CHECK", "users", ACCESS_EXCLUSIVE,
						SCAN),
				sql("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)")
					.expect(LONG_LOCK, "ADD UNIQUE", "users.users_email_key", ACCESS_EXCLUSIVE, SCAN),
				sql("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx")
					.expect(SAFE, "ADD UNIQUE", "users.users_email_key", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ADD PRIMARY KEY (id)")
					.expect(LONG_LOCK, "ADD PRIMARY KEY", "users", ACCESS_EXCLUSIVE, SCAN),
				sql("ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx")
					.expect(SAFE, "ADD PRIMARY KEY", "users.users_pkey", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)")
					.expect(LONG_LOCK, "ADD EXCLUDE", "bookings.no_overlap", ACCESS_EXCLUSIVE, SCAN),
				sql("ALTER TABLE tasks DROP CONSTRAINT IF EXISTS tasks_project_fk")
					.expect(SAFE, "DROP CONSTRAINT", "tasks.tasks_project_fk", ACCESS_EXCLUSIVE, NONE));
	}

	// several sub-commands, comments in between, case, quoting
	private static List<Case> spellings() {
		return List.of(
				sql("ALTER TABLE users ADD COLUMN nickname text, DROP COLUMN legacy, ALTER COLUMN email SET NOT NULL")
					.expect(SAFE, "ADD COLUMN", "users.nickname", ACCESS_EXCLUSIVE, NONE)
					.expect(BREAKING, "DROP COLUMN", "users.legacy", ACCESS_EXCLUSIVE, NONE)
					.expect(DATA_LOSS, "DROP COLUMN", "users.legacy", ACCESS_EXCLUSIVE, NONE)
					.expect(BREAKING, "SET NOT NULL", "users.email", ACCESS_EXCLUSIVE, SCAN)
					.expect(LONG_LOCK, "SET NOT NULL", "users.email", ACCESS_EXCLUSIVE, SCAN),
				sql("ALTER TABLE tasks ADD CONSTRAINT fk FOREIGN KEY (p) REFERENCES projects (id) NOT VALID,"
						+ " ADD COLUMN note text")
					.expect(SAFE, "ADD FOREIGN KEY", "tasks.fk \u2192 projects", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "ADD COLUMN", "tasks.note", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE /* the users */ users -- really\n  DROP COLUMN /* old */ legacy_email")
					.expect(BREAKING, "DROP COLUMN", "users.legacy_email", ACCESS_EXCLUSIVE, NONE)
					.expect(DATA_LOSS, "DROP COLUMN", "users.legacy_email", ACCESS_EXCLUSIVE, NONE),
				sql("alter table Users drop column Legacy_Email")
					.expect(BREAKING, "DROP COLUMN", "users.legacy_email", ACCESS_EXCLUSIVE, NONE)
					.expect(DATA_LOSS, "DROP COLUMN", "users.legacy_email", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE \"Order\"\"Lines\" ADD COLUMN \"Unit Price\" numeric")
					.expect(SAFE, "ADD COLUMN", "Order\"Lines.Unit Price", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ALTER COLUMN bio SET STATISTICS 500, ALTER COLUMN bio SET (n_distinct = 100)")
					.expect(SAFE, "SET STATISTICS", "users.bio", SHARE_UPDATE_EXCLUSIVE, NONE)
					.expect(SAFE, "SET STATISTICS", "users.bio", SHARE_UPDATE_EXCLUSIVE, NONE));
	}

	// "Text inside string literals, comments and dollar-quoted bodies is never analysed as DDL"
	private static List<Case> neverAnalysedAsDdl() {
		return List.of(
				sql("CREATE FUNCTION purge() RETURNS void LANGUAGE sql AS $$ DROP TABLE users $$")
					.expect(SAFE, "CREATE FUNCTION", "purge", null, NONE),
				sql("CREATE OR REPLACE FUNCTION f() RETURNS trigger AS $body$ BEGIN TRUNCATE users; END $body$"
						+ " LANGUAGE plpgsql")
					.expect(SAFE, "CREATE FUNCTION", "f", null, NONE),
				sql("INSERT INTO audit (note) VALUES ('DROP TABLE users')")
					.expect(SAFE, "INSERT", "audit", ROW_EXCLUSIVE, NONE),
				sql("COMMENT ON COLUMN users.email IS 'ALTER TABLE users DROP COLUMN email'")
					.expect(SAFE, "COMMENT", "", SHARE_UPDATE_EXCLUSIVE, NONE),
				sql("-- DROP TABLE users;\nSELECT 1").expect(SAFE, "SELECT", "", ACCESS_SHARE, NONE),
				sql("DO $$ BEGIN EXECUTE 'DROP TABLE users'; END $$").expect(NOT_ANALYSED, "DO", "", null, NONE));
	}

	// sq ban-truncate-cascade; sm (backfill docs); "UPDATE/DELETE without WHERE"
	private static List<Case> rows() {
		return List.of(
				sql("UPDATE users SET active = true").expect(LONG_LOCK, "UPDATE", "users", ROW_EXCLUSIVE, REWRITE),
				sql("UPDATE users SET active = true WHERE id < 1000")
					.expect(SAFE, "UPDATE", "users", ROW_EXCLUSIVE, NONE),
				sql("UPDATE ONLY users AS u SET score = (SELECT max(s) FROM scores WHERE scores.user_id = u.id)")
					.expect(LONG_LOCK, "UPDATE", "users", ROW_EXCLUSIVE, REWRITE),
				sql("DELETE FROM sessions").expect(DATA_LOSS, "DELETE", "sessions", ROW_EXCLUSIVE, SCAN),
				sql("DELETE FROM sessions WHERE expires_at < now()")
					.expect(SAFE, "DELETE", "sessions", ROW_EXCLUSIVE, NONE),
				sql("TRUNCATE sessions").expect(DATA_LOSS, "TRUNCATE", "sessions", ACCESS_EXCLUSIVE, NONE),
				sql("TRUNCATE TABLE ONLY a, archive.b RESTART IDENTITY CASCADE")
					.expect(DATA_LOSS, "TRUNCATE", "a", ACCESS_EXCLUSIVE, NONE)
					.expect(DATA_LOSS, "TRUNCATE", "archive.b", ACCESS_EXCLUSIVE, NONE),
				sql("INSERT INTO settings (k, v) VALUES ('a', 'b') ON CONFLICT DO NOTHING")
					.expect(SAFE, "INSERT", "settings", ROW_EXCLUSIVE, NONE),
				sql("SELECT count(*) FROM users").expect(SAFE, "SELECT", "", ACCESS_SHARE, NONE),
				sql("SELECT id FROM users FOR UPDATE").expect(SAFE, "SELECT", "", ROW_SHARE, NONE));
	}

	// sq require-enum-value-ordering, ban-create-domain-with-constraint, ban-alter-domain-with-add-constraint
	private static List<Case> typesAndDomains() {
		return List.of(
				sql("CREATE TYPE mood AS ENUM ('sad', 'ok')").expect(SAFE, "CREATE TYPE", "mood", null, NONE),
				sql("ALTER TYPE mood ADD VALUE 'happy' AFTER 'ok'")
					.expect(SAFE, "ADD VALUE", "mood 'happy'", null, NONE),
				sql("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh'")
					.expect(SAFE, "ADD VALUE", "mood 'meh'", null, NONE),
				sql("ALTER TYPE mood RENAME TO feeling").expect(BREAKING, "RENAME TYPE", "mood \u2192 feeling", null,
						NONE),
				sql("CREATE DOMAIN positive AS int CHECK (VALUE > 0)")
					.expect(SAFE, "CREATE DOMAIN", "positive", null, NONE),
				sql("ALTER DOMAIN positive ADD CONSTRAINT positive_check CHECK (VALUE > 0)")
					.expect(LONG_LOCK, "ALTER DOMAIN ADD CONSTRAINT", "positive", null, SCAN),
				sql("ALTER DOMAIN positive ADD CONSTRAINT positive_check CHECK (VALUE > 0) NOT VALID")
					.expect(SAFE, "ALTER DOMAIN ADD CONSTRAINT", "positive", null, NONE));
	}

	// sq require-lock-timeout, require-statement-timeout, prefer-repack; explicit LOCK
	private static List<Case> maintenance() {
		return List.of(
				sql("SET lock_timeout = '2s'").expect(SAFE, "SET lock_timeout", "'2s'", null, NONE),
				sql("SET LOCAL statement_timeout TO '5min'")
					.expect(SAFE, "SET statement_timeout", "'5min'", null, NONE),
				sql("LOCK TABLE users IN SHARE MODE").expect(LONG_LOCK, "LOCK TABLE", "users", SHARE, NONE),
				sql("LOCK users").expect(LONG_LOCK, "LOCK TABLE", "users", ACCESS_EXCLUSIVE, NONE),
				sql("LOCK TABLE users IN ROW SHARE MODE").expect(SAFE, "LOCK TABLE", "users", ROW_SHARE, NONE),
				sql("VACUUM FULL users").expect(LONG_LOCK, "VACUUM FULL", "", ACCESS_EXCLUSIVE, REWRITE),
				sql("VACUUM (ANALYZE) users").expect(SAFE, "VACUUM", "", SHARE_UPDATE_EXCLUSIVE, NONE),
				sql("ANALYZE users").expect(SAFE, "ANALYZE", "", SHARE_UPDATE_EXCLUSIVE, NONE),
				sql("CLUSTER users USING users_pkey").expect(LONG_LOCK, "CLUSTER", "", ACCESS_EXCLUSIVE, REWRITE),
				sql("REFRESH MATERIALIZED VIEW stats")
					.expect(LONG_LOCK, "REFRESH MATERIALIZED VIEW", "stats", ACCESS_EXCLUSIVE, REWRITE),
				sql("REFRESH MATERIALIZED VIEW CONCURRENTLY stats")
					.expect(SAFE, "REFRESH MATERIALIZED VIEW CONCURRENTLY", "stats", EXCLUSIVE, NONE));
	}

	// sq require-concurrent-partition-detach; table options
	private static List<Case> partitionsAndTableOptions() {
		return List.of(
				sql("ALTER TABLE events DETACH PARTITION events_2020")
					.expect(LONG_LOCK, "DETACH PARTITION", "events \u2192 events_2020", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY")
					.expect(SAFE, "DETACH PARTITION CONCURRENTLY", "events \u2192 events_2020",
							SHARE_UPDATE_EXCLUSIVE, NONE),
				sql("ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO"
						+ " ('2025-01-01')")
					.expect(LONG_LOCK, "ATTACH PARTITION", "events \u2192 events_2024", SHARE_UPDATE_EXCLUSIVE, SCAN),
				sql("ALTER TABLE users SET UNLOGGED").expect(LONG_LOCK, "SET UNLOGGED", "users", ACCESS_EXCLUSIVE,
						REWRITE),
				sql("ALTER TABLE users SET TABLESPACE fast").expect(LONG_LOCK, "SET TABLESPACE", "users",
						ACCESS_EXCLUSIVE, REWRITE),
				sql("ALTER TABLE users SET (fillfactor = 70)")
					.expect(SAFE, "SET (storage parameters)", "users", SHARE_UPDATE_EXCLUSIVE, NONE),
				sql("ALTER TABLE users DISABLE TRIGGER ALL")
					.expect(SAFE, "DISABLE TRIGGER", "users", SHARE_ROW_EXCLUSIVE, NONE),
				sql("ALTER TABLE users OWNER TO app").expect(SAFE, "OWNER TO", "users", ACCESS_EXCLUSIVE, NONE));
	}

	// never silently safe
	private static List<Case> notAnalysed() {
		return List.of(
				sql("ALTER TABLE users ENABLE ROW LEVEL SECURITY")
					.expect(NOT_ANALYSED, "ALTER TABLE ENABLE", "users", ACCESS_EXCLUSIVE, NONE),
				sql("BEGIN").expect(NOT_ANALYSED, "BEGIN", "", null, NONE),
				sql("CALL backfill_word_counts()").expect(NOT_ANALYSED, "CALL", "", null, NONE),
				sql("WITH moved AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM moved")
					.expect(NOT_ANALYSED, "WITH", "", null, NONE),
				sql("CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING")
					.expect(NOT_ANALYSED, "CREATE RULE", "", null, NONE),
				sql("DROP TRIGGER t ON users").expect(SAFE, "DROP TRIGGER", "users.t", ACCESS_EXCLUSIVE, NONE),
				sql("FROBNICATE everything").expect(NOT_ANALYSED, "FROBNICATE", "", null, NONE));
	}

	private static List<Case> harmless() {
		return List.of(
				sql("CREATE TRIGGER touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()")
					.expect(SAFE, "CREATE TRIGGER", "users.touch", SHARE_ROW_EXCLUSIVE, NONE),
				sql("CREATE EXTENSION IF NOT EXISTS pgcrypto").expect(SAFE, "CREATE EXTENSION", "pgcrypto", null, NONE),
				sql("CREATE VIEW active_users AS SELECT * FROM users WHERE active")
					.expect(SAFE, "CREATE VIEW", "active_users", null, NONE),
				sql("CREATE SEQUENCE invoice_numbers").expect(SAFE, "CREATE SEQUENCE", "invoice_numbers", null, NONE),
				sql("GRANT SELECT ON users TO reporting").expect(SAFE, "GRANT", "", null, NONE));
	}

	// "Anything done to a table created earlier in the same migration is safe"
	private static List<Case> newTables() {
		return List.of(
				sql("CREATE TABLE projects (id uuid PRIMARY KEY, name text); CREATE INDEX ON projects (name);"
						+ " ALTER TABLE projects ALTER COLUMN name SET NOT NULL")
					.expect(SAFE, "CREATE TABLE", "projects", null, NONE)
					.expect(SAFE, "CREATE INDEX", "projects", SHARE, SCAN)
					.expect(SAFE, "SET NOT NULL", "projects.name", ACCESS_EXCLUSIVE, SCAN),
				sql("CREATE TABLE tasks (id uuid, project_id uuid REFERENCES projects (id));"
						+ " ALTER TABLE tasks ADD CONSTRAINT tasks_id_check CHECK (id IS NOT NULL)")
					.expect(SAFE, "CREATE TABLE", "tasks", SHARE_ROW_EXCLUSIVE, NONE)
					.expect(SAFE, "ADD CHECK", "tasks.tasks_id_check", ACCESS_EXCLUSIVE, SCAN),
				sql("CREATE TABLE app.audit (at timestamptz); CREATE INDEX ON audit (at)")
					.expect(SAFE, "CREATE TABLE", "app.audit", null, NONE)
					.expect(SAFE, "CREATE INDEX", "audit", SHARE, SCAN),
				sql("CREATE TABLE \"Audit\" (id int); CREATE INDEX ON audit (id)")
					.expect(SAFE, "CREATE TABLE", "Audit", null, NONE)
					.expect(LONG_LOCK, "CREATE INDEX", "audit", SHARE, SCAN),
				sql("CREATE TABLE tmp (id int); ALTER TABLE tmp RENAME TO scratch; CREATE INDEX scratch_idx ON"
						+ " scratch (id); DROP INDEX scratch_idx; DROP TABLE scratch")
					.expect(SAFE, "CREATE TABLE", "tmp", null, NONE)
					.expect(SAFE, "RENAME TABLE", "tmp \u2192 scratch", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "CREATE INDEX", "scratch", SHARE, SCAN)
					.expect(SAFE, "DROP INDEX", "scratch_idx", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "DROP TABLE", "scratch", ACCESS_EXCLUSIVE, NONE));
	}

	// down sections: ANCHORS "auto-generated down scripts are themselves dangerous"
	private static List<Case> downSection() {
		return List.of(
				sql("ALTER TABLE users ALTER COLUMN email DROP NOT NULL").inDown()
					.expect(BREAKING, "DROP NOT NULL", "users.email", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE projects DROP COLUMN description").inDown()
					.expect(BREAKING, "DROP COLUMN", "projects.description", ACCESS_EXCLUSIVE, NONE)
					.expect(DATA_LOSS, "DROP COLUMN", "projects.description", ACCESS_EXCLUSIVE, NONE));
	}

	// objects dropped and created again in one transaction: old code only sees the end state
	private static List<Case> endState() {
		String recreate = "DROP VIEW active_users; CREATE VIEW active_users AS SELECT * FROM users WHERE active";
		return List.of(
				sql(recreate).expect(SAFE, "DROP VIEW", "active_users", null, NONE)
					.expect(SAFE, "CREATE VIEW", "active_users", null, NONE),
				sql(recreate).withoutTransaction()
					.expect(BREAKING, "DROP VIEW", "active_users", null, NONE)
					.expect(SAFE, "CREATE VIEW", "active_users", null, NONE),
				sql("DROP VIEW IF EXISTS active_users CASCADE; CREATE VIEW active_users AS SELECT 1")
					.expect(BREAKING, "DROP VIEW", "active_users", null, NONE)
					.expect(SAFE, "CREATE VIEW", "active_users", null, NONE),
				sql("DROP VIEW active_users; CREATE VIEW current_users AS SELECT 1")
					.expect(BREAKING, "DROP VIEW", "active_users", null, NONE)
					.expect(SAFE, "CREATE VIEW", "current_users", null, NONE),
				sql("DROP MATERIALIZED VIEW stats; CREATE MATERIALIZED VIEW public.stats AS SELECT 1 AS n;"
						+ " CREATE UNIQUE INDEX stats_n ON stats (n); REFRESH MATERIALIZED VIEW stats")
					.expect(SAFE, "DROP MATERIALIZED VIEW", "stats", null, NONE)
					.expect(SAFE, "CREATE MATERIALIZED VIEW", "public.stats", null, NONE)
					.expect(SAFE, "CREATE UNIQUE INDEX", "stats", SHARE, SCAN)
					.expect(SAFE, "REFRESH MATERIALIZED VIEW", "stats", ACCESS_EXCLUSIVE, REWRITE),
				sql("DROP FUNCTION word_count(text); CREATE FUNCTION word_count(t text) RETURNS int LANGUAGE sql"
						+ " IMMUTABLE AS $$ SELECT 1 $$")
					.expect(SAFE, "DROP FUNCTION", "word_count", null, NONE)
					.expect(SAFE, "CREATE FUNCTION", "word_count", null, NONE),
				sql("DROP TABLE settings; CREATE TABLE settings (k text PRIMARY KEY, v varchar(100), note text)")
					.given("settings.k", "text")
					.given("settings.v", VARCHAR_100)
					.expect(SAFE, "DROP TABLE", "settings", ACCESS_EXCLUSIVE, NONE)
					.expect(DATA_LOSS, "DROP TABLE", "settings", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "CREATE TABLE", "settings", null, NONE),
				sql("ALTER TABLE runs DROP COLUMN encoding; ALTER TABLE runs ADD COLUMN encoding VARCHAR(16) NOT NULL"
						+ " DEFAULT ''")
					.given("runs.encoding", "character varying(16)")
					.expect(SAFE, "DROP COLUMN", "runs.encoding", ACCESS_EXCLUSIVE, NONE)
					.expect(DATA_LOSS, "DROP COLUMN", "runs.encoding", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "ADD COLUMN", "runs.encoding", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE runs DROP COLUMN encoding, ADD COLUMN encoding text")
					.given("runs.encoding", "character varying(16)")
					.expect(BREAKING, "DROP COLUMN", "runs.encoding", ACCESS_EXCLUSIVE, NONE)
					.expect(DATA_LOSS, "DROP COLUMN", "runs.encoding", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "ADD COLUMN", "runs.encoding", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE runs DROP COLUMN encoding; ALTER TABLE runs ADD COLUMN encoding varchar(16)")
					.given("runs.encoding", "character varying(16)")
					.withoutTransaction()
					.expect(BREAKING, "DROP COLUMN", "runs.encoding", ACCESS_EXCLUSIVE, NONE)
					.expect(DATA_LOSS, "DROP COLUMN", "runs.encoding", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "ADD COLUMN", "runs.encoding", ACCESS_EXCLUSIVE, NONE),
				sql("DROP TABLE settings; CREATE TABLE settings (k text PRIMARY KEY, v text)")
					.given("settings.k", "text")
					.given("settings.v", VARCHAR_100)
					.expect(BREAKING, "DROP TABLE", "settings", ACCESS_EXCLUSIVE, NONE)
					.expect(DATA_LOSS, "DROP TABLE", "settings", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "CREATE TABLE", "settings", null, NONE),
				sql("DROP TABLE settings; CREATE TABLE settings (k text, v varchar(100), owner int NOT NULL)")
					.given("settings.k", "text")
					.given("settings.v", VARCHAR_100)
					.expect(BREAKING, "DROP TABLE", "settings", ACCESS_EXCLUSIVE, NONE)
					.expect(DATA_LOSS, "DROP TABLE", "settings", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "CREATE TABLE", "settings", null, NONE));
	}

	// what earlier statements of the file did: relations created, checks validated, columns renamed,
	// settings, functions
	private static List<Case> earlierStatements() {
		String check = "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK ((email IS NOT NULL)) NOT VALID;"
				+ " ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;"
				+ " ALTER TABLE users ALTER COLUMN email SET NOT NULL";
		String toUtc = "SET timezone = 'UTC'; ALTER TABLE events ALTER COLUMN at TYPE timestamptz";
		String timestamp = "timestamp without time zone";
		return List.of(
				sql("CREATE MATERIALIZED VIEW totals AS SELECT 1 AS n; CREATE INDEX totals_n ON totals (n)")
					.expect(SAFE, "CREATE MATERIALIZED VIEW", "totals", null, NONE)
					.expect(SAFE, "CREATE INDEX", "totals", SHARE, SCAN),
				sql(check).withoutTransaction()
					.expect(SAFE, "ADD CHECK", "users.users_email_not_null", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "VALIDATE CONSTRAINT", "users.users_email_not_null", SHARE_UPDATE_EXCLUSIVE, SCAN)
					.expect(SAFE, "SET NOT NULL", "users.email", ACCESS_EXCLUSIVE, NONE),
				sql(check).on(110000).withoutTransaction()
					.expect(SAFE, "ADD CHECK", "users.users_email_not_null", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "VALIDATE CONSTRAINT", "users.users_email_not_null", SHARE_UPDATE_EXCLUSIVE, SCAN)
					.expect(BREAKING, "SET NOT NULL", "users.email", ACCESS_EXCLUSIVE, SCAN)
					.expect(LONG_LOCK, "SET NOT NULL", "users.email", ACCESS_EXCLUSIVE, SCAN),
				sql("ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;"
						+ " ALTER TABLE users ALTER COLUMN email SET NOT NULL")
					.expect(SAFE, "ADD CHECK", "users.users_email_not_null", ACCESS_EXCLUSIVE, NONE)
					.expect(BREAKING, "SET NOT NULL", "users.email", ACCESS_EXCLUSIVE, SCAN)
					.expect(LONG_LOCK, "SET NOT NULL", "users.email", ACCESS_EXCLUSIVE, SCAN),
				sql("ALTER TABLE users ADD COLUMN a int NOT NULL DEFAULT 0; ALTER TABLE users ALTER COLUMN a SET NOT NULL")
					.expect(SAFE, "ADD COLUMN", "users.a", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "SET NOT NULL", "users.a", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ALTER COLUMN a DROP NOT NULL; ALTER TABLE users ALTER COLUMN a SET NOT NULL")
					.expect(SAFE, "DROP NOT NULL", "users.a", ACCESS_EXCLUSIVE, NONE)
					.expect(BREAKING, "SET NOT NULL", "users.a", ACCESS_EXCLUSIVE, SCAN)
					.expect(LONG_LOCK, "SET NOT NULL", "users.a", ACCESS_EXCLUSIVE, SCAN),
				sql("ALTER TABLE users RENAME COLUMN email TO mail; ALTER TABLE users ALTER COLUMN mail TYPE text")
					.given("users.email", VARCHAR_100)
					.expect(BREAKING, "RENAME COLUMN", "users.email \u2192 users.mail", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "ALTER COLUMN TYPE", "users.mail", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users RENAME TO people; ALTER TABLE people ALTER COLUMN email TYPE text")
					.given("users.email", VARCHAR_100)
					.expect(BREAKING, "RENAME TABLE", "users \u2192 people", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "ALTER COLUMN TYPE", "people.email", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ALTER COLUMN email TYPE text USING email::text").given("users.email", VARCHAR_100)
					.expect(SAFE, "ALTER COLUMN TYPE", "users.email", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ALTER COLUMN email TYPE text USING CAST(email AS text)")
					.given("users.email", VARCHAR_100)
					.expect(SAFE, "ALTER COLUMN TYPE", "users.email", ACCESS_EXCLUSIVE, NONE),
				sql(toUtc).given("events.at", timestamp)
					.expect(SAFE, "SET timezone", "'UTC'", null, NONE)
					.expect(BREAKING, "ALTER COLUMN TYPE", "events.at", ACCESS_EXCLUSIVE, NONE),
				sql("SET TIME ZONE 'Etc/UTC'; ALTER TABLE events ALTER COLUMN at TYPE timestamptz USING at::timestamptz")
					.given("events.at", timestamp)
					.expect(SAFE, "SET timezone", "'Etc/UTC'", null, NONE)
					.expect(BREAKING, "ALTER COLUMN TYPE", "events.at", ACCESS_EXCLUSIVE, NONE),
				rewrite(sql("SET timezone = 'UTC'; RESET timezone; ALTER TABLE events ALTER COLUMN at TYPE timestamptz")
					.given("events.at", timestamp)
					.expect(SAFE, "SET timezone", "'UTC'", null, NONE)
					.expect(SAFE, "RESET", "", null, NONE), "events.at"),
				rewrite(sql("SET timezone = 'Europe/Paris'; ALTER TABLE events ALTER COLUMN at TYPE timestamptz")
					.given("events.at", timestamp)
					.expect(SAFE, "SET timezone", "'Europe/Paris'", null, NONE), "events.at"),
				rewrite(sql(toUtc).on(110000).given("events.at", timestamp)
					.expect(SAFE, "SET timezone", "'UTC'", null, NONE), "events.at"),
				sql("CREATE FUNCTION next_code() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'x' $$;"
						+ " ALTER TABLE users ADD COLUMN code text DEFAULT next_code()")
					.expect(SAFE, "CREATE FUNCTION", "next_code", null, NONE)
					.expect(SAFE, "ADD COLUMN", "users.code", ACCESS_EXCLUSIVE, NONE),
				// the name of a type is no proof: a user function called uuid is volatile unless it says otherwise
				sql("CREATE FUNCTION uuid() RETURNS uuid LANGUAGE sql AS $$ SELECT gen_random_uuid() $$;"
						+ " ALTER TABLE users ADD COLUMN token uuid DEFAULT uuid()")
					.expect(SAFE, "CREATE FUNCTION", "uuid", null, NONE)
					.expect(LONG_LOCK, "ADD COLUMN", "users.token", ACCESS_EXCLUSIVE, REWRITE));
	}

	// misses seen on a real migration history: each was called safe, or not analysed
	private static List<Case> misses() {
		return List.of(
				// filling a column added earlier in the same migration writes every row (umami 04, 05)
				sql("ALTER TABLE website ADD COLUMN team_id uuid;\nUPDATE website SET created_by = user_id,"
						+ " team_id = owner_id WHERE team_id IS NULL")
					.expect(SAFE, "ADD COLUMN", "website.team_id", ACCESS_EXCLUSIVE, NONE)
					.expect(LONG_LOCK, "UPDATE", "website", ROW_EXCLUSIVE, REWRITE),
				sql("ALTER TABLE website_event ADD COLUMN visit_id uuid;\nUPDATE website_event we SET (visit_id) ="
						+ " (SELECT a.uuid FROM visits a WHERE a.session_id = we.session_id LIMIT 1) WHERE we.kind = 'x'")
					.expect(SAFE, "ADD COLUMN", "website_event.visit_id", ACCESS_EXCLUSIVE, NONE)
					.expect(LONG_LOCK, "UPDATE", "website_event", ROW_EXCLUSIVE, REWRITE),
				sql("ALTER TABLE website ADD COLUMN team_id uuid;\nUPDATE website SET team_id = owner_id;\n"
						+ "UPDATE website SET team_id = 0 WHERE team_id IS NULL")
					.expect(SAFE, "ADD COLUMN", "website.team_id", ACCESS_EXCLUSIVE, NONE)
					.expect(LONG_LOCK, "UPDATE", "website", ROW_EXCLUSIVE, REWRITE)
					.expect(SAFE, "UPDATE", "website", ROW_EXCLUSIVE, NONE),
				sql("ALTER TABLE website ADD COLUMN team_id uuid;\nUPDATE website SET name = upper(name) WHERE id = 7")
					.expect(SAFE, "ADD COLUMN", "website.team_id", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "UPDATE", "website", ROW_EXCLUSIVE, NONE),
				sql("CREATE TABLE website (id int PRIMARY KEY);\nALTER TABLE website ADD COLUMN team_id uuid;\n"
						+ "UPDATE website SET team_id = gen_random_uuid()")
					.expect(SAFE, "CREATE TABLE", "website", null, NONE)
					.expect(SAFE, "ADD COLUMN", "website.team_id", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "UPDATE", "website", ROW_EXCLUSIVE, REWRITE),
				sql("ALTER TABLE users ADD COLUMN c int DEFAULT 10 NOT NULL;\nALTER TABLE users ALTER COLUMN c DROP"
						+ " DEFAULT")
					.expect(SAFE, "ADD COLUMN", "users.c", ACCESS_EXCLUSIVE, NONE)
					.expect(BREAKING, "DROP DEFAULT", "users.c", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users ADD COLUMN c int DEFAULT 10;\nALTER TABLE users ALTER COLUMN c DROP DEFAULT")
					.expect(SAFE, "ADD COLUMN", "users.c", ACCESS_EXCLUSIVE, NONE)
					.expect(SAFE, "DROP DEFAULT", "users.c", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER DOMAIN positive VALIDATE CONSTRAINT positive_check")
					.expect(LONG_LOCK, "ALTER DOMAIN VALIDATE CONSTRAINT", "positive", SHARE, SCAN),
				sql("UPDATE users SET plan = p.name FROM plans p WHERE users.plan_id = p.id")
					.expect(LONG_LOCK, "UPDATE", "users", ROW_EXCLUSIVE, REWRITE),
				sql("UPDATE users u SET plan = p.name FROM plans p WHERE u.plan_id = p.id AND p.id = 7")
					.expect(SAFE, "UPDATE", "users", ROW_EXCLUSIVE, NONE),
				sql("ALTER TABLE users DROP CONSTRAINT users_email_key")
					.expect(LONG_LOCK, "DROP CONSTRAINT", "users.users_email_key", ACCESS_EXCLUSIVE, NONE),
				sql("ALTER TABLE users DROP CONSTRAINT IF EXISTS users_pkey CASCADE")
					.expect(LONG_LOCK, "DROP CONSTRAINT", "users.users_pkey", ACCESS_EXCLUSIVE, NONE),
				sql("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'users_email_idx'::regclass")
					.expect(NOT_ANALYSED, "UPDATE", "pg_index", ROW_EXCLUSIVE, NONE),
				sql("DELETE FROM pg_catalog.pg_depend WHERE objid = 1")
					.expect(NOT_ANALYSED, "DELETE", "pg_catalog.pg_depend", ROW_EXCLUSIVE, NONE),
				sql("DROP TRIGGER IF EXISTS users_audit ON app.users CASCADE")
					.expect(SAFE, "DROP TRIGGER", "app.users.users_audit", ACCESS_EXCLUSIVE, NONE),
				sql("REINDEX (VERBOSE) TABLE users").expect(LONG_LOCK, "REINDEX", "users", SHARE, SCAN),
				sql("REINDEX TABLE CONCURRENTLY public.users")
					.expect(SAFE, "REINDEX CONCURRENTLY", "public.users", SHARE_UPDATE_EXCLUSIVE, SCAN),
				sql("CREATE TABLE t (id int PRIMARY KEY);\nALTER TABLE t DROP CONSTRAINT t_pkey")
					.expect(SAFE, "CREATE TABLE", "t", null, NONE)
					.expect(SAFE, "DROP CONSTRAINT", "t.t_pkey", ACCESS_EXCLUSIVE, NONE));
	}

	private static Case rewrite(Case example, String target) {
		return example.expect(BREAKING, "ALTER COLUMN TYPE", target, ACCESS_EXCLUSIVE, REWRITE)
			.expect(LONG_LOCK, "ALTER COLUMN TYPE", target, ACCESS_EXCLUSIVE, REWRITE);
	}

	private static Case narrowing(Case example, String target) {
		return rewrite(example, target).expect(DATA_LOSS, "ALTER COLUMN TYPE", target, ACCESS_EXCLUSIVE, REWRITE);
	}

	private static Case sql(String sql) {
		return new Case(sql);
	}

	/**
	 * One corpus entry: SQL, the circumstances, and the findings expected, in order.
	 */
	static final class Case {

		private final String sql;

		private final List<Expected> expected = new ArrayList<>();

		private final Map<String, String> columnTypes = new HashMap<>();

		private int version = 150000;

		private Section section = Section.UP;

		private boolean transactional = true;

		Case(String sql) {
			this.sql = sql;
		}

		Case expect(SafetyClass safetyClass, String operation, String target, @Nullable LockLevel lock,
				TableImpact impact) {
			this.expected.add(new Expected(safetyClass, operation, target, lock, impact));
			return this;
		}

		Case on(int version) {
			this.version = version;
			return this;
		}

		Case given(String column, String type) {
			this.columnTypes.put(column, type);
			return this;
		}

		Case inDown() {
			this.section = Section.DOWN;
			return this;
		}

		Case withoutTransaction() {
			this.transactional = false;
			return this;
		}

		@Override
		public String toString() {
			String circumstances = ((this.version != 150000) ? " [PG " + this.version + "]" : "")
					+ (this.columnTypes.isEmpty() ? "" : " " + this.columnTypes)
					+ ((this.section == Section.DOWN) ? " [Down]" : "") + (this.transactional ? "" : " [no tx]");
			return this.sql.replace('\n', ' ') + circumstances;
		}

	}

	record Expected(SafetyClass safetyClass, String operation, String target, @Nullable LockLevel lock,
			TableImpact impact) {

		static Expected of(Finding finding) {
			return new Expected(finding.safetyClass(), finding.operation(), finding.target(), finding.lockLevel(),
					finding.impact());
		}

	}

}
