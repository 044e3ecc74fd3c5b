package dev.forge.boot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.forge.core.ApplyResult;
import dev.forge.core.BreakingChangeException;
import dev.forge.core.MigrationFailedException;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ExitCodeEvent;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Full start-ups of a Spring Boot application against a real PostgreSQL database.
 */
@ExtendWith(OutputCaptureExtension.class)
@PostgresTest
class ForgeStartupIT {

	private static TestDatabase database;

	private final List<Object> events = new ArrayList<>();

	@BeforeAll
	static void useDatabase(TestDatabase testDatabase) {
		database = testDatabase;
	}

	@BeforeEach
	void reset() {
		database.reset();
	}

	@Test
	void pendingMigrationsAreAppliedOnReadyWhileReadinessRefusesTraffic() {
		try (ConfigurableApplicationContext context = start("--forge.migrations.path=classpath:db/ok")) {
			assertThat(database.column("SELECT name FROM forge_migrations ORDER BY name"))
				.containsExactly("0001_create_users", "0002_create_projects");
			assertThat(this.events).containsExactly("readiness REFUSING_TRAFFIC", "applied 2 while REFUSING_TRAFFIC",
					"readiness ACCEPTING_TRAFFIC");
			assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	@Test
	void aFailedMigrationStopsTheApplicationWithItsMessageAndExitCodeOne(CapturedOutput output) {
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> start("--forge.migrations.path=classpath:db/broken"));
		assertThat(this.events).contains("exit code 1").doesNotContain("readiness ACCEPTING_TRAFFIC");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("FORGE could not migrate the database")
			.contains("0002_add_email_twice")
			.contains("already exists")
			.contains("Fix the statement at line 3 of 0002_add_email_twice, then start the application again.")
			.doesNotContain("\tat dev.forge");
		assertThat(database.column("SELECT name FROM forge_migrations")).containsExactly("0001_create_users");
	}

	@Test
	void aBreakingPendingMigrationIsRefusedByDefaultWithTheWarning(CapturedOutput output) {
		createUsersWithLegacyEmail();

		assertThatExceptionOfType(BreakingChangeException.class)
			.isThrownBy(() -> start("--forge.migrations.path=classpath:db/breaking"));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("⚠️ WARNING: This migration contains breaking changes")
			.contains("  - DROP COLUMN: users.legacy_email")
			.contains("-- forge:allow-breaking")
			.doesNotContain("\tat dev.forge");
		assertThat(this.events).contains("exit code 1");
		assertThat(database.columnNames("users")).contains("legacy_email");
		assertThat(database.value("SELECT count(*) FROM forge_migrations")).isEqualTo(0L);
	}

	@Test
	void aBreakingPendingMigrationIsAppliedWhenThePolicyAllowsOrWarns(CapturedOutput output) {
		createUsersWithLegacyEmail();
		try (ConfigurableApplicationContext context = start("--forge.migrations.path=classpath:db/breaking",
				"--forge.migrations.on-breaking=warn")) {
			assertThat(database.columnNames("users")).containsExactly("id", "email");
			assertThat(output).contains("⚠️ WARNING: This migration contains breaking changes");
		}
		database.reset();
		createUsersWithLegacyEmail();
		try (ConfigurableApplicationContext context = start("--forge.migrations.path=classpath:db/breaking",
				"--forge.migrations.on-breaking=allow")) {
			assertThat(database.columnNames("users")).containsExactly("id", "email");
		}
	}

	@Test
	void applyOnRefreshMigratesBeforeBeansThatDependOnTheDatabase() {
		try (ConfigurableApplicationContext context = start("--forge.migrations.path=classpath:db/ok",
				"--forge.migrations.apply-on=refresh", "--users-counter.enabled=true")) {
			assertThat(context.getBean(UsersCounter.class).users).isZero();
			assertThat(this.events).first().isEqualTo("applied 2 while REFUSING_TRAFFIC");
		}
	}

	@Test
	void aFileGeneratedIntoTheOutputDirectoryAppliesWithoutARebuild(@TempDir Path outputDir) throws Exception {
		Files.writeString(outputDir.resolve("0003_create_tasks.sql"),
				"-- Up\nCREATE TABLE tasks (id uuid PRIMARY KEY);\n-- Down\nDROP TABLE tasks;\n");
		Files.copy(Path.of(getClass().getResource("/db/ok/0001_create_users.sql").toURI()),
				outputDir.resolve("0001_create_users.sql"));

		try (ConfigurableApplicationContext context = start("--forge.migrations.path=classpath:db/ok",
				"--forge.migrations.output-dir=" + outputDir)) {
			assertThat(database.column("SELECT name FROM forge_migrations ORDER BY name"))
				.containsExactly("0001_create_users", "0002_create_projects", "0003_create_tasks");
		}
	}

	@Test
	void applyOnNoneLeavesMigrationsPending() {
		try (ConfigurableApplicationContext context = start("--forge.migrations.path=classpath:db/ok",
				"--forge.migrations.apply-on=none")) {
			assertThat(database.tableExists("users")).isFalse();
			assertThat(this.events).containsExactly("readiness ACCEPTING_TRAFFIC");
		}
	}

	private static void createUsersWithLegacyEmail() {
		database.execute("CREATE TABLE users (id uuid PRIMARY KEY, email text NOT NULL, legacy_email text)");
	}

	private ConfigurableApplicationContext start(String... args) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addListeners((ApplicationListener<AvailabilityChangeEvent<?>>) (event) -> {
			if (event.getState() instanceof ReadinessState state) {
				this.events.add("readiness " + state);
			}
		});
		application.addListeners((ApplicationListener<ExitCodeEvent>) (event) -> this.events
			.add("exit code " + event.getExitCode()));
		application.addInitializers((context) -> context.getBeanFactory()
			.registerSingleton("recordingListener", new RecordingListener(this.events, context)));
		return application.run(args);
	}

	record RecordingListener(List<Object> events, ConfigurableApplicationContext context)
			implements ForgeMigrationListener {

		@Override
		public void applied(ApplyResult result) {
			this.events.add("applied " + result.applied().size() + " while "
					+ this.context.getBean(ApplicationAvailability.class).getReadinessState());
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		DataSource dataSource() {
			return database.dataSource();
		}

		@Bean
		@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("users-counter.enabled")
		UsersCounter usersCounter(DataSource dataSource) {
			return new UsersCounter(dataSource);
		}

	}

	@DependsOnDatabaseInitialization
	static class UsersCounter {

		final int users;

		UsersCounter(DataSource dataSource) {
			try (var connection = dataSource.getConnection();
					var rows = connection.createStatement().executeQuery("SELECT count(*) FROM users")) {
				rows.next();
				this.users = rows.getInt(1);
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
