package dev.forge.boot;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Bad {@code forge.*} values stop a real start-up with Spring Boot's failure analysis:
 * one message that names the property, no stack trace. No database is needed, since
 * binding fails first.
 */
@ExtendWith(OutputCaptureExtension.class)
class ForgeStartupFailureTests {

	@Test
	void negativeLockTimeoutIsReportedWithThePropertyAndTheReason(CapturedOutput output) {
		start("--forge.migrations.lock-timeout=-5s");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: forge.migrations.lock-timeout")
			.contains("Reason: must not be negative")
			.doesNotContain("\tat org.springframework");
	}

	@Test
	void unknownOnBreakingPolicyIsReportedWithTheValidValues(CapturedOutput output) {
		start("--forge.migrations.on-breaking=sometimes");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: forge.migrations.on-breaking")
			.contains("Value: \"sometimes\"")
			.containsPattern("The following values are valid:\\s+ALLOW\\s+FAIL\\s+WARN")
			.doesNotContain("\tat org.springframework");
	}

	@Test
	void missingPathIsReportedWithThePropertyAndTheReason(CapturedOutput output) {
		start("--forge.migrations.path=classpath:nowhere/migrations");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: forge.migrations.path")
			.contains("Value: \"classpath:nowhere/migrations\"")
			.contains("Reason: no such location")
			.doesNotContain("\tat org.springframework");
	}

	@Test
	void remoteDashboardWithoutAllowedHostsIsReportedWithThePropertyAndTheReason(CapturedOutput output) {
		start("--forge.dashboard.enabled=true", "--forge.dashboard.allow-remote=true");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: forge.dashboard.allowed-hosts")
			.contains("Reason: must name the host names under which the dashboard is reached")
			.contains("DNS rebinding")
			.doesNotContain("\tat org.springframework");
	}

	@Test
	void remoteDashboardWithTheSqlConsoleIsRefusedWithWhyAndWhatToDo(CapturedOutput output) {
		start("--forge.dashboard.enabled=true", "--forge.dashboard.allow-remote=true",
				"--forge.dashboard.allowed-hosts=forge.example.com", "--forge.dashboard.sql-console=true");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: forge.dashboard.sql-console")
			.contains("Reason: cannot be true while forge.dashboard.allow-remote is true")
			.contains("cannot tell whether your security configuration really protects the dashboard's path")
			.contains("Turn one of them off")
			.doesNotContain("Property: forge.dashboard.allowed-hosts")
			.doesNotContain("\tat org.springframework");
	}

	@Test
	void allowedHostWithAPortIsReportedWithThePropertyAndTheReason(CapturedOutput output) {
		start("--forge.dashboard.allowed-hosts=forge.example.com:8080");
		assertThat(output).contains("Property: forge.dashboard.allowed-hosts")
			.contains("must list host names without scheme, port or path")
			.doesNotContain("\tat org.springframework");
	}

	private static void start(String... args) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run(args));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		DataSource dataSource() {
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setURL("jdbc:postgresql://localhost:1/unused");
			return dataSource;
		}

	}

}
