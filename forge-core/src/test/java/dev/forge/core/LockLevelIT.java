package dev.forge.core;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.forge.core.internal.safety.SafetyAnalyzer;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The analyser's predicted lock levels against what PostgreSQL really does: a statement runs
 * on one connection while another holds a conflicting lock in an open transaction; the
 * statement waits, and {@code pg_locks} shows it waiting for exactly the predicted mode.
 */
@PostgresTest
class LockLevelIT {

	private final TestDatabase database;

	LockLevelIT(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void createTables() {
		this.database.reset();
		this.database.execute("CREATE TABLE parents (id int PRIMARY KEY);"
				+ " CREATE TABLE items (id int, parent_id int, v text);"
				+ " INSERT INTO parents SELECT g FROM generate_series(1, 10) g;"
				+ " INSERT INTO items SELECT g, 1 + g % 10, 'v' || g FROM generate_series(1, 1000) g;"
				+ " ALTER TABLE items ADD CONSTRAINT items_v_check CHECK (v <> '') NOT VALID");
	}

	static Stream<Arguments> waits() {
		String reader = "SELECT count(*) FROM items";
		String writer = "INSERT INTO items VALUES (0, 1, 'x')";
		String maintenance = "ANALYZE items";
		return Stream.of(
				Arguments.of("CREATE INDEX items_v_idx ON items (v)", writer, LockLevel.ROW_EXCLUSIVE,
						SafetyClass.LONG_LOCK, LockLevel.SHARE),
				Arguments.of("ALTER TABLE items ADD COLUMN token uuid DEFAULT gen_random_uuid()", reader,
						LockLevel.ACCESS_SHARE, SafetyClass.LONG_LOCK, LockLevel.ACCESS_EXCLUSIVE),
				Arguments.of("ALTER TABLE items ALTER COLUMN v SET NOT NULL", reader, LockLevel.ACCESS_SHARE,
						SafetyClass.BREAKING, LockLevel.ACCESS_EXCLUSIVE),
				Arguments.of("ALTER TABLE items ADD CONSTRAINT items_parent_fk FOREIGN KEY (parent_id) REFERENCES"
						+ " parents (id) NOT VALID", writer, LockLevel.ROW_EXCLUSIVE, SafetyClass.SAFE,
						LockLevel.SHARE_ROW_EXCLUSIVE),
				Arguments.of("CREATE INDEX CONCURRENTLY items_v_idx ON items (v)", maintenance,
						LockLevel.SHARE_UPDATE_EXCLUSIVE, SafetyClass.SAFE, LockLevel.SHARE_UPDATE_EXCLUSIVE),
				Arguments.of("ALTER TABLE items VALIDATE CONSTRAINT items_v_check", maintenance,
						LockLevel.SHARE_UPDATE_EXCLUSIVE, SafetyClass.SAFE, LockLevel.SHARE_UPDATE_EXCLUSIVE));
	}

	@ParameterizedTest(name = "{0} waits behind {1}")
	@MethodSource("waits")
	void aStatementWaitsForTheLockTheAnalyserPredicts(String statement, String blocker, LockLevel blockerLock,
			SafetyClass expectedClass, LockLevel expectedLock) throws Exception {
		Finding finding = analyse(statement);
		assertThat(finding.safetyClass()).isEqualTo(expectedClass);
		assertThat(finding.lockLevel()).isEqualTo(expectedLock);
		assertThat(expectedLock.conflictsWith(blockerLock)).as("the analyser's conflict table").isTrue();

		try (Connection holder = this.database.connect()) {
			holder.setAutoCommit(false);
			execute(holder, blocker);
			assertThat(heldModes(backendPid(holder))).contains(blockerLock.pgLocksMode());

			try (Connection waiter = this.database.connect()) {
				int waiterPid = backendPid(waiter);
				CompletableFuture<Void> running = CompletableFuture.runAsync(() -> execute(waiter, statement));

				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(waitingModes(waiterPid))
					.as("pg_locks of the waiting statement").containsExactly(expectedLock.pgLocksMode()));
				assertThat(running).isNotDone();

				holder.rollback();
				running.get(30, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void createIndexDoesNotWaitForReadersAsItsShareLockLetsReadsGoOn() throws Exception {
		Finding finding = analyse("CREATE INDEX items_v_idx ON items (v)");
		assertThat(finding.lockLevel().blocksReads()).isFalse();

		try (Connection reader = this.database.connect()) {
			reader.setAutoCommit(false);
			execute(reader, "SELECT count(*) FROM items");

			try (Connection builder = this.database.connect()) {
				CompletableFuture.runAsync(() -> execute(builder, "CREATE INDEX items_v_idx ON items (v)"))
					.get(30, TimeUnit.SECONDS);
			}
			reader.rollback();
		}
		assertThat(this.database.value("SELECT to_regclass('items_v_idx') IS NOT NULL")).isEqualTo(true);
	}

	private static Finding analyse(String statement) {
		List<Finding> findings = new SafetyAnalyzer(SafetyAnalyzer.DEFAULT_SERVER_VERSION).analyze(statement);
		assertThat(findings).isNotEmpty();
		return findings.get(0);
	}

	private List<Object> waitingModes(int pid) {
		return this.database.column("SELECT mode FROM pg_locks WHERE pid = " + pid
				+ " AND relation = 'items'::regclass AND NOT granted");
	}

	private List<Object> heldModes(int pid) {
		return this.database.query("SELECT mode FROM pg_locks WHERE pid = " + pid
				+ " AND relation = 'items'::regclass AND granted")
			.stream()
			.map((Map<String, Object> row) -> row.get("mode"))
			.toList();
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
