package dev.forge.boot.autoconfigure;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ForgeFleetAutoConfiguration}. No database is touched; see
 * {@code ForgeFleetIT} for runs against one.
 */
class ForgeFleetAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ForgeAutoConfiguration.class, ForgeFleetAutoConfiguration.class))
		.withBean(DataSource.class, PGSimpleDataSource::new)
		// the node joins after the start-up apply, which no ApplicationReadyEvent starts here
		.withPropertyValues("forge.migrations.apply-on=ready");

	@Test
	void everyApplicationWithForgeIsANodeUnlessTheFleetIsDisabled() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ForgeFleetNode.class);
			assertThat(context.getBean(ForgeFleetNode.class).isRunning()).isTrue();
			assertThat(context.getBean(ForgeFleetNode.class).getMembership()).as("joined before the start-up apply")
				.isNull();
		});
		this.contextRunner.withPropertyValues("forge.fleet.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ForgeFleetNode.class));
		this.contextRunner.withPropertyValues("forge.migrations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ForgeFleetNode.class));
	}

	@Test
	void theNodeLeavesAfterTheWebServerStoppedTakingRequests() {
		// a lower phase stops later: until then the node serves requests with its models
		assertThat(ForgeFleetNode.PHASE).isLessThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE)
			.isLessThan(SmartLifecycle.DEFAULT_PHASE - 2048);
	}

}
