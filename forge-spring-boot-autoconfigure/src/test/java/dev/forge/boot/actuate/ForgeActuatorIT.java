package dev.forge.boot.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.actuate.endpoint.ForgeDriftEndpoint;
import dev.forge.boot.actuate.endpoint.ForgeMigrationsEndpoint;
import dev.forge.boot.actuate.health.ForgeHealthIndicator;
import dev.forge.boot.actuate.metrics.ForgeMetrics;
import dev.forge.boot.autoconfigure.ForgeAutoConfiguration;
import dev.forge.boot.autoconfigure.ForgeEndpointAutoConfiguration;
import dev.forge.boot.autoconfigure.ForgeHealthContributorAutoConfiguration;
import dev.forge.boot.autoconfigure.ForgeMetricsAutoConfiguration;
import dev.forge.core.Forge;
import dev.forge.core.MigrationFailedException;
import dev.forge.core.MigrationResource;
import dev.forge.core.MigrationSource;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code forge-migrations} and {@code forge-drift} endpoints, the {@code forge}
 * health indicator and the metrics, against a real database.
 */
@PostgresTest
class ForgeActuatorIT {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static TestDatabase database;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ForgeAutoConfiguration.class, ForgeEndpointAutoConfiguration.class,
				ForgeHealthContributorAutoConfiguration.class, ForgeMetricsAutoConfiguration.class))
		.withBean(DataSource.class, () -> database.dataSource())
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("forge.migrations.path=classpath:db/ok", "forge.migrations.apply-on=none",
				"management.endpoints.web.exposure.include=forge-migrations,forge-drift");

	@BeforeAll
	static void useDatabase(TestDatabase testDatabase) {
		database = testDatabase;
	}

	@BeforeEach
	void reset() {
		database.reset();
	}

	@Test
	void migrationsEndpointListsEveryMigrationWithSummaryAndFindings() {
		this.contextRunner.run((context) -> {
			database.execute("CREATE TABLE forge_migrations_dummy (id int)");
			context.getBean(ForgeOperations.class).apply();
			database.execute("DELETE FROM forge_migrations WHERE name = '0002_create_projects'");
			JsonNode body = json.valueToTree(context.getBean(ForgeMigrationsEndpoint.class).migrations());
			JsonNode first = body.get("migrations").get(0);
			assertThat(first.get("name").asString()).isEqualTo("0001_create_users");
			assertThat(first.get("status").asString()).isEqualTo("APPLIED");
			assertThat(first.get("appliedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
			assertThat(first.get("checksum").asString()).hasSize(64);
			assertThat(first.get("hasDown").asBoolean()).isTrue();
			assertThat(first.get("findings").isArray()).isTrue();
			assertThat(first.get("findings")).isEmpty();
			JsonNode second = body.get("migrations").get(1);
			assertThat(second.get("name").asString()).isEqualTo("0002_create_projects");
			assertThat(second.get("status").asString()).isEqualTo("PENDING");
			assertThat(second.get("appliedAt").isNull()).isTrue();
			assertThat(body.get("summary").toString()).isEqualTo(
					"{\"total\":2,\"applied\":1,\"pending\":1,\"failed\":0,\"checksumMismatch\":0,\"missingFile\":0}");
			assertThat(body.get("warnings").isArray()).isTrue();
			assertThat(body.get("lockHolder").isNull()).isTrue();
		});
	}

	@Test
	void migrationsEndpointListsTheSafetyFindingsOfAPendingMigration() {
		database.execute("CREATE TABLE users (id uuid PRIMARY KEY, email text NOT NULL, legacy_email text)");
		this.contextRunner.withPropertyValues("forge.migrations.path=classpath:db/breaking").run((context) -> {
			JsonNode body = json.valueToTree(context.getBean(ForgeMigrationsEndpoint.class).migrations());

			JsonNode migration = body.get("migrations").get(0);
			assertThat(migration.get("status").asString()).isEqualTo("PENDING");
			assertThat(migration.get("findings").get(0).asString()).startsWith("BREAKING DROP COLUMN users.legacy_email");
		});
	}

	@Test
	void driftEndpointReportsEachTableOfTheModels() {
		this.contextRunner.withPropertyValues("forge.models.packages=dev.forge.boot.fixtures.schema").run((context) -> {
			context.getBean(Forge.class).apply();
			database.execute("ALTER TABLE projects ADD COLUMN legacy_status text");

			JsonNode body = json.valueToTree(context.getBean(ForgeDriftEndpoint.class).drift());

			assertThat(body.get("available").asBoolean()).isTrue();
			assertThat(body.get("drift").asBoolean()).isTrue();
			JsonNode tables = body.get("report").get("tables");
			assertThat(tables.findValuesAsString("table")).containsExactly("projects", "users");
			assertThat(tables.get(0).get("status").asString()).isEqualTo("DRIFT");
			assertThat(tables.get(0).get("differences").get(0).get("message").asString())
				.isEqualTo("Extra column: legacy_status (in DB, not in code)");
			assertThat(tables.get(1).get("status").asString()).isEqualTo("MATCHES");
		});
	}

	@Test
	void driftEndpointExplainsWhenNoModelsAreFound() {
		this.contextRunner.withPropertyValues("forge.models.packages=dev.forge.boot.nothing.here").run((context) -> {
			JsonNode body = json.valueToTree(context.getBean(ForgeDriftEndpoint.class).drift());
			assertThat(body.get("available").asBoolean()).isFalse();
			assertThat(body.get("message").asString()).contains("No @ForgeModel classes are configured");
		});
	}

	@Test
	void endpointsNeedToBeExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(ForgeMigrationsEndpoint.class)
				.doesNotHaveBean(ForgeDriftEndpoint.class));
	}

	@Test
	void endpointsCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("management.endpoint.forge-migrations.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(ForgeMigrationsEndpoint.class)
				.hasSingleBean(ForgeDriftEndpoint.class));
	}

	@Test
	void healthIsUpWithCountsThenDownWithTheMessageAfterAFailedMigration() {
		this.contextRunner.run((context) -> {
			ForgeHealthIndicator indicator = context.getBean("forgeHealthIndicator", ForgeHealthIndicator.class);
			Health before = indicator.health();
			assertThat(before.getStatus()).isEqualTo(Status.UP);
			assertThat(before.getDetails()).containsEntry("applied", 0).containsEntry("pending", 2);
			database.execute("CREATE TABLE projects (id int)");
			assertThatExceptionOfType(MigrationFailedException.class)
				.isThrownBy(() -> context.getBean(ForgeOperations.class).apply());
			Health after = indicator.health();
			assertThat(after.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) after.getDetails().get("error")).contains("0002_create_projects")
				.contains("relation \"projects\" already exists");
		});
	}

	@Test
	void healthIndicatorCanBeDisabled() {
		this.contextRunner.withPropertyValues("management.health.forge.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ForgeHealthIndicator.class));
	}

	@Test
	void appliedMigrationsAreTimedAndPendingOnesCounted() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(ForgeMetrics.PENDING).gauge().value()).isEqualTo(2.0);
			context.getBean(ForgeOperations.class).apply();
			Timer timer = registry.get(ForgeMetrics.DURATION).tag("operation", "apply").tag("transactional", "true").timer();
			assertThat(timer.count()).isEqualTo(2);
			// one series however many migrations: no tag takes a migration's name
			assertThat(registry.get(ForgeMetrics.DURATION).timers()).hasSize(1);
			assertThat(registry.get(ForgeMetrics.PENDING).gauge().value()).isZero();
		});
	}

	@Test
	void migrationsEndpointReadsEachOfAThousandFilesOnce(@TempDir Path folder) throws IOException {
		for (int i = 1; i <= 1000; i++) {
			Files.writeString(folder.resolve(String.format("%04d_table_%d.sql", i, i)),
					"-- Up\nCREATE TABLE t" + i + " (id bigint PRIMARY KEY, name text);\n"
							+ ((i % 100 == 0) ? "CREATE INDEX t" + (i - 1) + "_name ON t" + (i - 1) + " (name);\n" : "")
							+ "-- Down\nDROP TABLE t" + i + ";\n");
		}
		Forge forge = Forge.configure().dataSource(database.dataSource()).locations("filesystem:" + folder).load();
		forge.apply();
		Files.writeString(folder.resolve("1001_index_t1.sql"), "CREATE INDEX t1_name ON t1 (name);\n");
		Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
		MigrationSource counting = () -> MigrationSource.directory(folder).resources().stream()
			.map((resource) -> (MigrationResource) new CountingResource(resource, reads))
			.toList();
		ForgeOperations operations = new ForgeOperations(
				Forge.configure().dataSource(database.dataSource()).migrationSource(counting).load(), List.of());
		ForgeMigrationsEndpoint endpoint = new ForgeMigrationsEndpoint(operations);
		endpoint.migrations();
		reads.clear();

		long start = System.nanoTime();
		JsonNode body = json.valueToTree(endpoint.migrations());
		long millis = (System.nanoTime() - start) / 1_000_000;

		assertThat(body.get("migrations")).hasSize(1001);
		assertThat(reads).hasSize(1001);
		assertThat(reads.values()).allSatisfy((count) -> assertThat(count.get()).isOne());
		assertThat(body.get("migrations").get(999).get("findings").get(0).asString())
			.startsWith("LONG_LOCK CREATE INDEX t999");
		assertThat(body.get("migrations").get(1000).get("status").asString()).isEqualTo("PENDING");
		assertThat(body.get("migrations").get(1000).get("findings").get(0).asString())
			.startsWith("LONG_LOCK CREATE INDEX t1");
		System.out.println("forge-migrations with 1,001 files: " + millis + " ms");
	}

	@Test
	void metricsBackOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ForgeMetrics.class).hasSingleBean(ForgeOperations.class));
	}

	private record CountingResource(MigrationResource resource, Map<String, AtomicInteger> reads)
			implements MigrationResource {

		@Override
		public String fileName() {
			return this.resource.fileName();
		}

		@Override
		public String location() {
			return this.resource.location();
		}

		@Override
		public String read() throws IOException {
			this.reads.computeIfAbsent(fileName(), (name) -> new AtomicInteger()).incrementAndGet();
			return this.resource.read();
		}

	}

}
