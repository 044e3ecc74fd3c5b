package dev.forge.boot.command;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrateCommandAutoConfigurationFilter}.
 */
class MigrateCommandAutoConfigurationFilterTests {

	private static final String[] CANDIDATES = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
			"dev.forge.boot.autoconfigure.ForgeAutoConfiguration",
			"dev.forge.boot.autoconfigure.ForgeEndpointAutoConfiguration",
			"dev.forge.boot.autoconfigure.ForgeAutoConfiguration$ForgeEngineConfiguration",
			"org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer" };

	@Test
	void duringAMigrateCommandOnlyTheAutoConfigurationsFORGENeedsStay() {
		assertThat(filter("migrate", "status").match(CANDIDATES, null)).containsExactly(true, false, false, true,
				false, true, true);
	}

	@Test
	void noBackfillJobRunsDuringAMigrateCommand() {
		assertThat(MigrateCommandAutoConfigurationFilter
			.isNeeded("dev.forge.boot.autoconfigure.ForgeJobsAutoConfiguration")).isFalse();
	}

	@Test
	void aMigrateCommandIsNotANodeOfTheFleet() {
		assertThat(MigrateCommandAutoConfigurationFilter
			.isNeeded("dev.forge.boot.autoconfigure.ForgeFleetAutoConfiguration")).isFalse();
	}

	@Test
	void otherRunsKeepEveryAutoConfiguration() {
		assertThat(filter("serve").match(CANDIDATES, null)).containsOnly(true);
	}

	@Test
	void librariesThatMayProvideTheDataSourceStay() {
		assertThat(MigrateCommandAutoConfigurationFilter.isNeeded("com.example.vault.VaultDataSourceAutoConfiguration"))
			.isTrue();
		assertThat(MigrateCommandAutoConfigurationFilter
			.isNeeded("org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration"))
			.isTrue();
		assertThat(MigrateCommandAutoConfigurationFilter
			.isNeeded("org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration")).isFalse();
	}

	private static MigrateCommandAutoConfigurationFilter filter(String... args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		new MigrateCommandEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		MigrateCommandAutoConfigurationFilter filter = new MigrateCommandAutoConfigurationFilter();
		filter.setEnvironment(environment);
		filter.setBeanClassLoader(MigrateCommandAutoConfigurationFilterTests.class.getClassLoader());
		return filter;
	}

}
