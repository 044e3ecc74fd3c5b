package dev.forge.boot.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.actuate.endpoint.ForgeMigrationsEndpoint;
import dev.forge.boot.actuate.health.ForgeHealthIndicator;
import dev.forge.boot.actuate.metrics.ForgeMetrics;
import dev.forge.boot.fixtures.fleet.FleetFiles;
import dev.forge.core.FleetMembership;
import dev.forge.core.Forge;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deferred file that drops {@code users.legacy_email} while a node of the old code still
 * uses it, as {@code migrate nodes}, {@code plan} and {@code status}, the
 * {@code forge-migrations} endpoint, health and metrics show it; and once that node left.
 */
@PostgresTest
class MigrateFleetIT {

	private final TestDatabase database;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private ForgeOperations operations;

	private MigrateCommandLine commandLine;

	private FleetMembership oldNode;

	@TempDir
	private Path folder;

	MigrateFleetIT(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void usersWithADeferredDropOfAColumnThatAnOldNodeUses() {
		this.database.reset();
		FleetFiles.write(this.folder);
		Forge forge = Forge.configure()
			.dataSource(this.database.dataSource())
			.locations("filesystem:" + this.folder)
			.load();
		this.operations = new ForgeOperations(forge, List.of());
		this.operations.apply();
		this.commandLine = new MigrateCommandLine(this.operations,
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void leave() {
		if (this.oldNode != null) {
			this.oldNode.close();
		}
	}

	@Test
	void nodesListsTheLiveNodes() {
		assertThat(this.commandLine.run("migrate", "nodes")).isZero();
		assertThat(output()).isEqualTo("No live nodes.\n");

		this.oldNode = FleetFiles.oldNode(this.operations.getForge());

		assertThat(this.commandLine.run("migrate", "nodes")).isZero();
		String host = this.operations.nodes().get(0).host();
		assertThat(output()).startsWith("Node ")
			.contains("| Application | Version | Host ")
			.contains("| PID ")
			.contains("| Started ")
			.contains("| Last Heartbeat\n")
			.contains(this.oldNode.nodeId() + " | web-old     | 1.4.2   | " + host)
			.contains(" | " + ProcessHandle.current().pid() + " | ")
			.endsWith("1 live node.\n");
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void planNamesTheNodeThatBlocksTheDeferredFileThenSaysItIsSafeToContract() {
		this.oldNode = FleetFiles.oldNode(this.operations.getForge());

		assertThat(this.commandLine.run("migrate", "plan")).as("plan reports, it does not fail").isZero();
		assertThat(output()).contains(FleetFiles.CONTRACT + " (one transaction) — waits")
			.containsPattern("\n  removes users.legacy_email\n  blocked by web-old \\(1\\.4\\.2\\) on \\S+ pid "
					+ ProcessHandle.current().pid() + ", which uses users.legacy_email\n")
			.doesNotContain("safe to contract")
			.contains("and what follows pending while live nodes use what it removes.");

		this.oldNode.close();
		this.oldNode = null;

		assertThat(this.commandLine.run("migrate", "plan")).isZero();
		assertThat(output())
			.contains("\n  removes users.legacy_email\n  safe to contract: no live node uses users.legacy_email\n")
			.doesNotContain("blocked by")
			.contains("though it is safe to contract: add '-- forge:allow-breaking' to it, or set"
					+ " forge.migrations.deferred=auto.");
		assertThat(this.database.columnNames("users")).as("plan applies nothing").contains("legacy_email");
	}

	@Test
	void statusSaysWhatBlocksTheWaitingDeferredFile() {
		this.oldNode = FleetFiles.oldNode(this.operations.getForge());

		assertThat(this.commandLine.run("migrate", "status")).isZero();
		assertThat(output()).containsPattern("\nDeferred files:\n  " + FleetFiles.CONTRACT
				+ " removes users.legacy_email\n    blocked by web-old \\(1\\.4\\.2\\) on \\S+ pid \\d+, which uses"
				+ " users.legacy_email\n");

		this.oldNode.close();
		this.oldNode = null;

		assertThat(this.commandLine.run("migrate", "status")).isZero();
		assertThat(output()).contains("\nDeferred files:\n  " + FleetFiles.CONTRACT
				+ " removes users.legacy_email\n    safe to contract: no live node uses users.legacy_email\n");
	}

	@Test
	void theMigrationsEndpointListsTheNodesAndWhatBlocksTheDeferredFile() {
		this.oldNode = FleetFiles.oldNode(this.operations.getForge());

		JsonNode body = JsonMapper.builder().build()
			.valueToTree(new ForgeMigrationsEndpoint(this.operations).migrations());

		JsonNode node = body.get("nodes").get(0);
		assertThat(body.get("nodes").size()).isOne();
		assertThat(node.get("id").asString()).isEqualTo(this.oldNode.nodeId());
		assertThat(node.get("application").asString()).isEqualTo("web-old");
		assertThat(node.get("version").asString()).isEqualTo("1.4.2");
		assertThat(node.get("host").asString()).isNotBlank();
		assertThat(node.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
		assertThat(node.get("startedAt").isNull()).isFalse();
		assertThat(node.get("heartbeatAt").isNull()).isFalse();
		assertThat(node.get("uses").toString())
			.isEqualTo("[\"users\",\"users.email\",\"users.id\",\"users.legacy_email\"]");
		JsonNode applied = body.get("migrations").get(0);
		assertThat(applied.get("removes").isNull()).as("not a deferred file").isTrue();
		assertThat(applied.get("blockedBy").isNull()).isTrue();
		JsonNode deferred = body.get("migrations").get(1);
		assertThat(deferred.get("name").asString()).isEqualTo(FleetFiles.CONTRACT);
		assertThat(deferred.get("removes").toString()).isEqualTo("[\"users.legacy_email\"]");
		assertThat(deferred.get("blockedBy").size()).isOne();
		JsonNode blocker = deferred.get("blockedBy").get(0);
		assertThat(blocker.get("node").asString()).isEqualTo(this.oldNode.nodeId());
		assertThat(blocker.get("application").asString()).isEqualTo("web-old");
		assertThat(blocker.get("version").asString()).isEqualTo("1.4.2");
		assertThat(blocker.get("uses").toString()).isEqualTo("[\"users.legacy_email\"]");
		assertThat(blocker.propertyNames()).containsExactlyInAnyOrder("node", "application", "version", "uses");

		this.oldNode.close();
		this.oldNode = null;
		body = JsonMapper.builder().build().valueToTree(new ForgeMigrationsEndpoint(this.operations).migrations());
		assertThat(body.get("nodes").size()).isZero();
		assertThat(body.get("migrations").get(1).get("blockedBy").toString()).isEqualTo("[]");
	}

	@Test
	void healthStaysUpAndListsTheWaitingDeferredFileWithItsBlockers() {
		this.oldNode = FleetFiles.oldNode(this.operations.getForge());

		Health health = new ForgeHealthIndicator(this.operations).health(true);

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails().get("deferredWaiting")).asInstanceOf(
				org.assertj.core.api.InstanceOfAssertFactories.list(Map.class))
			.singleElement()
			.satisfies((waiting) -> {
				assertThat(waiting.get("migration")).isEqualTo(FleetFiles.CONTRACT);
				assertThat(waiting.get("removes")).isEqualTo(List.of("users.legacy_email"));
				assertThat(waiting.get("safeToContract")).isEqualTo(false);
				assertThat((List<?>) waiting.get("blockedBy")).singleElement()
					.asString()
					.startsWith("web-old (1.4.2) on ")
					.endsWith(", which uses users.legacy_email");
			});
	}

	@Test
	void theGaugeCountsTheWaitingDeferredFiles() throws Exception {
		MeterRegistry registry = new SimpleMeterRegistry();
		new ForgeMetrics(registry, this.operations);

		assertThat(registry.get(ForgeMetrics.DEFERRED_WAITING).gauge().value()).isEqualTo(1.0);

		// the old code is gone: the reviewer accepts the drop, and apply through the operations
		// reads the gauge again
		Path contract = this.folder.resolve(FleetFiles.CONTRACT + ".sql");
		Files.writeString(contract, Files.readString(contract)
			.replace("-- forge:deferred\n", "-- forge:deferred\n-- forge:allow-breaking\n"));
		this.operations.apply();

		assertThat(this.database.columnNames("users")).doesNotContain("legacy_email");
		assertThat(registry.get(ForgeMetrics.DEFERRED_WAITING).gauge().value()).isZero();
	}

	private String output() {
		String text = this.out.toString(StandardCharsets.UTF_8);
		this.out.reset();
		return text;
	}

}
