package dev.forge.boot.command;

import javax.sql.DataSource;

import dev.forge.boot.autoconfigure.ForgeAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrateCommandAutoConfiguration}: the command's runner is there wherever
 * FORGE is, and nowhere else. No database is touched.
 */
class MigrateCommandAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ForgeAutoConfiguration.class, MigrateCommandAutoConfiguration.class));

	@Test
	void registersTheRunnerWhereForgeIs() {
		this.contextRunner.withBean(DataSource.class, PGSimpleDataSource::new)
			.run((context) -> assertThat(context).hasSingleBean(MigrateCommandRunner.class));
	}

	@Test
	void backsOffWithoutForge() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MigrateCommandRunner.class));
		this.contextRunner.withBean(DataSource.class, PGSimpleDataSource::new)
			.withPropertyValues("forge.migrations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrateCommandRunner.class));
	}

}
