package dev.forge.boot.dashboard;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.forge.boot.autoconfigure.ForgeConfigurationCustomizer;
import dev.forge.core.DeferredPolicy;
import dev.forge.core.FleetMembership;
import dev.forge.core.MigrationExecution;
import dev.forge.core.NodeRegistration;
import dev.forge.testsupport.TestDatabase;
import dev.forge.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet in the dashboard's JSON API over real HTTP on a real PostgreSQL: the live nodes,
 * and for a pending deferred file what it removes and which nodes it waits for, or that it
 * is safe to contract. The old code's node joins the fleet through {@code Forge.fleet()} in
 * the test, as a node of another application version would.
 */
class ForgeDashboardFleetIT {

	static final String PHASE_2 = "0002_drop_legacy_email";

	/** What the old code's models use: the users table with the column phase 2 drops. */
	static final NodeRegistration OLD_CODE = new NodeRegistration("web-2", "1.4.2",
			Set.of("users", "users.id", "users.email", "users.legacy_email"));

	/** What the new code's models use: the users table without the old column. */
	static final NodeRegistration NEW_CODE = new NodeRegistration("web-3", "1.5.0",
			Set.of("users", "users.id", "users.email"));

	private static final JsonMapper JSON = JsonMapper.shared();

	private static TestDatabase database;

	private final List<FleetMembership> memberships = new ArrayList<>();

	private JobsDashboard dashboard;

	@TempDir
	Path migrations;

	@BeforeAll
	static void createDatabase() {
		database = TestPostgres.server().createDatabase("dashboard_fleet");
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@AfterEach
	void stop() {
		this.memberships.forEach(FleetMembership::close);
		if (this.dashboard != null) {
			this.dashboard.close();
		}
		database.reset();
	}

	/** The users table, and phase 2 of a two-phase change that drops its old column. */
	static void usersWithDeferredDrop(Path migrations) throws IOException {
		Files.writeString(migrations.resolve("0001_create_users.sql"),
				"CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy_email text);\n");
		Files.writeString(migrations.resolve(PHASE_2 + ".sql"), """
				-- forge:deferred
				-- Up
				ALTER TABLE users DROP COLUMN legacy_email;
				-- Down
				ALTER TABLE users ADD COLUMN legacy_email text;
				""");
	}

	@Test
	void aDeferredDropWaitsForTheNodeThatUsesTheColumnAndIsSafeToContractOnceItLeaves() throws Exception {
		usersWithDeferredDrop(this.migrations);
		this.dashboard = JobsDashboard.start(database, this.migrations);
		this.dashboard.operations().apply();
		FleetMembership old = join(OLD_CODE);
		FleetMembership current = join(NEW_CODE);

		JsonNode status = status();

		assertThat(status.get("deferredPolicy").asString()).isEqualTo("MANUAL");
		assertThat(status.get("nodeTimeoutSeconds").asLong()).isEqualTo(30);
		JsonNode node = node(status, "web-2");
		String host = node.get("host").asString();
		long pid = ProcessHandle.current().pid();
		assertThat(node.get("id").asString()).isEqualTo(old.nodeId());
		assertThat(node.get("version").asString()).isEqualTo("1.4.2");
		assertThat(host).isNotBlank();
		assertThat(node.get("pid").asLong()).isEqualTo(pid);
		assertThat(node.get("startedAt").isNull()).isFalse();
		assertThat(node.get("heartbeatSecondsAgo").asLong()).isBetween(0L, 10L);
		assertThat(strings(node.get("uses"))).containsExactly("users", "users.email", "users.id", "users.legacy_email");
		assertThat(strings(node.get("holdsBack"))).containsExactly(PHASE_2);
		assertThat(node(status, "web-3").get("id").asString()).isEqualTo(current.nodeId());
		assertThat(strings(node(status, "web-3").get("holdsBack"))).isEmpty();

		assertThat(migration(status, "0001_create_users").get("contract").isNull()).isTrue();
		JsonNode phase2 = migration(status, PHASE_2);
		assertThat(phase2.get("status").asString()).isEqualTo("PENDING");
		JsonNode contract = phase2.get("contract");
		assertThat(strings(contract.get("removes"))).containsExactly("users.legacy_email");
		assertThat(contract.get("safe").asBoolean()).isFalse();
		assertThat(contract.get("blockedBy")).hasSize(1);
		JsonNode blocker = contract.get("blockedBy").get(0);
		assertThat(blocker.get("node").asString()).isEqualTo(old.nodeId());
		assertThat(blocker.get("application").asString()).isEqualTo("web-2");
		assertThat(blocker.get("version").asString()).isEqualTo("1.4.2");
		assertThat(strings(blocker.get("uses"))).containsExactly("users.legacy_email");
		assertThat(strings(contract.get("lines")))
			.containsExactly("waiting for web-2 (1.4.2) on " + host + " pid " + pid + ", which uses users.legacy_email");
		assertThat(contract.get("next").isNull()).as("a manual file waiting for a node has nothing more to say")
			.isTrue();

		old.close();
		status = status();

		assertThat(names(status)).doesNotContain("web-2").contains("web-3");
		contract = migration(status, PHASE_2).get("contract");
		assertThat(contract.get("safe").asBoolean()).isTrue();
		assertThat(contract.get("blockedBy")).isEmpty();
		assertThat(strings(contract.get("lines"))).containsExactly("safe to contract: no live node uses users.legacy_email");
		assertThat(contract.get("next").asString()).startsWith("Add '-- forge:allow-breaking' to the file to apply it")
			.contains("forge.migrations.deferred=auto");
		assertThat(migration(status, PHASE_2).get("status").asString()).as("manual: it still waits").isEqualTo("PENDING");
		assertThat(database.columnNames("users")).contains("legacy_email");
	}

	@Test
	void aDeferredDropWhoseBreakingChangesAreAcceptedNamesTheNodeButWaitsForNone() throws Exception {
		Files.writeString(this.migrations.resolve("0001_create_users.sql"),
				"CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy_email text);\n");
		this.dashboard = JobsDashboard.start(database, this.migrations);
		this.dashboard.operations().apply();
		Files.writeString(this.migrations.resolve(PHASE_2 + ".sql"),
				"-- forge:deferred\n-- forge:allow-breaking\n-- Up\nALTER TABLE users DROP COLUMN legacy_email;\n");
		join(OLD_CODE);

		JsonNode phase2 = migration(status(), PHASE_2);

		assertThat(phase2.get("waits").isNull()).isTrue();
		assertThat(phase2.get("contract").get("blockedBy")).hasSize(1);
		assertThat(strings(phase2.get("contract").get("lines"))).singleElement()
			.asString()
			.startsWith("still used by web-2 (1.4.2) on ");
		assertThat(phase2.get("contract").get("next").asString())
			.startsWith("Its breaking changes are accepted with '-- forge:allow-breaking': it applies at the next apply");
	}

	@Test
	void withTheAutoPolicyTheRowSaysItAppliesByItself() throws Exception {
		usersWithDeferredDrop(this.migrations);
		this.dashboard = JobsDashboard.start(database, this.migrations, AutoContract.class);
		FleetMembership old = join(OLD_CODE);
		this.dashboard.operations().apply();

		JsonNode status = status();

		assertThat(status.get("deferredPolicy").asString()).isEqualTo("AUTO");
		JsonNode contract = migration(status, PHASE_2).get("contract");
		assertThat(contract.get("safe").asBoolean()).isFalse();
		assertThat(contract.get("next").asString())
			.isEqualTo("It applies by itself once nothing holds it back (forge.migrations.deferred=auto).");

		old.close();
		contract = migration(status(), PHASE_2).get("contract");

		assertThat(contract.get("safe").asBoolean()).isTrue();
		assertThat(contract.get("next").asString())
			.isEqualTo("It applies by itself at a node's next check (forge.migrations.deferred=auto).");

		// what a node's check does once nothing holds the file back
		assertThat(this.dashboard.operations().apply().applied()).extracting(MigrationExecution::name).containsExactly(PHASE_2);
		JsonNode applied = migration(status(), PHASE_2);

		assertThat(applied.get("status").asString()).isEqualTo("APPLIED");
		assertThat(applied.get("contract").isNull()).isTrue();
		assertThat(applied.get("note").asString())
			.startsWith("applied automatically (forge.migrations.deferred=auto): ")
			.contains("users.legacy_email");
		assertThat(migration(status(), "0001_create_users").get("note").isNull()).isTrue();
		assertThat(database.columnNames("users")).doesNotContain("legacy_email");
	}

	@Test
	void aDeferredDropThatAlsoWaitsForItsBackfillSaysSoUntilTheJobIsDone() throws Exception {
		Files.writeString(this.migrations.resolve("0001_create_users.sql"), """
				CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy_email text);
				INSERT INTO users (id, legacy_email) SELECT i, 'user' || i || '@example.com' FROM generate_series(1, 50) AS i;
				""");
		Files.writeString(this.migrations.resolve("0002_copy_email.sql"), """
				-- forge:backfill batch-size=20
				-- Up
				UPDATE users SET email = legacy_email WHERE email IS NULL;
				""");
		Files.writeString(this.migrations.resolve("0003_drop_legacy_email.sql"), """
				-- forge:deferred
				-- forge:after-backfill 0002_copy_email
				-- Up
				ALTER TABLE users DROP COLUMN legacy_email;
				""");
		this.dashboard = JobsDashboard.start(database, this.migrations);
		this.dashboard.operations().apply();
		join(NEW_CODE);

		JsonNode contract = migration(status(), "0003_drop_legacy_email").get("contract");

		assertThat(contract.get("safe").asBoolean()).isFalse();
		assertThat(contract.get("blockedBy")).isEmpty();
		assertThat(contract.get("backfillWait").asString()).startsWith("waits for backfill job 0002_copy_email");
		assertThat(strings(contract.get("lines"))).containsExactly("no live node uses users.legacy_email",
				contract.get("backfillWait").asString());

		this.dashboard.operations().runBackfill("0002_copy_email");
		contract = migration(status(), "0003_drop_legacy_email").get("contract");

		assertThat(contract.get("safe").asBoolean()).isTrue();
		assertThat(contract.get("backfillWait").isNull()).isTrue();
		assertThat(strings(contract.get("lines"))).containsExactly("safe to contract: no live node uses users.legacy_email");
	}

	@Test
	void withoutPendingDeferredFilesNoRowHasAContractAndNoNodeHoldsAnythingBack() throws Exception {
		Files.writeString(this.migrations.resolve("0001_create_users.sql"),
				"CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy_email text);\n");
		this.dashboard = JobsDashboard.start(database, this.migrations);
		this.dashboard.operations().apply();
		assertThat(names(status())).doesNotContain("web-2");
		join(OLD_CODE);

		JsonNode status = status();

		assertThat(strings(node(status, "web-2").get("holdsBack"))).isEmpty();
		assertThat(migration(status, "0001_create_users").get("contract").isNull()).isTrue();
	}

	FleetMembership join(NodeRegistration registration) {
		FleetMembership membership = this.dashboard.operations()
			.getForge()
			.fleet()
			.join(registration, Duration.ofSeconds(1));
		this.memberships.add(membership);
		return membership;
	}

	private JsonNode status() throws Exception {
		HttpResponse<String> response = this.dashboard.get("api/status");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static JsonNode node(JsonNode status, String application) {
		for (JsonNode node : status.get("nodes")) {
			if (node.get("application").asString().equals(application)) {
				return node;
			}
		}
		throw new AssertionError("no live node of " + application + " in " + status.get("nodes"));
	}

	private static List<String> names(JsonNode status) {
		List<String> names = new ArrayList<>();
		status.get("nodes").forEach((node) -> names.add(node.get("application").asString()));
		return names;
	}

	private static JsonNode migration(JsonNode status, String name) {
		for (JsonNode migration : status.get("migrations")) {
			if (migration.get("name").asString().equals(name)) {
				return migration;
			}
		}
		throw new AssertionError("no migration " + name + " in " + status.get("migrations"));
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		array.forEach((item) -> strings.add(item.asString()));
		return strings;
	}

	/** Lets a node apply a deferred file by itself once nothing holds it back. */
	@Configuration(proxyBeanMethods = false)
	static class AutoContract {

		@Bean
		ForgeConfigurationCustomizer autoContract() {
			return (configuration) -> configuration.deferredPolicy(DeferredPolicy.AUTO);
		}

	}

}
