package dev.forge.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.actuate.endpoint.ForgeJobsEndpoint;
import dev.forge.boot.actuate.metrics.ForgeBackfillMetrics;
import dev.forge.boot.fixtures.WordCountBackfill;
import dev.forge.core.BackfillJob;
import dev.forge.core.BackfillRun;
import dev.forge.core.Forge;
import dev.forge.core.JobStatus;
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
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.forge.boot.fixtures.WordCountBackfill.JOB;
import static dev.forge.boot.fixtures.WordCountBackfill.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backfill jobs in a Spring application against a real database: the runner that
 * every node with {@code forge.jobs.enabled} has, the {@code forge-jobs} endpoint and the
 * metrics.
 */
@PostgresTest
class ForgeJobsIT {

	private static final JsonMapper json = JsonMapper.builder().build();

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
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ForgeAutoConfiguration.class, ForgeJobsAutoConfiguration.class,
					ForgeEndpointAutoConfiguration.class, ForgeMetricsAutoConfiguration.class))
			.withBean(DataSource.class, () -> database.dataSource())
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("forge.migrations.path=file:" + this.folder + "/",
					"management.endpoints.web.exposure.include=forge-jobs");
	}

	/** Registers the job as a deploy step would, before the application starts. */
	private void applyBeforeStart() {
		Forge.configure()
			.dataSource(database.dataSource())
			.migrationSource(MigrationSource.directory(this.folder))
			.load()
			.apply();
	}

	@Test
	void aPendingJobRegisteredBeforeStartIsRunToTheEnd() {
		WordCountBackfill.write(this.folder, 5000, "batch-size=500");
		applyBeforeStart();
		assertThat(count(database, "word_count IS NOT NULL")).as("apply runs no batch").isZero();

		this.contextRunner.withPropertyValues("forge.migrations.apply-on=none").run((context) -> {
			ForgeOperations operations = context.getBean(ForgeOperations.class);
			await(() -> operations.job(JOB).orElseThrow().status() == JobStatus.DONE);

			assertThat(count(database, "updates = 1")).isEqualTo(5000);
			assertThat(count(database, "updates <> 1 OR word_count <> id % 7 + 2")).isZero();
			assertThat(operations.job(JOB).orElseThrow().rowsDone()).isEqualTo(5000);
		});
	}

	@Test
	void aJobRegisteredByTheStartupApplyStartsAtOnceNotAtThePollInterval() {
		WordCountBackfill.write(this.folder, 2000, "");
		this.contextRunner.withPropertyValues("forge.migrations.apply-on=ready", "forge.jobs.poll-interval=1h")
			.run((context) -> {
				ForgeOperations operations = context.getBean(ForgeOperations.class);

				// what the ready listener does once the application is ready
				operations.apply();
				Instant applied = Instant.now();

				await(() -> operations.job(JOB).orElseThrow().status() == JobStatus.DONE);
				Duration pickUp = Duration.between(applied, operations.job(JOB).orElseThrow().startedAt());
				System.out.printf("first batch %d ms after the apply returned (poll interval 1 h)%n",
						pickUp.toMillis());
				assertThat(pickUp).isLessThan(Duration.ofSeconds(10));
				assertThat(count(database, "updates = 1")).isEqualTo(2000);
			});
	}

	@Test
	void withApplyOnReadyNoJobRunsBeforeTheStartupApply() {
		WordCountBackfill.write(this.folder, 1000, "");
		applyBeforeStart();
		this.contextRunner.withPropertyValues("forge.migrations.apply-on=ready", "forge.jobs.poll-interval=50ms")
			.run((context) -> {
				Thread.sleep(500);
				assertThat(count(database, "updates > 0")).as("the runner waits for the start-up apply").isZero();

				context.getBean(ForgeOperations.class).apply();

				await(() -> job().status() == JobStatus.DONE);
			});
	}

	@Test
	void aJobResumedThroughTheOperationsStartsAtOnce() {
		WordCountBackfill.write(this.folder, 2000, "");
		applyBeforeStart();
		Forge.configure().dataSource(database.dataSource()).load().backfills().pause(JOB);
		this.contextRunner.withPropertyValues("forge.migrations.apply-on=none", "forge.jobs.poll-interval=1h")
			.run((context) -> {
				ForgeOperations operations = context.getBean(ForgeOperations.class);
				Thread.sleep(500);
				assertThat(count(database, "updates > 0")).as("a paused job does not run").isZero();

				operations.resumeJob(JOB);

				await(() -> operations.job(JOB).orElseThrow().status() == JobStatus.DONE);
				assertThat(count(database, "updates = 1")).isEqualTo(2000);
			});
	}

	@Test
	void twoNodesWorkOnOneJobAndUpdateEachRowOnce() {
		WordCountBackfill.write(this.folder, 20_000, "batch-size=200 pause=5ms");
		applyBeforeStart();
		ApplicationContextRunner node = this.contextRunner.withPropertyValues("forge.migrations.apply-on=none",
				"forge.jobs.target-batch-duration=20ms", "forge.jobs.workers=2");
		node.run((first) -> node.run((second) -> await(() -> job().status() == JobStatus.DONE)));

		assertThat(count(database, "updates = 1")).isEqualTo(20_000);
		assertThat(count(database, "updates <> 1 OR word_count IS NULL")).isZero();
		assertThat(job().rowsDone()).isEqualTo(20_000);
	}

	@Test
	void noJobRunsOnANodeWithJobsDisabled() {
		WordCountBackfill.write(this.folder, 1000, "");
		applyBeforeStart();
		this.contextRunner
			.withPropertyValues("forge.migrations.apply-on=none", "forge.jobs.enabled=false",
					"forge.jobs.poll-interval=50ms")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ForgeJobRunner.class);
				Thread.sleep(1000);
				assertThat(context.getBean(ForgeOperations.class).job(JOB).orElseThrow().status())
					.isEqualTo(JobStatus.PENDING);
				assertThat(count(database, "updates > 0")).isZero();
			});
	}

	@Test
	void closingTheApplicationMidJobLosesNothingAndTheNextStartFinishesIt() throws Exception {
		WordCountBackfill.write(this.folder, 20_000, "batch-size=50 pause=20ms");
		applyBeforeStart();
		ApplicationContextRunner slowJobs = this.contextRunner.withPropertyValues("forge.migrations.apply-on=none",
				"forge.jobs.target-batch-duration=5ms", "forge.jobs.max-batch-size=100");
		slowJobs.run((context) -> {
			ForgeOperations operations = context.getBean(ForgeOperations.class);
			await(() -> operations.job(JOB).orElseThrow().rowsDone() >= 500);
			long closing = System.nanoTime();
			((ConfigurableApplicationContext) context.getSourceApplicationContext()).close();
			long closeMillis = (System.nanoTime() - closing) / 1_000_000;
			System.out.printf("closed mid-job in %d ms%n", closeMillis);
			assertThat(closeMillis).as("the runner does not hold up the close").isLessThan(5000);
			assertThat(threadNamed("forge-jobs")).as("the runner stopped").isFalse();
		});
		// a batch in flight when the runner stopped commits or rolls back on its own thread
		await(() -> !threadNamed("forge-backfill-" + JOB));

		BackfillJob stopped = job();
		long filled = count(database, "word_count IS NOT NULL");
		System.out.printf("closed mid-job: %d of 20000 rows done, job %s%n", filled, stopped.status());
		assertThat(stopped.status()).isEqualTo(JobStatus.RUNNING);
		assertThat(filled).isLessThan(20_000).isEqualTo(stopped.rowsDone());
		assertThat(count(database, "updates = 1")).isEqualTo(filled);
		assertThat(count(database, "updates > 1")).isZero();

		slowJobs.withPropertyValues("forge.jobs.max-batch-size=5000", "forge.jobs.target-batch-duration=200ms")
			.run((context) -> await(() -> job().status() == JobStatus.DONE));

		assertThat(job().rowsDone()).isEqualTo(20_000);
		assertThat(count(database, "updates = 1")).isEqualTo(20_000);
	}

	@Test
	void jobsEndpointShowsProgressAndTheLastErrorOfAFailedJob() {
		WordCountBackfill.write(this.folder, 1000, "batch-size=100");
		this.contextRunner
			.withPropertyValues("forge.migrations.apply-on=none", "forge.jobs.enabled=false",
					"forge.jobs.max-attempts=2", "forge.jobs.retry-backoff=10ms")
			.run((context) -> {
				ForgeOperations operations = context.getBean(ForgeOperations.class);
				ForgeJobsEndpoint endpoint = context.getBean(ForgeJobsEndpoint.class);
				assertThat(json.valueToTree(endpoint.jobs()).toString()).isEqualTo("{\"jobs\":[]}");
				operations.apply();
				WordCountBackfill.failAtRow600(database);

				JsonNode pending = json.valueToTree(endpoint.jobs()).get("jobs").get(0);
				assertThat(pending.get("name").asString()).isEqualTo(JOB);
				assertThat(pending.get("status").asString()).isEqualTo("PENDING");
				assertThat(pending.get("table").asString()).isEqualTo("documents");
				assertThat(pending.get("rowsDone").asLong()).isZero();
				assertThat(pending.get("startedAt").isNull()).isTrue();

				operations.runBackfill(JOB);

				JsonNode failed = json.valueToTree(endpoint.jobs()).get("jobs").get(0);
				assertThat(failed.propertyNames()).containsExactlyInAnyOrder("name", "status", "rowsDone", "rowsLeft",
						"rowsPerSecond", "startedAt", "finishedAt", "lastError", "etaSeconds", "table");
				assertThat(failed.get("status").asString()).isEqualTo("FAILED");
				assertThat(failed.get("rowsDone").asLong()).isEqualTo(count(database, "word_count IS NOT NULL"))
					.isLessThan(600);
				assertThat(failed.get("rowsLeft").asLong()).isEqualTo(1000 - failed.get("rowsDone").asLong());
				assertThat(failed.get("startedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
				assertThat(failed.get("lastError").asString()).contains("short_documents", "failed 2 times");
				assertThat(failed.get("etaSeconds").isNull()).as("a failed job has no arrival time").isTrue();

				database.execute("ALTER TABLE documents DROP CONSTRAINT short_documents");
				operations.retryJob(JOB);
				operations.runBackfill(JOB);

				JsonNode done = json.valueToTree(endpoint.jobs()).get("jobs").get(0);
				assertThat(done.get("status").asString()).isEqualTo("DONE");
				assertThat(done.get("rowsDone").asLong()).isEqualTo(1000);
				assertThat(done.get("rowsLeft").asLong()).isZero();
				assertThat(done.get("rowsPerSecond").asLong()).isPositive();
				assertThat(done.get("finishedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
				assertThat(done.get("lastError").isNull()).isTrue();
			});
	}

	@Test
	void jobsEndpointNeedsToBeExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(ForgeJobsEndpoint.class));
	}

	@Test
	void backfillMetricsListenToTheEngineAndCountRowsAndTimeBatchesPerJob() {
		this.contextRunner.withPropertyValues("forge.migrations.apply-on=none", "forge.jobs.enabled=false")
			.run((context) -> {
				ForgeBackfillMetrics metrics = context.getBean(ForgeBackfillMetrics.class);
				assertThat(context.getBean(Forge.class).configuration().backfillListeners()).containsExactly(metrics);
				MeterRegistry registry = context.getBean(MeterRegistry.class);

				metrics.batchCommitted(JOB, 500, Duration.ofMillis(120));
				metrics.batchCommitted(JOB, 300, Duration.ofMillis(80));
				metrics.batchCommitted("backfill_word_count", 7, Duration.ofMillis(5));

				assertThat(registry.get(ForgeBackfillMetrics.ROWS).tag("job", JOB).counter().count()).isEqualTo(800);
				Timer batches = registry.get(ForgeBackfillMetrics.BATCH_DURATION).tag("job", JOB).timer();
				assertThat(batches.count()).isEqualTo(2);
				assertThat(batches.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(200);
				assertThat(registry.get(ForgeBackfillMetrics.ROWS).counters()).as("one series per job").hasSize(2);
			});
	}

	@Test
	void theRowsCounterOfAJobEqualsTheRowsItUpdated() {
		WordCountBackfill.write(this.folder, 3000, "batch-size=200");
		this.contextRunner.withPropertyValues("forge.migrations.apply-on=none", "forge.jobs.enabled=false")
			.run((context) -> {
				ForgeOperations operations = context.getBean(ForgeOperations.class);
				operations.apply();
				BackfillRun run = operations.runBackfill(JOB);
				MeterRegistry registry = context.getBean(MeterRegistry.class);

				assertThat(registry.get(ForgeBackfillMetrics.ROWS).tag("job", JOB).counter().count()).isEqualTo(3000);
				assertThat(registry.get(ForgeBackfillMetrics.BATCH_DURATION).tag("job", JOB).timer().count())
					.isEqualTo(run.batches());
			});
	}

	private static BackfillJob job() {
		return Forge.configure().dataSource(database.dataSource()).load().backfills().find(JOB).orElseThrow();
	}

	private static boolean threadNamed(String name) {
		return Thread.getAllStackTraces().keySet().stream().anyMatch((thread) -> thread.getName().equals(name));
	}

	private static void await(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

}
