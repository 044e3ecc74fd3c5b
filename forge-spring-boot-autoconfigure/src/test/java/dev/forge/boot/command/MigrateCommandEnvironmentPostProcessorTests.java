package dev.forge.boot.command;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrateCommandEnvironmentPostProcessor}.
 */
class MigrateCommandEnvironmentPostProcessorTests {

	private final MigrateCommandEnvironmentPostProcessor processor = new MigrateCommandEnvironmentPostProcessor();

	@Test
	void migrateCommandTurnsOffTheWebServerAndTheStartupApply() {
		StandardEnvironment environment = environment("--spring.main.web-application-type=servlet", "migrate",
				"status");
		environment.getPropertySources()
			.addLast(new MockPropertySource("application").withProperty("forge.migrations.apply-on", "ready")
				.withProperty("spring.main.banner-mode", "console"));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
		assertThat(environment.getProperty("forge.migrations.apply-on")).isEqualTo("none");
		assertThat(environment.getProperty("spring.main.banner-mode")).as("user settings win over quiet defaults")
			.isEqualTo("console");
		assertThat(environment.getProperty("logging.level.root")).isEqualTo("warn");
		assertThat(environment.getProperty("spring.main.lazy-initialization")).isEqualTo("true");
	}

	@Test
	void migrateCommandTurnsOffHibernatesSchemaValidationWhateverTheApplicationSets() {
		StandardEnvironment environment = environment("--spring.jpa.hibernate.ddl-auto=validate", "migrate", "plan");
		environment.getPropertySources()
			.addLast(new MockPropertySource("application")
				.withProperty("spring.jpa.properties.hibernate.hbm2ddl.auto", "validate"));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.jpa.hibernate.ddl-auto")).isEqualTo("none");
		assertThat(environment.getProperty("spring.jpa.properties.hibernate.hbm2ddl.auto")).isEqualTo("none");
		assertThat(
				environment.getProperty("spring.jpa.properties.jakarta.persistence.schema-generation.database.action"))
			.isEqualTo("none");
	}

	@Test
	void anExplicitLazyInitializationSettingWins() {
		StandardEnvironment environment = environment("migrate", "apply");
		environment.getPropertySources()
			.addLast(new MockPropertySource("application").withProperty("spring.main.lazy-initialization", "false"));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.lazy-initialization")).isEqualTo("false");
	}

	@Test
	void otherArgumentsChangeNothing() {
		StandardEnvironment environment = environment("serve", "migrate");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(MigrateCommandEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.getProperty("forge.migrations.apply-on")).isNull();
		assertThat(environment.getProperty("spring.jpa.hibernate.ddl-auto")).isNull();
	}

	@Test
	void noArgumentsChangeNothing() {
		StandardEnvironment environment = new StandardEnvironment();
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isNull();
	}

	private static StandardEnvironment environment(String... args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		return environment;
	}

}
