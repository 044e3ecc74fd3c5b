package dev.forge.boot.autoconfigure;

import java.time.Duration;

import javax.sql.DataSource;

import dev.forge.boot.ForgeOperations;
import dev.forge.core.BackfillSettings;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ForgeJobsAutoConfiguration} and the {@code forge.jobs} properties. No
 * database is touched; see {@code ForgeJobsIT} for runs
 * against one.
 */
class ForgeJobsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ForgeAutoConfiguration.class, ForgeJobsAutoConfiguration.class))
		.withBean(DataSource.class, PGSimpleDataSource::new)
		// the runner waits for the start-up apply, which no ApplicationReadyEvent starts here
		.withPropertyValues("forge.migrations.apply-on=ready");

	@Test
	void defaultsAreTheEnginesDefaults() {
		ForgeProperties.Jobs jobs = new ForgeProperties().getJobs();
		assertThat(jobs.isEnabled()).isTrue();
		assertThat(jobs.getPollInterval()).isEqualTo(Duration.ofSeconds(10));
		assertThat(jobs.toSettings()).isEqualTo(BackfillSettings.DEFAULTS);
	}

	@Test
	void propertiesBecomeTheBackfillSettingsOfTheOperations() {
		this.contextRunner
			.withPropertyValues("forge.jobs.workers=4", "forge.jobs.target-batch-duration=500",
					"forge.jobs.min-batch-size=100", "forge.jobs.max-batch-size=20000", "forge.jobs.max-attempts=6",
					"forge.jobs.retry-backoff=1s")
			.run((context) -> assertThat(context.getBean(ForgeOperations.class).getBackfillSettings())
				.isEqualTo(new BackfillSettings(4, Duration.ofMillis(500), 100, 20_000, 6, Duration.ofSeconds(1))));
	}

	@Test
	void everyNodeHasAJobRunnerUnlessJobsAreDisabled() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ForgeJobRunner.class));
		this.contextRunner.withPropertyValues("forge.jobs.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ForgeJobRunner.class)
				.hasSingleBean(ForgeOperations.class));
	}

	@Test
	void badValuesFailNamingTheProperty() {
		assertInvalid("forge.jobs.workers=0", "forge.jobs.workers", "must be at least 1");
		assertInvalid("forge.jobs.poll-interval=0s", "forge.jobs.poll-interval", "must be longer than zero");
		assertInvalid("forge.jobs.target-batch-duration=-1ms", "forge.jobs.target-batch-duration",
				"must be longer than zero");
		assertInvalid("forge.jobs.min-batch-size=0", "forge.jobs.min-batch-size", "must be at least 1");
		assertInvalid("forge.jobs.max-batch-size=5", "forge.jobs.max-batch-size",
				"must be at least forge.jobs.min-batch-size (10)");
		assertInvalid("forge.jobs.max-attempts=0", "forge.jobs.max-attempts", "must be at least 1");
		assertInvalid("forge.jobs.retry-backoff=-1s", "forge.jobs.retry-backoff", "must not be negative");
	}

	private void assertInvalid(String property, String name, String reason) {
		this.contextRunner.withPropertyValues(property)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining(name)
				.hasMessageContaining(reason));
	}

}
