package dev.forge.boot.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.forge.boot.fixtures.WordCountBackfill;
import dev.forge.testapp.jpa.JpaApplication;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.ExitCodeEvent;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The {@code migrate} command of a real JPA application ({@link JpaApplication}, with
 * {@code ddl-auto=validate} and a runner of its own), run in-process through
 * {@link SpringApplication} as {@code java -jar app.jar migrate ...} runs it, and its
 * start-up with the default {@code apply-on=ready}.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class MigrateCommandApplicationIT {

	private static TestDatabase database;

	private final List<Integer> exitCodes = new ArrayList<>();

	@BeforeAll
	static void useDatabase(TestDatabase testDatabase) {
		database = testDatabase;
	}

	@BeforeEach
	void reset() {
		database.reset();
		JpaApplication.reset();
	}

	@Test
	void migrateApplyFixesTheSchemaThatJpaValidatesWithoutStartingJpaOrTheApplicationsRunners(
			CapturedOutput output) {
		assertThatException().as("a normal start validates the empty schema")
			.isThrownBy(() -> run("--forge.migrations.apply-on=none"))
			.satisfies((ex) -> assertThat(rootCause(ex).getMessage()).contains("missing table [customers]"));
		assertThat(JpaApplication.entityManagerFactoryCreated).isTrue();
		JpaApplication.reset();
		int before = output.length();

		ConfigurableApplicationContext migrate = run("migrate", "apply");

		assertThat(output.toString().substring(before)).contains("Applied 0001_create_customers")
			.contains("Applied 0002_create_purchases")
			.doesNotContain("\tat ")
			.doesNotContain("Hibernate");
		assertThat(database.tableExists("purchases")).isTrue();
		assertThat(JpaApplication.entityManagerFactoryCreated).as("EntityManagerFactory created").isFalse();
		assertThat(JpaApplication.runnerRan).as("the application's runner ran").isFalse();
		assertThat(migrate.isActive()).as("closed once the command succeeded").isFalse();
		assertThat(this.exitCodes).isEmpty();

		try (ConfigurableApplicationContext context = run("--forge.migrations.apply-on=none")) {
			assertThat(JpaApplication.entityManagerFactoryCreated).isTrue();
			assertThat(JpaApplication.runnerRan).isTrue();
		}
	}

	@Test
	void withApplyOnReadyTheMigrationsApplyBeforeHibernateValidatesTheSchema(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("--forge.migrations.apply-on=ready")) {
			assertThat(JpaApplication.entityManagerFactoryCreated).isTrue();
			assertThat(JpaApplication.runnerRan).isTrue();
		}
		assertThat(database.column("SELECT name FROM forge_migrations ORDER BY name"))
			.containsExactly("0001_create_customers", "0002_create_purchases");
		assertThat(output).contains("Applying pending migrations before JPA's EntityManagerFactory starts");
	}

	@Test
	void migrateBackfillRunsTheJobInTheForegroundAndNoJobRunnerStarts(@TempDir Path folder, CapturedOutput output) {
		WordCountBackfill.write(folder, 2000, "batch-size=500");
		run("migrate", "apply", "--forge.migrations.path=file:" + folder + "/");
		int before = output.length();

		ConfigurableApplicationContext migrate = run("migrate", "backfill", WordCountBackfill.JOB,
				"--forge.migrations.path=file:" + folder + "/", "--forge.jobs.max-batch-size=300");

		assertThat(output.toString().substring(before)).contains("Running backfill job " + WordCountBackfill.JOB)
			.contains(WordCountBackfill.JOB + ": DONE 100% 2,000/2,000 rows")
			.containsPattern("Backfill job " + WordCountBackfill.JOB + " is DONE: 2,000 rows in all; this run updated"
					+ " 2,000 rows in \\d+ batches");
		assertThat(this.exitCodes).isEmpty();
		assertThat(WordCountBackfill.count(database, "updates = 1")).isEqualTo(2000);
		ConfigurableListableBeanFactory beans = migrate.getBeanFactory();
		assertThat(Arrays.stream(beans.getBeanNamesForType(SmartLifecycle.class, true, false))
			.map((name) -> beans.getType(name).getSimpleName())).as("no job runner in a migrate command")
			.doesNotContain("ForgeJobRunner");
	}

	@Test
	void theRunningApplicationIsANodeOfTheFleetButAMigrateCommandIsNot() throws InterruptedException {
		ConfigurableApplicationContext migrate = run("migrate", "apply");
		assertThat(migrate.getBeanFactory().getBeanNamesForType(SmartLifecycle.class, true, false))
			.as("beans of a migrate command")
			.doesNotContain("forgeFleetNode");
		assertThat(database.tableExists("forge_nodes")).as("a migrate command registers no node").isFalse();

		try (ConfigurableApplicationContext context = run("--spring.application.name=shop")) {
			long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
			while (!database.tableExists("forge_nodes")
					|| !database.column("SELECT application FROM forge_nodes").equals(List.of("shop"))) {
				assertThat(System.nanoTime()).as("node registered within 30 s").isLessThan(deadline);
				Thread.sleep(50);
			}
			run("migrate", "status");
			assertThat(database.column("SELECT application FROM forge_nodes")).as("nodes during a migrate command")
				.containsExactly("shop");
		}
		assertThat(database.value("SELECT count(*) FROM forge_nodes")).as("nodes after a clean stop").isEqualTo(0L);
	}

	@Test
	void aFailedCommandExitsWithOneWithoutAStackTraceOrAFailureReport(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("migrate", "apply", "--forge.migrations.path=classpath:db/broken"))
			.isInstanceOfSatisfying(ExitCodeGenerator.class, (ex) -> assertThat(ex.getExitCode()).isOne());
		assertThat(this.exitCodes).as("exit code published by SpringApplication").containsExactly(1);
		assertThat(output.getErr()).contains("migrate apply failed: Migration 0002_add_email_twice failed");
		assertThat(output).doesNotContain("\tat ")
			.doesNotContain("APPLICATION FAILED TO START")
			.doesNotContain("Application run failed");
		assertThat(JpaApplication.runnerRan).isFalse();
	}

	@Test
	void badUsageExitsWithTwoAndShowsTheUsage(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("migrate", "frobnicate"))
			.isInstanceOfSatisfying(ExitCodeGenerator.class, (ex) -> assertThat(ex.getExitCode()).isEqualTo(2));
		assertThat(this.exitCodes).containsExactly(2);
		assertThat(output.getErr()).contains("migrate: unknown command 'frobnicate'").contains("Usage:");
		assertThat(output).doesNotContain("\tat ").doesNotContain("APPLICATION FAILED TO START");
	}

	@Test
	void aRealStartupFailureStillGetsSpringBootsReport(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("migrate", "status", "--forge.migrations.lock-timeout=-5s"));
		assertThat(output).contains("APPLICATION FAILED TO START").contains("Property: forge.migrations.lock-timeout");
	}

	private ConfigurableApplicationContext run(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--spring.datasource.url=" + database.jdbcUrl());
		if (!database.jdbcUrl().contains("user=")) {
			all.add("--spring.datasource.username=postgres");
		}
		// src/test/resources/application.properties leaves JPA out for the other tests
		all.add("--spring.autoconfigure.exclude=");
		all.add("--spring.main.web-application-type=none");
		all.add("--spring.jpa.hibernate.ddl-auto=validate");
		if (all.stream().noneMatch((arg) -> arg.startsWith("--forge.migrations.path="))) {
			all.add("--forge.migrations.path=classpath:db/jpa");
		}
		SpringApplication application = new SpringApplication(JpaApplication.class);
		application.addListeners((ApplicationListener<ExitCodeEvent>) (event) -> this.exitCodes.add(event.getExitCode()));
		return application.run(all.toArray(String[]::new));
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
