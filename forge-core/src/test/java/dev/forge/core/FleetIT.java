package dev.forge.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.forge.core.internal.fleet.NodeTable;
import dev.forge.core.sample.Project;
import dev.forge.core.sample.User;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet on one database: nodes join, heartbeat, leave and expire; a heartbeat holds no
 * transaction and no lock between beats; a deferred drop names the live node that still uses
 * the column, waits under {@code manual} with "safe to contract" once it is gone, and applies
 * by itself under {@code auto} with a note in the history; a registration and an automatic
 * contract never miss each other.
 */
class FleetIT extends EngineTestSupport {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static final Duration HEARTBEAT = Duration.ofMillis(200);

	private static final String DROP = "0002_drop_legacy_email";

	private static final String HEARTBEATS = "SELECT pid FROM pg_stat_activity"
			+ " WHERE query LIKE 'UPDATE public.forge_nodes SET heartbeat_at%'";

	private static final Set<String> OLD_CODE = Set.of("users", "users.id", "users.email", "users.legacy_email");

	private static final Set<String> NEW_CODE = Set.of("users", "users.id", "users.email");

	FleetIT(TestDatabase database) {
		super(database);
	}

	@BeforeEach
	void usersWithALegacyColumnAndItsDeferredDrop() {
		this.folder
			.write("0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy_email text);\n")
			.write(DROP + ".sql", "-- forge:deferred\n-- Up\nALTER TABLE users DROP COLUMN legacy_email;\n");
	}

	private Forge forge(DeferredPolicy policy) {
		return configure().nodeTimeout(TIMEOUT).deferredPolicy(policy).nodeName("applier").load();
	}

	@Test
	void aNodeJoinsHeartbeatsAndLeaves() throws Exception {
		Fleet fleet = forge(DeferredPolicy.MANUAL).fleet();
		assertThat(fleet.liveNodes()).isEmpty();

		try (FleetMembership membership = fleet.join(new NodeRegistration("web", "1.4.1", OLD_CODE), HEARTBEAT)) {
			FleetNode node = single(fleet.liveNodes());
			assertThat(node.id()).isEqualTo(membership.nodeId()).contains("-" + ProcessHandle.current().pid() + "-");
			assertThat(node.pid()).isEqualTo(ProcessHandle.current().pid());
			assertThat(node.application()).isEqualTo("web");
			assertThat(node.version()).isEqualTo("1.4.1");
			assertThat(node.uses()).isEqualTo(OLD_CODE);
			assertThat(node.describe()).isEqualTo("web (1.4.1) on " + node.host() + " pid " + node.pid());
			Instant first = node.heartbeatAt();
			await("the heartbeat advances", () -> single(fleet.liveNodes()).heartbeatAt().isAfter(first));
			assertThat(this.database.value("SELECT count(*) FROM forge_nodes")).isEqualTo(1L);
		}

		assertThat(fleet.liveNodes()).isEmpty();
		assertThat(this.database.value("SELECT count(*) FROM forge_nodes")).as("a clean stop removes the row")
			.isEqualTo(0L);
	}

	@Test
	void aNodeThatStopsHeartbeatingExpiresAfterTheTimeout() throws Exception {
		Fleet fleet = forge(DeferredPolicy.MANUAL).fleet();
		try (FleetMembership membership = fleet.join(new NodeRegistration("web", null, NEW_CODE), HEARTBEAT)) {
			// a killed node's row: written once, never again
			this.database.execute("INSERT INTO forge_nodes (id, host, pid, application, uses)"
					+ " VALUES ('killed', 'host-b', 41, 'web-old', '{users.legacy_email}')");
			assertThat(fleet.liveNodes()).extracting(FleetNode::id).containsExactly(membership.nodeId(), "killed");
			long start = System.nanoTime();

			await("the killed node expires", () -> fleet.liveNodes().size() == 1);

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(TIMEOUT.minusMillis(500));
			assertThat(single(fleet.liveNodes()).id()).isEqualTo(membership.nodeId());
		}
	}

	@Test
	void aNodeWhoseRowWasDeletedOrWhoseConnectionWasKilledRegistersAgain() throws Exception {
		Fleet fleet = forge(DeferredPolicy.MANUAL).fleet();
		try (FleetMembership membership = fleet.join(new NodeRegistration("web", "2", NEW_CODE), HEARTBEAT)) {
			this.database.execute("DELETE FROM forge_nodes");
			await("the row comes back", () -> fleet.liveNodes().size() == 1);

			int killed = heartbeatConnection();
			this.database.execute("SELECT pg_terminate_backend(" + killed + ")");
			Instant before = single(fleet.liveNodes()).heartbeatAt();
			await("it heartbeats on a new connection",
					() -> single(fleet.liveNodes()).heartbeatAt().isAfter(before.plusMillis(50)));
			await("one heartbeat connection, not the killed one", () -> {
				List<Object> pids = this.database.column(HEARTBEATS);
				return pids.size() == 1 && !pids.contains(killed);
			});
		}
	}

	@Test
	void heartbeatsLeaveTheirConnectionIdleWithoutATransactionOrALock() throws Exception {
		Fleet fleet = forge(DeferredPolicy.MANUAL).fleet();
		try (FleetMembership membership = fleet.join(new NodeRegistration("web", "2", NEW_CODE),
				Duration.ofMillis(50))) {
			Instant first = single(fleet.liveNodes()).heartbeatAt();
			long pid = heartbeatConnection();
			List<String> states = new ArrayList<>();
			List<String> idleSince = new ArrayList<>();
			int idleSamples = 0;
			int idleWithLocks = 0;
			try (Connection connection = this.database.connect();
					PreparedStatement activity = connection
						.prepareStatement("SELECT state, state_change FROM pg_stat_activity WHERE pid = ?");
					PreparedStatement locks = connection
						.prepareStatement("SELECT count(*) FROM pg_locks WHERE pid = ?")) {
				activity.setLong(1, pid);
				locks.setLong(1, pid);
				long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
				while (System.nanoTime() < end) {
					// locks seen between two reads of the same idle state were held while idle
					String before = state(activity);
					long held = count(locks);
					String after = state(activity);
					states.add(before.substring(0, before.indexOf('@')));
					if (before.startsWith("idle@")) {
						idleSince.add(before);
					}
					if (before.equals(after) && before.startsWith("idle@")) {
						idleSamples++;
						if (held > 0) {
							idleWithLocks++;
						}
					}
					Thread.sleep(2);
				}
			}
			assertThat(states).hasSizeGreaterThan(100)
				.doesNotContain("idle in transaction", "idle in transaction (aborted)");
			assertThat(idleSamples).isGreaterThan(50);
			// each statement ends with a new state_change: at most one per interval of 50 ms
			long statements = idleSince.stream().distinct().count();
			assertThat(statements).as("statements seen in 2 s").isBetween(5L, 2000L / 50 + 3);
			assertThat(idleWithLocks).as("samples of an idle heartbeat connection holding a lock").isZero();
			assertThat(single(fleet.liveNodes()).heartbeatAt()).as("it heartbeat meanwhile").isAfter(first);
		}
	}

	@Test
	void aNodeRegistersTheTablesAndColumnsOfItsModels() {
		NodeRegistration registration = NodeRegistration.ofModels("web", "1.4.2", List.of(User.class, Project.class));

		assertThat(registration.application()).isEqualTo("web");
		assertThat(registration.version()).isEqualTo("1.4.2");
		assertThat(registration.uses()).containsExactlyInAnyOrder("users", "users.id", "users.email", "projects",
				"projects.id", "projects.name", "projects.description", "projects.owner_id", "projects.created_at");
	}

	@Test
	void aDeferredDropNamesTheLiveNodeThatUsesTheColumnUntilItLeaves() {
		Forge forge = forge(DeferredPolicy.MANUAL);
		forge.apply();
		Fleet fleet = forge.fleet();
		try (FleetMembership newNode = fleet.join(new NodeRegistration("web", "1.4.2", NEW_CODE), HEARTBEAT)) {
			FleetMembership oldNode = fleet.join(new NodeRegistration("web", "1.4.1", OLD_CODE), HEARTBEAT);
			FleetNode old = fleet.liveNodes()
				.stream()
				.filter((node) -> node.id().equals(oldNode.nodeId()))
				.findFirst()
				.orElseThrow();

			ContractCheck blocked = single(fleet.contractChecks());
			assertThat(blocked.migration()).isEqualTo(DROP);
			assertThat(blocked.removes()).containsExactly("users.legacy_email");
			assertThat(blocked.blockedBy()).singleElement().satisfies((blocker) -> {
				assertThat(blocker.node().id()).isEqualTo(oldNode.nodeId());
				assertThat(blocker.uses()).containsExactly("users.legacy_email");
			});
			assertThat(blocked.safe()).isFalse();
			MigrationPlan plan = forge.plan();
			assertThat(plan.whyWaiting(plan.find(DROP).orElseThrow())).hasValueSatisfying((why) -> assertThat(why)
				.contains("It waits for web (1.4.1) on " + old.host() + " pid " + old.pid()
						+ ", which uses users.legacy_email."));

			oldNode.close();

			ContractCheck safe = single(fleet.contractChecks());
			assertThat(safe.blockedBy()).isEmpty();
			assertThat(safe.safe()).isTrue();
			ApplyResult manual = forge.apply();
			assertThat(manual.applied()).isEmpty();
			assertThat(manual.warnings()).singleElement()
				.asString()
				.contains("It is safe to contract: no live node uses users.legacy_email; add '-- forge:allow-breaking'"
						+ " or set forge.migrations.deferred=auto.");
			assertThat(this.database.columnNames("users")).contains("legacy_email");
		}
	}

	@Test
	void aDroppedTableBlocksEveryNodeThatUsesTheTableOrAnyOfItsColumns() {
		this.folder.write(DROP + ".sql", "-- forge:deferred\n-- Up\nDROP TABLE public.users;\n");
		Forge forge = forge(DeferredPolicy.MANUAL);
		forge.apply();
		try (FleetMembership columnUser = forge.fleet()
			.join(new NodeRegistration("reports", null, Set.of("users.email")), HEARTBEAT);
				FleetMembership other = forge.fleet()
					.join(new NodeRegistration("billing", null, Set.of("invoices", "invoices.id")), HEARTBEAT)) {
			ContractCheck check = single(forge.fleet().contractChecks());

			assertThat(check.removes()).containsExactly("users");
			assertThat(check.blockedBy()).singleElement().satisfies((blocker) -> {
				assertThat(blocker.node().id()).isEqualTo(columnUser.nodeId());
				assertThat(blocker.uses()).containsExactly("users.email");
			});
		}
	}

	@Test
	void autoAppliesTheDeferredDropOnceTheOldNodeLeavesAndTheHistorySaysWhy() {
		assertThat(forge(DeferredPolicy.MANUAL).apply().applied()).extracting(MigrationExecution::name)
			.containsExactly("0001_users");
		Forge forge = forge(DeferredPolicy.AUTO);
		try (FleetMembership newNode = forge.fleet().join(new NodeRegistration("web", "1.4.2", NEW_CODE), HEARTBEAT)) {
			FleetMembership oldNode = forge.fleet().join(new NodeRegistration("web", "1.4.1", OLD_CODE), HEARTBEAT);

			ApplyResult waiting = forge.apply();

			assertThat(waiting.applied()).isEmpty();
			assertThat(waiting.warnings()).singleElement().asString().contains("It waits for web (1.4.1)",
					"which uses users.legacy_email");
			assertThat(this.database.columnNames("users")).contains("legacy_email");

			oldNode.close();
			ApplyResult applied = forge.apply();

			assertThat(applied.applied()).extracting(MigrationExecution::name).containsExactly(DROP);
			assertThat(applied.warnings()).isEmpty();
			assertThat(this.database.columnNames("users")).containsExactly("id", "email");
			String note = "applied automatically (forge.migrations.deferred=auto): no live node uses"
					+ " users.legacy_email; 1 live node checked";
			assertThat(this.database.value("SELECT note FROM forge_migrations WHERE name = '" + DROP + "'"))
				.isEqualTo(note);
			assertThat(forge.status().migrations()).filteredOn((info) -> info.name().equals(DROP))
				.singleElement()
				.satisfies((info) -> {
					assertThat(info.state()).isEqualTo(MigrationState.APPLIED);
					assertThat(info.note()).isEqualTo(note);
				});
			assertThat(forge.status().migrations()).filteredOn((info) -> info.name().equals("0001_users"))
				.singleElement()
				.satisfies((info) -> assertThat(info.note()).isNull());
		}
	}

	@Test
	void autoAddsTheNoteColumnToAHistoryTableThatLacksIt() {
		forge(DeferredPolicy.MANUAL).apply();
		this.database.execute("ALTER TABLE forge_migrations DROP COLUMN note");
		Forge forge = forge(DeferredPolicy.AUTO);
		assertThat(forge.status().migrations()).extracting(MigrationInfo::note).containsOnlyNulls();

		assertThat(forge.apply().applied()).extracting(MigrationExecution::name).containsExactly(DROP);

		assertThat(this.database.value("SELECT note FROM forge_migrations WHERE name = '" + DROP + "'"))
			.asString()
			.startsWith("applied automatically")
			.endsWith("0 live nodes checked");
	}

	@Test
	void autoLeavesADeferredFileWithoutATransactionWaitingAndSaysWhy() {
		this.folder.write(DROP + ".sql",
				"-- forge:deferred\n-- forge:no-transaction\n-- Up\nALTER TABLE users DROP COLUMN legacy_email;\n");
		Forge forge = forge(DeferredPolicy.AUTO);

		ApplyResult result = forge.apply();

		assertThat(result.applied()).extracting(MigrationExecution::name).containsExactly("0001_users");
		assertThat(result.warnings()).anySatisfy((warning) -> assertThat(warning)
			.contains(DROP, "runs without a transaction, so 'forge.migrations.deferred=auto' does not apply it"));
		assertThat(this.database.columnNames("users")).contains("legacy_email");
	}

	@Test
	void aRegistrationRacingAnAutomaticContractWaitsForItsCommit() throws Exception {
		this.folder.write(DROP + ".sql", "-- forge:deferred\n-- Up\nALTER TABLE users DROP COLUMN legacy_email;\n"
				+ "SELECT pg_sleep(1.5);\n");
		forge(DeferredPolicy.MANUAL).apply();
		Forge forge = forge(DeferredPolicy.AUTO);
		// the first node's registration creates the table
		forge.fleet().join(new NodeRegistration("web", "1.4.2", NEW_CODE), HEARTBEAT).close();

		CompletableFuture<ApplyResult> apply = CompletableFuture.supplyAsync(forge::apply);
		await("the contract runs", () -> Boolean.TRUE.equals(this.database.value(
				"SELECT EXISTS (SELECT FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(1.5)%')")));
		CompletableFuture<FleetMembership> join = CompletableFuture
			.supplyAsync(() -> forge.fleet().join(new NodeRegistration("web", "1.4.1", OLD_CODE), HEARTBEAT));
		await("the registration waits for the fleet lock", () -> Boolean.TRUE.equals(this.database.value(
				"SELECT EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' AND NOT granted)")));
		assertThat(join).isNotDone();

		ApplyResult result = apply.get(30, TimeUnit.SECONDS);
		try (FleetMembership late = join.get(30, TimeUnit.SECONDS)) {
			assertThat(result.applied()).extracting(MigrationExecution::name).containsExactly(DROP);
			assertThat(this.database.value("SELECT (SELECT started_at FROM forge_nodes) > (SELECT applied_at"
					+ " FROM forge_migrations WHERE name = '" + DROP + "')"))
				.as("the node registered after the drop committed")
				.isEqualTo(true);
			assertThat(late.nodeId()).isNotBlank();
		}
	}

	@Test
	void anAutomaticContractWaitsForARegistrationInProgressAndThenDoesNotApply() throws Exception {
		forge(DeferredPolicy.MANUAL).apply();
		Forge forge = forge(DeferredPolicy.AUTO);
		forge.fleet().join(new NodeRegistration("web", "1.4.2", NEW_CODE), HEARTBEAT).close();
		NodeTable table = new NodeTable("public", "forge_migrations");

		CompletableFuture<ApplyResult> apply;
		try (Connection registering = this.database.connect()) {
			// a node's registration, its transaction still open: it holds the fleet lock shared
			registering.setAutoCommit(false);
			try (Statement statement = registering.createStatement()) {
				statement.execute(table.lockExclusiveStatement().replace("pg_advisory_xact_lock(",
						"pg_advisory_xact_lock_shared("));
				statement.execute("INSERT INTO forge_nodes (id, host, pid, application, version, uses)"
						+ " VALUES ('web-old', 'host-b', 41, 'web', '1.4.1', '{users,users.legacy_email}')");
			}
			apply = CompletableFuture.supplyAsync(forge::apply);
			await("the contract waits for the fleet lock", () -> Boolean.TRUE.equals(this.database.value(
					"SELECT EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' AND NOT granted)")));
			registering.commit();
		}

		ApplyResult result = apply.get(30, TimeUnit.SECONDS);
		assertThat(result.applied()).isEmpty();
		assertThat(result.warnings()).singleElement()
			.asString()
			.contains(DROP + " (", "was not applied automatically: it waits for web (1.4.1) on host-b pid 41, which"
					+ " uses users.legacy_email, which registered while it was about to apply.");
		assertThat(this.database.columnNames("users")).contains("legacy_email");
		assertThat(this.database.value("SELECT count(*) FROM forge_migrations WHERE name = '" + DROP + "'"))
			.isEqualTo(0L);
	}

	/** The backend of the one heartbeat connection, found by its last statement. */
	private int heartbeatConnection() throws Exception {
		await("a heartbeat ran", () -> this.database.column(HEARTBEATS).size() == 1);
		return (Integer) this.database.value(HEARTBEATS);
	}

	private static String state(PreparedStatement activity) throws Exception {
		try (ResultSet result = activity.executeQuery()) {
			assertThat(result.next()).as("the heartbeat connection is open").isTrue();
			return result.getString(1) + "@" + result.getString(2);
		}
	}

	private static long count(PreparedStatement query) throws Exception {
		try (ResultSet result = query.executeQuery()) {
			result.next();
			return result.getLong(1);
		}
	}

	private static <T> T single(List<T> items) {
		assertThat(items).hasSize(1);
		return items.get(0);
	}

	private static void await(String what, Condition condition) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (!condition.met()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out waiting until " + what);
			}
			Thread.sleep(20);
		}
	}

	@FunctionalInterface
	private interface Condition {

		boolean met() throws Exception;

	}

}
