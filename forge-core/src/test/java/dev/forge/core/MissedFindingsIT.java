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

import dev.forge.testsupport.MigrationFolder;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Operations the analysis once called safe, judged by {@code plan} against a live database
 * (catalog, planner and row estimates), and checked against what PostgreSQL does: the lock a
 * statement waits for in {@code pg_locks}, whether it scans, what old code sees afterwards.
 */
@PostgresTest
class MissedFindingsIT {

	private static final int ROWS = 20_000;

	private final TestDatabase database;

	private MigrationFolder folder;

	MissedFindingsIT(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void createTables(@TempDir Path directory) {
		this.database.reset();
		this.folder = new MigrationFolder(directory);
		this.database.execute("CREATE DOMAIN positive AS int;"
				+ " CREATE TABLE plans (id int PRIMARY KEY, name text);"
				+ " CREATE TABLE items (id int CONSTRAINT items_identity PRIMARY KEY, plan_id int, qty positive,"
				+ " name text, CONSTRAINT items_name_unique UNIQUE (name));"
				+ " INSERT INTO plans SELECT g, 'plan ' || g FROM generate_series(1, 10) g;"
				+ " INSERT INTO items SELECT g, 1 + g % 10, 1 + g % 7, 'item ' || g FROM generate_series(1, " + ROWS
				+ ") g;"
				+ " CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;"
				+ " CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch();"
				+ " ANALYZE plans; ANALYZE items");
	}

	@Test
	void alterDomainValidateConstraintScansEveryTableOfTheDomainUnderAShareLock() throws Exception {
		this.database.execute("ALTER DOMAIN positive ADD CONSTRAINT positive_check CHECK (VALUE > 0) NOT VALID");
		String validate = "ALTER DOMAIN positive VALIDATE CONSTRAINT positive_check";
		Finding finding = single(validate);
		assertThat(finding.safetyClass()).isEqualTo(SafetyClass.LONG_LOCK);
		assertThat(finding.impact()).isEqualTo(TableImpact.SCAN);

		assertWaits(validate, "INSERT INTO items VALUES (0, 1, 1, 'new')", LockLevel.ROW_EXCLUSIVE, finding.lockLevel());

		// the scan: a value that breaks the constraint is found in the table
		this.database.execute("ALTER DOMAIN positive DROP CONSTRAINT positive_check;"
				+ " ALTER DOMAIN positive ADD CONSTRAINT positive_check CHECK (VALUE > 3) NOT VALID");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.database.execute(validate))
			.withMessageContaining("violate");
	}

	@Test
	void dropTriggerIsAnalysedWithTheLockItTakes() throws Exception {
		String drop = "DROP TRIGGER items_touch ON items";
		Finding finding = single(drop);
		assertThat(finding.safetyClass()).isEqualTo(SafetyClass.SAFE);
		assertThat(finding.target()).isEqualTo("items.items_touch");

		assertWaits(drop, "SELECT count(*) FROM items", LockLevel.ACCESS_SHARE, finding.lockLevel());
		assertThat(this.database.value("SELECT count(*) FROM pg_trigger WHERE tgname = 'items_touch'")).isEqualTo(0L);
	}

	@Test
	void droppingAPrimaryKeyOrUniqueConstraintIsALongLockAsTheCatalogSaysWhateverItsName() throws Exception {
		String dropKey = "ALTER TABLE items DROP CONSTRAINT items_identity";
		Finding key = single(dropKey);
		assertThat(key.safetyClass()).isEqualTo(SafetyClass.LONG_LOCK);
		assertThat(key.lockLevel()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
		assertThat(single("ALTER TABLE items DROP CONSTRAINT items_name_unique").safetyClass())
			.isEqualTo(SafetyClass.LONG_LOCK);

		assertWaits(dropKey, "SELECT count(*) FROM items", LockLevel.ACCESS_SHARE, key.lockLevel());
		assertThat(this.database.value("SELECT to_regclass('items_identity') IS NULL")).as("its index is gone")
			.isEqualTo(true);
	}

	@Test
	void dropDefaultAfterAddingAColumnNotNullWithADefaultBreaksOldCodesInserts() {
		this.folder.write("0001_required.sql", "ALTER TABLE plans ADD COLUMN price int DEFAULT 10 NOT NULL;\n"
				+ "ALTER TABLE plans ALTER COLUMN price DROP DEFAULT;\n");
		Forge forge = Forge.configure().dataSource(this.database.dataSource()).locations(this.folder.location()).load();
		assertThat(forge.plan().migrations().get(0).findings()).filteredOn(Finding::isBreaking)
			.extracting(Finding::operation, Finding::target, Finding::line)
			.containsExactly(tuple("DROP DEFAULT", "plans.price", 2));
		assertThatExceptionOfType(BreakingChangeException.class).isThrownBy(forge::apply);
		assertThat(this.database.columnNames("plans")).doesNotContain("price");

		Forge.configure()
			.dataSource(this.database.dataSource())
			.locations(this.folder.location())
			.onBreaking(BreakingChangePolicy.ALLOW)
			.load()
			.apply();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.database.execute("INSERT INTO plans (id, name) VALUES (11, 'old code')"))
			.withMessageContaining("null value in column \"price\"");
	}

	@Test
	void anUpdateThatJoinsEveryRowOrMatchesMostRowsIsALongTransactionWithThePlannersEstimate() {
		Finding join = single("UPDATE items SET name = plans.name FROM plans WHERE items.plan_id = plans.id");
		assertThat(join.safetyClass()).isEqualTo(SafetyClass.LONG_LOCK);
		assertThat(join.safeAlternative()).contains("backfill");
		assertThat(join.estimate()).isNotNull();
		assertThat(join.estimate().rows()).isBetween(ROWS * 9L / 10, ROWS * 11L / 10);

		Finding most = single("UPDATE items SET name = 'x' WHERE qty > 1");
		assertThat(most.safetyClass()).isEqualTo(SafetyClass.LONG_LOCK);
		assertThat(most.reason()).contains("planner");
		assertThat(most.cost()).matches("ROW EXCLUSIVE, rewrite of ~1\\d(\\.\\d)?k rows, under a second");

		Finding few = single("UPDATE items SET name = 'x' WHERE id < 100");
		assertThat(few.safetyClass()).isEqualTo(SafetyClass.SAFE);
		assertThat(few.estimate().rows()).isBetween(50L, 200L);

		assertThat(single("DELETE FROM items WHERE id > 10").safetyClass()).isEqualTo(SafetyClass.LONG_LOCK);
		assertThat(single("DELETE FROM items WHERE id < 10").safetyClass()).isEqualTo(SafetyClass.SAFE);

		// a backfill file's UPDATE already runs in batches, each in a short transaction of its own
		Finding backfill = single("-- forge:backfill\nUPDATE items SET name = 'x' WHERE name <> 'x'");
		assertThat(backfill.safetyClass()).isEqualTo(SafetyClass.SAFE);
		assertThat(backfill.reason()).contains("batches");
	}

	@Test
	void scansAndRewritesOfExistingTablesCarryTheirRowEstimate() {
		Finding index = single("CREATE INDEX items_plan_idx ON items (plan_id)");
		assertThat(index.estimate()).isNotNull();
		assertThat(index.cost()).isEqualTo("SHARE, scan of ~20k rows, under a second");
		assertThat(index.describe()).contains("(SHARE lock, scan of ~20k rows, under a second)");

		Finding reindex = single("REINDEX TABLE items");
		assertThat(reindex.target()).isEqualTo("items");
		assertThat(reindex.cost()).isEqualTo("SHARE, scan of ~20k rows, under a second");

		assertThat(single("ALTER TABLE items ADD COLUMN note text").estimate()).as("catalog only").isNull();
	}

	@Test
	void aWriteToASystemCatalogIsNeverCalledSafe() {
		Finding finding = single("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'items_identity'::regclass");
		assertThat(finding.safetyClass()).isEqualTo(SafetyClass.NOT_ANALYSED);
		assertThat(finding.target()).isEqualTo("pg_index");
	}

	@Test
	void aConcurrentIndexInsideTheFilesOwnTransactionBlockIsRefusedByPlanAndApplyBeforeAnythingRuns() {
		this.folder.write("0001_notes.sql", "CREATE TABLE notes (id int);\n");
		this.folder.write("0002_index.sql", "CREATE TABLE tags (id int);\nBEGIN;\n"
				+ "CREATE INDEX CONCURRENTLY items_plan_idx ON items (plan_id);\nCOMMIT;\n");
		Forge forge = Forge.configure().dataSource(this.database.dataSource()).locations(this.folder.location()).load();
		String message = this.folder.directory().resolve("0002_index.sql") + ":3: 'CREATE INDEX CONCURRENTLY"
				+ " items_plan_idx' cannot run inside a transaction block, and the 'BEGIN' on line 2 opens one";

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(forge::plan)
			.withMessageStartingWith(message);
		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(forge::apply)
			.withMessageStartingWith(message);
		assertThat(this.database.tableExists("notes")).isFalse();
		assertThat(this.database.tableExists("tags")).isFalse();
		assertThat(this.database.value("SELECT to_regclass('items_plan_idx') IS NULL")).isEqualTo(true);
	}

	private Finding single(String sql) {
		this.folder.write("0001_change.sql", sql + ";\n");
		MigrationPlan plan = Forge.configure()
			.dataSource(this.database.dataSource())
			.locations(this.folder.location())
			.load()
			.plan();
		List<Finding> findings = plan.migrations().get(0).findings();
		assertThat(findings).hasSize(1);
		return findings.get(0);
	}

	/** Runs the statement behind a blocker and checks the lock it waits for on {@code items}. */
	private void assertWaits(String statement, String blocker, LockLevel blockerLock, LockLevel expectedLock)
			throws Exception {
		assertThat(expectedLock.conflictsWith(blockerLock)).as("the analyser's conflict table").isTrue();
		try (Connection holder = this.database.connect()) {
			holder.setAutoCommit(false);
			execute(holder, blocker);
			try (Connection waiter = this.database.connect()) {
				int waiterPid = backendPid(waiter);
				CompletableFuture<Void> running = CompletableFuture.runAsync(() -> execute(waiter, statement));
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(this.database.column("SELECT mode FROM pg_locks WHERE pid = "
							+ waiterPid + " AND relation = 'items'::regclass AND NOT granted"))
						.as("pg_locks of the waiting statement")
						.containsExactly(expectedLock.pgLocksMode()));
				assertThat(running).isNotDone();
				holder.rollback();
				running.get(30, TimeUnit.SECONDS);
			}
		}
	}

	private static int backendPid(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
			result.next();
			return result.getInt(1);
		}
	}

	private static void execute(Connection connection, String sql) {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run [" + sql + "]: " + ex.getMessage(), ex);
		}
	}

}
