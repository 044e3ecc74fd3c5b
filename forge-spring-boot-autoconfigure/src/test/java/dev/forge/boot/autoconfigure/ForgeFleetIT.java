package dev.forge.boot.autoconfigure;

import java.nio.file.Path;
import java.sql.Array;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.fixtures.fleet.FleetFiles;
import dev.forge.core.FleetMembership;
import dev.forge.core.Forge;
import dev.forge.core.MigrationState;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each Spring application is a node of the fleet against a real database: it registers
 * after its start-up migrations, heartbeats, leaves when it closes, and with
 * {@code forge.migrations.deferred=auto} applies a deferred file once the last node that
 * uses what it drops is gone.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class ForgeFleetIT {

	private static TestDatabase database;

	@TempDir
	private Path folder;

	private ApplicationContextRunner contextRunner;

	@BeforeAll
	static void useDatabase(TestDatabase testDatabase) {
		database = testDatabase;
	}

	@BeforeEach
	void reset() {
		database.reset();
		FleetFiles.write(this.folder);
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ForgeAutoConfiguration.class, ForgeFleetAutoConfiguration.class))
			.withBean(DataSource.class, () -> database.dataSource())
			.withPropertyValues("forge.migrations.path=file:" + this.folder + "/",
					"forge.models.packages=dev.forge.testapp.fleet", "forge.fleet.heartbeat=500ms",
					"forge.fleet.node-timeout=3s");
	}

	@Test
	void theApplicationRegistersAfterTheStartupApplyHeartbeatsAndLeavesWhenItCloses() {
		Properties build = new Properties();
		build.setProperty("version", "2.0.0");
		this.contextRunner.withBean(BuildProperties.class, () -> new BuildProperties(build))
			.withPropertyValues("spring.application.name=web-new", "forge.migrations.apply-on=ready")
			.run((context) -> {
				ForgeOperations operations = context.getBean(ForgeOperations.class);
				assertThat(context.getBean(ForgeFleetNode.class).getMembership()).as("before the start-up apply")
					.isNull();
				assertThat(database.tableExists("forge_nodes")).isFalse();

				// what the ready listener does once the application is ready
				operations.apply();

				await(() -> database.tableExists("forge_nodes") && nodeCount() == 1);
				Map<String, Object> row = database
					.query("SELECT id, application, version, pid, started_at, heartbeat_at, uses FROM forge_nodes")
					.get(0);
				assertThat(row.get("application")).isEqualTo("web-new");
				assertThat(row.get("version")).isEqualTo("2.0.0");
				assertThat(row.get("pid")).isEqualTo(ProcessHandle.current().pid());
				assertThat(uses(row)).containsExactlyInAnyOrder("users", "users.id", "users.email");
				assertThat(row.get("id"))
					.isEqualTo(context.getBean(ForgeFleetNode.class).getMembership().nodeId());
				assertThat(operations.nodes()).singleElement()
					.satisfies((node) -> assertThat(node.describe()).startsWith("web-new (2.0.0) on "));

				Instant firstHeartbeat = heartbeat();
				await(() -> heartbeat().isAfter(firstHeartbeat));
			});
		assertThat(nodeCount()).as("rows left after the context closed").isZero();
	}

	@Test
	void withoutANameOrBuildInfoTheNodeIsApplicationWithoutVersion() {
		this.contextRunner.withPropertyValues("forge.migrations.apply-on=refresh").run((context) -> {
			await(() -> database.tableExists("forge_nodes") && nodeCount() == 1);
			assertThat(database.value("SELECT application FROM forge_nodes")).isEqualTo("application");
			assertThat(database.value("SELECT version FROM forge_nodes")).isNull();
		});
	}

	@Test
	void noNodeRegistersWhenTheFleetIsDisabled() {
		this.contextRunner.withPropertyValues("forge.migrations.apply-on=refresh", "forge.fleet.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ForgeFleetNode.class);
				assertThat(context.getBean(ForgeOperations.class).status().migrations()).isNotEmpty();
				assertThat(database.tableExists("forge_nodes")).isFalse();
			});
	}

	@Test
	void withDeferredAutoTheContractAppliesOnceTheLastNodeThatUsesTheColumnLeaves(CapturedOutput output) {
		Forge forge = Forge.configure()
			.dataSource(database.dataSource())
			.locations("filesystem:" + this.folder)
			.load();
		forge.apply();
		FleetMembership oldNode = FleetFiles.oldNode(forge);
		this.contextRunner.withPropertyValues("spring.application.name=web-new", "forge.migrations.apply-on=refresh",
				"forge.migrations.deferred=auto")
			.run((context) -> {
				ForgeOperations operations = context.getBean(ForgeOperations.class);
				await(() -> nodeCount() == 2);
				String newNode = context.getBean(ForgeFleetNode.class).getMembership().nodeId();
				// two of its checks go by while the old node is live: the column stays
				Instant joined = heartbeatOf(newNode);
				await(() -> heartbeatOf(newNode).isAfter(joined.plusMillis(1000)));
				assertThat(database.columnNames("users")).contains("legacy_email");
				assertThat(operations.contractChecks()).singleElement()
					.satisfies((check) -> assertThat(check.blockedBy()).singleElement()
						.satisfies((blocker) -> assertThat(blocker.describe()).startsWith("web-old (1.4.2) on ")
							.endsWith(", which uses users.legacy_email")));

				oldNode.close();
				Instant left = Instant.now();
				await(() -> !database.columnNames("users").contains("legacy_email"));
				Duration contracted = Duration.between(left, Instant.now());
				System.out.printf("deferred file applied %d ms after the old node left (heartbeat 500 ms)%n",
						contracted.toMillis());
				assertThat(contracted).isLessThan(Duration.ofSeconds(10));

				assertThat(operations.status().inState(MigrationState.PENDING)).isEmpty();
				assertThat((String) database.value("SELECT note FROM forge_migrations WHERE name = '"
						+ FleetFiles.CONTRACT + "'")).as("history note")
					.containsIgnoringCase("automatic")
					.contains("users.legacy_email");
				assertThat(output).contains("Deferred file " + FleetFiles.CONTRACT + " is safe to contract: no live"
						+ " node uses users.legacy_email")
					.contains("Applied " + FleetFiles.CONTRACT + " automatically");
			});
	}

	private static long nodeCount() {
		return database.tableExists("forge_nodes") ? (Long) database.value("SELECT count(*) FROM forge_nodes") : 0;
	}

	private static Instant heartbeat() {
		return instant(database.value("SELECT heartbeat_at FROM forge_nodes"));
	}

	private static Instant heartbeatOf(String node) {
		return instant(database.value("SELECT heartbeat_at FROM forge_nodes WHERE id = '" + node + "'"));
	}

	private static Instant instant(Object value) {
		return (value instanceof java.time.OffsetDateTime time) ? time.toInstant()
				: ((java.sql.Timestamp) value).toInstant();
	}

	private static List<String> uses(Map<String, Object> row) throws Exception {
		Object uses = row.get("uses");
		return (uses instanceof Array array) ? Arrays.asList((String[]) array.getArray())
				: Arrays.asList((String[]) uses);
	}

	private static void await(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition met within 30 s").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

}
