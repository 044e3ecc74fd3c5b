package dev.forge.core;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.forge.testsupport.MigrationFolder;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Statements that real migration histories hold and that the analysis once refused wrongly
 * (or, for a volatile user function, let through): for each, what {@code plan} says against
 * the live database, and what PostgreSQL really does when the statements run in one
 * transaction as FORGE runs them — the relation's file node before and after (a rewrite
 * gives a new one), the sequential scans the transaction made of the table, and the locks a
 * second session sees in {@code pg_locks}.
 */
@PostgresTest
class RealHistoryFalseAlarmsIT {

	private final TestDatabase database;

	private MigrationFolder folder;

	RealHistoryFalseAlarmsIT(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void createTables(@TempDir Path directory) {
		this.database.reset();
		this.folder = new MigrationFolder(directory);
		this.folder.write("0001_initial.sql", """
				CREATE TABLE parents (id int PRIMARY KEY);
				CREATE TABLE items (id int PRIMARY KEY, parent_id int, v varchar(20), at timestamp, doc xml);
				INSERT INTO parents SELECT g FROM generate_series(1, 10) g;
				INSERT INTO items SELECT g, 1 + g % 10, 'v' || g, timestamp '2024-01-01' + g * interval '1 hour', NULL
				FROM generate_series(1, 2000) g;
				CREATE VIEW recent_items AS SELECT id, parent_id FROM items WHERE id > 1000;
				""");
		forge().apply();
	}

	@Test
	void aViewDroppedAndCreatedAgainInOneTransactionIsNeverMissingForOldCode() throws Exception {
		String migration = "DROP VIEW recent_items;\n"
				+ "CREATE VIEW recent_items AS SELECT id, parent_id, at FROM items WHERE id > 1000;\n";
		this.folder.write("0002_recent_items.sql", migration);
		assertThat(findings("0002_recent_items")).extracting(Finding::safetyClass, Finding::operation)
			.containsExactly(tuple(SafetyClass.SAFE, "DROP VIEW"), tuple(SafetyClass.SAFE, "CREATE VIEW"));

		try (Connection migrating = this.database.connect(); Connection oldCode = this.database.connect()) {
			migrating.setAutoCommit(false);
			execute(migrating, migration);
			int oldCodePid = backendPid(oldCode);
			CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> count(oldCode, "recent_items"));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.database.column("SELECT mode FROM pg_locks WHERE pid = "
						+ oldCodePid + " AND NOT granted")).as("old code waits for the view").isNotEmpty());
			migrating.commit();
			assertThat(read.get(30, TimeUnit.SECONDS)).as("old code reads the view as it is at commit").isEqualTo(1000);
		}
	}

	@Test
	void aTableCreatedAgainWithTheSameColumnsIsNotBreakingButLosesItsRows() throws Exception {
		this.database.execute("CREATE TABLE settings (k text PRIMARY KEY, v varchar(100));"
				+ " INSERT INTO settings VALUES ('a', 'b')");
		String migration = "DROP TABLE settings;\n"
				+ "CREATE TABLE settings (k text PRIMARY KEY, v character varying(100), note text);\n"
				+ "INSERT INTO settings VALUES ('a', 'c');\n";
		this.folder.write("0002_settings.sql", migration);
		assertThat(findings("0002_settings")).extracting(Finding::safetyClass, Finding::operation)
			.containsExactly(tuple(SafetyClass.SAFE, "DROP TABLE"), tuple(SafetyClass.DATA_LOSS, "DROP TABLE"),
					tuple(SafetyClass.SAFE, "CREATE TABLE"), tuple(SafetyClass.SAFE, "INSERT"));

		try (Connection migrating = this.database.connect(); Connection oldCode = this.database.connect()) {
			migrating.setAutoCommit(false);
			execute(migrating, migration);
			int oldCodePid = backendPid(oldCode);
			CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> count(oldCode,
					"settings WHERE k = 'a' AND v = 'c'"));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.database.column("SELECT mode FROM pg_locks WHERE pid = "
						+ oldCodePid + " AND NOT granted")).as("old code waits for the table").isNotEmpty());
			migrating.commit();
			assertThat(read.get(30, TimeUnit.SECONDS)).as("old code reads the new table").isEqualTo(1);
		}

		this.folder.write("0003_settings.sql", "DROP TABLE settings;\nCREATE TABLE settings (k text PRIMARY KEY);\n");
		assertThat(findings("0003_settings")).as("a column is gone").extracting(Finding::safetyClass)
			.contains(SafetyClass.BREAKING);
	}

	@Test
	void aColumnDroppedAndAddedAgainWithADefaultKeepsOldCodesInsertsWorking() throws Exception {
		String migration = "ALTER TABLE items DROP COLUMN v;\n"
				+ "ALTER TABLE items ADD COLUMN v varchar(20) NOT NULL DEFAULT '';\n";
		this.folder.write("0002_v.sql", migration);
		assertThat(findings("0002_v")).extracting(Finding::safetyClass, Finding::operation)
			.containsExactly(tuple(SafetyClass.SAFE, "DROP COLUMN"), tuple(SafetyClass.DATA_LOSS, "DROP COLUMN"),
					tuple(SafetyClass.SAFE, "ADD COLUMN"));

		try (Connection migrating = this.database.connect(); Connection oldCode = this.database.connect()) {
			migrating.setAutoCommit(false);
			execute(migrating, migration);
			// read before the INSERT waits on the connection, which then answers nothing else
			int oldCodePid = backendPid(oldCode);
			CompletableFuture<Void> insert = CompletableFuture.runAsync(() -> execute(oldCode,
					"INSERT INTO items (id, parent_id) VALUES (0, 1)"));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.database.column("SELECT mode FROM pg_locks WHERE pid = "
						+ oldCodePid + " AND NOT granted")).as("old code waits for the table").isNotEmpty());
			migrating.commit();
			insert.get(30, TimeUnit.SECONDS);
		}
		assertThat(this.database.value("SELECT count(*) FROM items WHERE v = ''")).isEqualTo(2001L);
	}

	@Test
	void setNotNullOnAColumnAlreadyNotNullChangesNothing() throws Exception {
		this.database.execute("ALTER TABLE items ALTER COLUMN parent_id SET NOT NULL");
		String migration = "ALTER TABLE items ALTER COLUMN v TYPE text, ALTER COLUMN parent_id SET NOT NULL;\n";
		this.folder.write("0002_parent.sql", migration);
		assertThat(findings("0002_parent")).extracting(Finding::safetyClass, Finding::operation, Finding::impact)
			.containsExactly(tuple(SafetyClass.SAFE, "ALTER COLUMN TYPE", TableImpact.NONE),
					tuple(SafetyClass.SAFE, "SET NOT NULL", TableImpact.NONE));
		Effect effect = run(migration);
		assertThat(effect.scans()).as("sequential scans of items").isZero();
		assertThat(effect.rewritten()).as("new file node").isFalse();
	}

	@Test
	void aMaterializedViewCreatedAgainWithItsIndexInOneTransactionIsAppliedUnderOnBreakingFail() {
		this.database.execute("CREATE MATERIALIZED VIEW item_totals AS SELECT parent_id, count(*) AS n FROM items"
				+ " GROUP BY parent_id");
		this.folder.write("0002_totals.sql", """
				DROP MATERIALIZED VIEW item_totals;
				CREATE MATERIALIZED VIEW item_totals AS SELECT parent_id, count(*) AS n, max(id) AS last FROM items
				GROUP BY parent_id;
				CREATE UNIQUE INDEX item_totals_parent ON item_totals (parent_id);
				""");
		assertThat(findings("0002_totals")).extracting(Finding::safetyClass).containsOnly(SafetyClass.SAFE);

		forge().apply();

		assertThat(this.database.value("SELECT n FROM item_totals WHERE parent_id = 1")).isEqualTo(200L);
	}

	@Test
	void anIndexOnAMaterializedViewCreatedEarlierInTheFileLocksOnlyWhatNoOtherSessionSees() throws Exception {
		String migration = "CREATE MATERIALIZED VIEW parent_sizes AS SELECT parent_id, count(*) AS n FROM items"
				+ " GROUP BY parent_id;\nCREATE INDEX parent_sizes_n ON parent_sizes (n);\n";
		this.folder.write("0002_parent_sizes.sql", migration);
		assertThat(findings("0002_parent_sizes")).extracting(Finding::safetyClass, Finding::operation,
				Finding::lockLevel)
			.containsExactly(tuple(SafetyClass.SAFE, "CREATE MATERIALIZED VIEW", null),
					tuple(SafetyClass.SAFE, "CREATE INDEX", LockLevel.SHARE));

		try (Connection migrating = this.database.connect()) {
			migrating.setAutoCommit(false);
			execute(migrating, migration);
			List<Object> shareLocked = this.database.column("SELECT relation FROM pg_locks WHERE pid = "
					+ backendPid(migrating) + " AND mode = 'ShareLock' AND locktype = 'relation'");
			assertThat(shareLocked).as("the index build's SHARE lock").hasSize(1);
			assertThat(this.database.value("SELECT count(*) FROM pg_class WHERE oid = " + shareLocked.get(0)))
				.as("the locked relation, seen from another session").isEqualTo(0L);
			this.database.execute("INSERT INTO items VALUES (0, 1, 'x')");
			migrating.rollback();
		}
	}

	@Test
	void setNotNullAfterAValidatedCheckNeitherScansNorBreaks() throws Exception {
		this.folder.write("0002_check.sql", "ALTER TABLE items ADD CONSTRAINT items_v_not_null CHECK (v IS NOT NULL)"
				+ " NOT VALID;\n");
		forge().apply();
		this.folder.write("0003_validate.sql", "ALTER TABLE items VALIDATE CONSTRAINT items_v_not_null;\n");
		String setNotNull = "ALTER TABLE items ALTER COLUMN v SET NOT NULL;\n";
		this.folder.write("0004_not_null.sql", setNotNull + "ALTER TABLE items DROP CONSTRAINT items_v_not_null;\n");
		assertThat(findings("0004_not_null")).as("validated by an earlier pending file")
			.extracting(Finding::safetyClass, Finding::operation, Finding::impact)
			.containsExactly(tuple(SafetyClass.SAFE, "SET NOT NULL", TableImpact.NONE),
					tuple(SafetyClass.SAFE, "DROP CONSTRAINT", TableImpact.NONE));
		this.database.execute("ALTER TABLE items VALIDATE CONSTRAINT items_v_not_null");
		assertThat(findings("0004_not_null")).as("validated in the live database")
			.extracting(Finding::safetyClass, Finding::impact)
			.containsExactly(tuple(SafetyClass.SAFE, TableImpact.NONE), tuple(SafetyClass.SAFE, TableImpact.NONE));

		Effect effect = run(setNotNull);
		assertThat(effect.scans()).as("sequential scans of items").isZero();
		effect.heldAsPredicted(findings("0004_not_null").get(0));
		this.database.execute("ALTER TABLE items DROP CONSTRAINT items_v_not_null");
		assertThat(run(setNotNull).scans()).as("sequential scans of items without the check").isEqualTo(1);
		assertThat(findings("0004_not_null")).extracting(Finding::safetyClass)
			.contains(SafetyClass.BREAKING, SafetyClass.LONG_LOCK);
	}

	@Test
	void aNewColumnReferencingATableWithoutADefaultIsNotScanned() throws Exception {
		String plain = "ALTER TABLE items ADD COLUMN owner_id int REFERENCES parents (id);\n";
		String withDefault = "ALTER TABLE items ADD COLUMN owner_id int DEFAULT 1 REFERENCES parents (id);\n";
		this.folder.write("0002_owner.sql", plain);
		assertThat(findings("0002_owner")).extracting(Finding::safetyClass, Finding::operation, Finding::impact)
			.containsExactly(tuple(SafetyClass.SAFE, "ADD COLUMN", TableImpact.NONE),
					tuple(SafetyClass.SAFE, "ADD FOREIGN KEY", TableImpact.NONE));
		Effect effect = run(plain);
		assertThat(effect.scans()).as("sequential scans of items").isZero();
		effect.heldAsPredicted(findings("0002_owner").get(1));
		assertThat(effect.parentLocks()).as("lock on the referenced table").contains("ShareRowExclusiveLock");

		this.folder.write("0002_owner.sql", withDefault);
		assertThat(findings("0002_owner")).extracting(Finding::safetyClass, Finding::operation, Finding::impact)
			.contains(tuple(SafetyClass.LONG_LOCK, "ADD FOREIGN KEY", TableImpact.SCAN));
		assertThat(run(withDefault).scans()).as("sequential scans of items with a default").isEqualTo(1);
	}

	@Test
	void aColumnDefaultIsJudgedByTheFunctionsVolatilityInTheCatalogNotByItsName() throws Exception {
		this.folder.write("0002_functions.sql", """
				CREATE FUNCTION default_code() RETURNS text LANGUAGE sql STABLE AS $$ SELECT 'c' $$;
				CREATE FUNCTION uuid() RETURNS uuid LANGUAGE sql AS $$ SELECT md5(random()::text)::uuid $$;
				""");
		forge().apply();
		String stable = "ALTER TABLE items ADD COLUMN code text DEFAULT default_code();\n";
		String volatileUuid = "ALTER TABLE items ADD COLUMN token uuid DEFAULT uuid();\n";

		this.folder.write("0003_default.sql", stable);
		assertThat(findings("0003_default")).extracting(Finding::safetyClass, Finding::impact)
			.containsExactly(tuple(SafetyClass.SAFE, TableImpact.NONE));
		Effect effect = run(stable);
		assertThat(effect.rewritten()).as("new file node").isFalse();
		effect.heldAsPredicted(findings("0003_default").get(0));

		this.folder.write("0003_default.sql", volatileUuid);
		assertThat(findings("0003_default")).extracting(Finding::safetyClass, Finding::impact)
			.containsExactly(tuple(SafetyClass.LONG_LOCK, TableImpact.REWRITE));
		assertThat(run(volatileUuid).rewritten()).as("new file node").isTrue();
	}

	@Test
	void aTypeChangeWhoseUsingIsABinaryCoercibleCastDoesNotRewrite() throws Exception {
		String varcharToText = "ALTER TABLE items ALTER COLUMN v TYPE text USING v::text;\n";
		String xmlToText = "ALTER TABLE items ALTER COLUMN doc TYPE text USING CAST(doc AS text);\n";
		String computed = "ALTER TABLE items ALTER COLUMN doc TYPE text USING doc::text || '';\n";
		for (String change : List.of(varcharToText, xmlToText)) {
			this.folder.write("0002_type.sql", change);
			assertThat(findings("0002_type")).as(change)
				.extracting(Finding::safetyClass, Finding::impact)
				.containsExactly(tuple(SafetyClass.SAFE, TableImpact.NONE));
			Effect effect = run(change);
			assertThat(effect.rewritten()).as(change).isFalse();
			effect.heldAsPredicted(findings("0002_type").get(0));
		}
		this.folder.write("0002_type.sql", computed);
		assertThat(findings("0002_type")).extracting(Finding::safetyClass, Finding::impact)
			.contains(tuple(SafetyClass.LONG_LOCK, TableImpact.REWRITE));
		assertThat(run(computed).rewritten()).isTrue();
	}

	@Test
	void timestampToTimestamptzInAUtcSessionChangesOnlyTheCatalog() throws Exception {
		String utc = "SET LOCAL timezone = 'UTC';\nALTER TABLE items ALTER COLUMN at TYPE timestamptz;\n";
		String paris = "SET LOCAL timezone = 'Europe/Paris';\nALTER TABLE items ALTER COLUMN at TYPE timestamptz;\n";
		this.folder.write("0002_at.sql", utc);
		assertThat(findings("0002_at")).extracting(Finding::safetyClass, Finding::operation, Finding::impact)
			.containsExactly(tuple(SafetyClass.SAFE, "SET timezone", TableImpact.NONE),
					tuple(SafetyClass.BREAKING, "ALTER COLUMN TYPE", TableImpact.NONE));
		Effect effect = run(utc);
		assertThat(effect.rewritten()).as("new file node in UTC").isFalse();
		effect.heldAsPredicted(findings("0002_at").get(1));

		this.folder.write("0002_at.sql", paris);
		assertThat(findings("0002_at")).extracting(Finding::safetyClass)
			.contains(SafetyClass.LONG_LOCK);
		assertThat(run(paris).rewritten()).as("new file node in Europe/Paris").isTrue();
	}

	@Test
	void aRenamedColumnKeepsItsTypeForTheLaterStatementsOfTheFile() throws Exception {
		String migration = "ALTER TABLE items RENAME COLUMN v TO label;\nALTER TABLE items ALTER COLUMN label TYPE"
				+ " varchar(40);\n";
		this.folder.write("0002_label.sql", migration);
		assertThat(findings("0002_label")).extracting(Finding::safetyClass, Finding::operation, Finding::impact)
			.containsExactly(tuple(SafetyClass.BREAKING, "RENAME COLUMN", TableImpact.NONE),
					tuple(SafetyClass.SAFE, "ALTER COLUMN TYPE", TableImpact.NONE));
		Effect effect = run(migration);
		assertThat(effect.rewritten()).as("new file node").isFalse();
		effect.heldAsPredicted(findings("0002_label").get(1));
	}

	private List<Finding> findings(String migration) {
		return forge().plan().find(migration).orElseThrow().findings();
	}

	private Forge forge() {
		return Forge.configure()
			.dataSource(this.database.dataSource())
			.locations(this.folder.location())
			.onBreaking(BreakingChangePolicy.FAIL)
			.load();
	}

	/**
	 * Runs statements in one transaction, as FORGE runs a file, and rolls them back: whether
	 * {@code items} got a new file node, how often the transaction scanned it, and the locks
	 * held on {@code parents} meanwhile.
	 */
	private Effect run(String sql) throws SQLException {
		try (Connection connection = this.database.connect()) {
			connection.setAutoCommit(false);
			long fileNode = longValue(connection, "SELECT pg_relation_filenode('items')");
			long scans = longValue(connection, "SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'items'");
			execute(connection, sql);
			boolean rewritten = longValue(connection, "SELECT pg_relation_filenode('items')") != fileNode;
			long scanned = longValue(connection,
					"SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'items'") - scans;
			List<Object> itemLocks = this.database.column("SELECT mode FROM pg_locks WHERE pid = "
					+ backendPid(connection) + " AND relation = 'items'::regclass AND granted");
			List<Object> parentLocks = this.database.column("SELECT mode FROM pg_locks WHERE pid = "
					+ backendPid(connection) + " AND relation = 'parents'::regclass AND granted");
			connection.rollback();
			return new Effect(rewritten, scanned, itemLocks, parentLocks);
		}
	}

	private static long longValue(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	private static long count(Connection connection, String relation) {
		try {
			return longValue(connection, "SELECT count(*) FROM " + relation);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	private static int backendPid(Connection connection) throws SQLException {
		return (int) longValue(connection, "SELECT pg_backend_pid()");
	}

	private static void execute(Connection connection, String sql) {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run [" + sql + "]: " + ex.getMessage(), ex);
		}
	}

	/**
	 * What running statements did.
	 *
	 * @param rewritten whether {@code items} got a new file node
	 * @param scans how often {@code items} was scanned sequentially
	 * @param itemLocks the lock modes held on {@code items}, as another session sees them
	 * @param parentLocks the lock modes held on {@code parents}
	 */
	private record Effect(boolean rewritten, long scans, List<Object> itemLocks, List<Object> parentLocks) {

		/** Asserts that the strongest lock held on {@code items} is the one a finding predicts. */
		void heldAsPredicted(Finding finding) {
			assertThat(this.itemLocks).as("locks held on items").contains(finding.lockLevel().pgLocksMode());
			assertThat(this.itemLocks).as("no stronger lock than predicted")
				.allMatch((held) -> Stream.of(LockLevel.values())
					.filter((level) -> level.pgLocksMode().equals(held))
					.allMatch((level) -> level.compareTo(finding.lockLevel()) <= 0));
		}

	}

}
