package dev.forge.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.fixtures.models.Project;
import dev.forge.core.BreakingChangePolicy;
import dev.forge.core.DeferredPolicy;
import dev.forge.core.Forge;
import dev.forge.core.ForgeConfiguration;
import dev.forge.core.MigrationFailedException;
import dev.forge.core.MigrationResource;
import dev.forge.core.OutOfOrderPolicy;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.ExitCodeExceptionMapper;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ForgeAutoConfiguration}: conditions, back-off, property mapping and
 * validation. No database is touched; see {@code ForgeStartupIT} for runs against one.
 */
class ForgeAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ForgeAutoConfiguration.class));

	@Test
	void backsOffWithoutDataSource() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(Forge.class)
			.doesNotHaveBean(ForgeOperations.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("forge.migrations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Forge.class).doesNotHaveBean(ForgeProperties.class));
	}

	@Test
	void backsOffWithoutForgeOnTheClasspath() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.withClassLoader(new FilteredClassLoader(Forge.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ForgeOperations.class));
	}

	@Test
	void createsForgeOnTheDataSourceWithApplyOnReadyByDefault() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(Forge.class)
				.hasSingleBean(ForgeOperations.class)
				.hasSingleBean(ForgeReadyMigrationListener.class)
				.doesNotHaveBean(ForgeMigrationInitializer.class)
				.hasSingleBean(ForgeModels.class);
			assertThat(context.getBean(Forge.class).configuration().dataSource())
				.isSameAs(context.getBean(DataSource.class));
		});
	}

	@Test
	void applyOnRefreshRegistersAnInitializerInsteadOfTheReadyListener() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("forge.migrations.apply-on=refresh")
			.withBean(ForgeOperations.class, RecordingOperations::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(ForgeMigrationInitializer.class)
					.doesNotHaveBean(ForgeReadyMigrationListener.class);
				assertThat(((RecordingOperations) context.getBean(ForgeOperations.class)).runs).isEqualTo(1);
			});
	}

	@Test
	void applyOnReadyAppliesDuringRefreshInAJpaApplication() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.withBean(EntityManagerFactory.class, ForgeAutoConfigurationTests::unusedEntityManagerFactory,
					(definition) -> definition.setLazyInit(true))
			.withBean(ForgeOperations.class, RecordingOperations::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(ForgeMigrationInitializer.class)
					.doesNotHaveBean(ForgeReadyMigrationListener.class);
				assertThat(((RecordingOperations) context.getBean(ForgeOperations.class)).runs).isEqualTo(1);
			});
	}

	@Test
	void applyOnNoneAppliesNothingInAJpaApplication() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("forge.migrations.apply-on=none")
			.withBean(EntityManagerFactory.class, ForgeAutoConfigurationTests::unusedEntityManagerFactory,
					(definition) -> definition.setLazyInit(true))
			.run((context) -> assertThat(context).hasSingleBean(Forge.class)
				.doesNotHaveBean(ForgeMigrationInitializer.class)
				.doesNotHaveBean(ForgeReadyMigrationListener.class));
	}

	@Test
	void applyOnNoneRegistersNeitherInitializerNorListener() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("forge.migrations.apply-on=NONE")
			.run((context) -> assertThat(context).hasSingleBean(Forge.class)
				.doesNotHaveBean(ForgeMigrationInitializer.class)
				.doesNotHaveBean(ForgeReadyMigrationListener.class));
	}

	@Test
	void userForgeBeanWins() {
		Forge userForge = Forge.configure().dataSource(new PGSimpleDataSource()).table("user_history").load();
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.withBean(Forge.class, () -> userForge)
			.run((context) -> {
				assertThat(context).getBean(Forge.class).isSameAs(userForge);
				assertThat(context.getBean(ForgeOperations.class).getForge()).isSameAs(userForge);
			});
	}

	@Test
	void userOperationsWin() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.withBean(ForgeOperations.class, RecordingOperations::new)
			.run((context) -> assertThat(context).getBean(ForgeOperations.class)
				.isInstanceOf(RecordingOperations.class));
	}

	@Test
	void forgeDataSourceIsPreferredOverThePrimaryDataSource() {
		this.contextRunner.withUserConfiguration(TwoDataSourcesConfiguration.class).run((context) -> {
			DataSource forgeDataSource = context.getBean("forgeDataSource", DataSource.class);
			assertThat(context.getBean(Forge.class).configuration().dataSource()).isSameAs(forgeDataSource);
		});
	}

	@Test
	void failsWhenNoDataSourceIsUniqueOrQualified() {
		this.contextRunner.withUserConfiguration(AmbiguousDataSourcesConfiguration.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("FORGE migration DataSource missing"));
	}

	@Test
	void propertiesAreMappedOntoTheConfiguration() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("forge.migrations.schema=app", "forge.migrations.table=history",
					"forge.migrations.lock-timeout=2500ms", "forge.migrations.lock-retries=3",
					"forge.migrations.lock-retry-backoff=2", "forge.migrations.cluster-lock-wait=90s",
					"forge.migrations.out-of-order=fail", "forge.migrations.statement-timeout=90")
			.run((context) -> {
				ForgeConfiguration configuration = context.getBean(Forge.class).configuration();
				assertThat(configuration.statementTimeout()).isEqualTo(Duration.ofSeconds(90));
				assertThat(configuration.schema()).isEqualTo("app");
				assertThat(configuration.table()).isEqualTo("history");
				assertThat(configuration.lockTimeout()).isEqualTo(Duration.ofMillis(2500));
				assertThat(configuration.lockRetries()).isEqualTo(3);
				assertThat(configuration.lockRetryBackoff()).isEqualTo(Duration.ofSeconds(2));
				assertThat(configuration.clusterLockWait()).isEqualTo(Duration.ofSeconds(90));
				assertThat(configuration.outOfOrder()).isEqualTo(OutOfOrderPolicy.FAIL);
			});
	}

	@Test
	void pathIsReadAsASpringResourceLocation() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("forge.migrations.path=classpath:db/ok/")
			.run((context) -> {
				ForgeConfiguration configuration = context.getBean(Forge.class).configuration();
				assertThat(configuration.sources()).singleElement().isInstanceOf(SpringResourceMigrationSource.class);
				assertThat(configuration.sources().get(0).resources()).extracting(MigrationResource::location)
					.containsExactlyInAnyOrder("classpath:db/ok/0001_create_users.sql",
							"classpath:db/ok/0002_create_projects.sql");
			});
	}

	@Test
	void customizersRunInOrderAfterTheProperties() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class, CustomizersConfiguration.class)
			.withPropertyValues("forge.migrations.table=from_properties", "forge.migrations.schema=from_properties")
			.run((context) -> {
				ForgeConfiguration configuration = context.getBean(Forge.class).configuration();
				assertThat(configuration.table()).isEqualTo("second");
				assertThat(configuration.schema()).isEqualTo("from_properties");
				assertThat(context.getBean(CustomizersConfiguration.class).calls).containsExactly("first", "second");
			});
	}

	@Test
	void missingPathFailsNamingTheProperty() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("forge.migrations.path=classpath:db/does-not-exist")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("forge.migrations.path")
				.hasMessageContaining("no such location"));
	}

	@Test
	void missingDefaultPathIsAllowed() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.run((context) -> assertThat(context.getBean(Forge.class).configuration().sources().get(0).resources())
				.isEmpty());
	}

	@Test
	void fleetPropertiesAreMappedOntoTheConfiguration() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("forge.fleet.node-timeout=45", "forge.fleet.heartbeat=5s",
					"forge.migrations.deferred=auto")
			.run((context) -> {
				ForgeConfiguration configuration = context.getBean(Forge.class).configuration();
				assertThat(configuration.nodeTimeout()).isEqualTo(Duration.ofSeconds(45));
				assertThat(configuration.deferredPolicy()).isEqualTo(DeferredPolicy.AUTO);
				assertThat(context.getBean(ForgeProperties.class).getFleet().getHeartbeat())
					.isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void heartbeatNotShorterThanTheNodeTimeoutFailsNamingBothProperties() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("forge.fleet.heartbeat=30s", "forge.fleet.node-timeout=30s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("forge.fleet.heartbeat")
				.hasMessageContaining("must be shorter than forge.fleet.node-timeout (PT30S)"));
		assertInvalid("forge.fleet.heartbeat=0s", "forge.fleet.heartbeat", "must be longer than zero");
		assertInvalid("forge.fleet.node-timeout=-1s", "forge.fleet.node-timeout", "must be longer than zero");
	}

	@Test
	void automaticContractWithoutTheFleetFailsNamingBothProperties() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("forge.migrations.deferred=auto", "forge.fleet.enabled=false")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("forge.migrations.deferred")
				.hasMessageContaining("auto needs forge.fleet.enabled=true"));
	}

	@Test
	void negativeTimeoutsFailNamingTheProperty() {
		assertInvalid("forge.migrations.lock-timeout=-5s", "forge.migrations.lock-timeout", "must not be negative");
		assertInvalid("forge.migrations.cluster-lock-wait=-1s", "forge.migrations.cluster-lock-wait",
				"must not be negative");
		assertInvalid("forge.migrations.lock-retry-backoff=-1s", "forge.migrations.lock-retry-backoff",
				"must not be negative");
		assertInvalid("forge.migrations.lock-retries=-1", "forge.migrations.lock-retries", "must not be negative");
		assertInvalid("forge.migrations.statement-timeout=-1s", "forge.migrations.statement-timeout",
				"must not be negative");
		assertInvalid("forge.migrations.statement-timeout=30d", "forge.migrations.statement-timeout",
				"must be at most 2147483647ms");
	}

	@Test
	void unknownOnBreakingPolicyFailsNamingTheProperty() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("forge.migrations.on-breaking=sometimes")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasRootCauseInstanceOf(IllegalArgumentException.class)
				.satisfies((failure) -> assertThat(findCause(failure, BindException.class).getProperty().getName())
					.hasToString("forge.migrations.on-breaking")));
	}

	@Test
	void badIdentifiersPackagesAndDashboardPathFailNamingTheProperty() {
		assertInvalid("forge.migrations.table=forge migrations", "forge.migrations.table", "plain PostgreSQL identifier");
		assertInvalid("forge.models.packages=com.example.,ok", "forge.models.packages[0]", "Java package name");
		assertInvalid("forge.dashboard.path=_forge", "forge.dashboard.path", "must start with '/'");
		assertInvalid("forge.dashboard.allowed-hosts=https://forge.example.com", "forge.dashboard.allowed-hosts",
				"without scheme, port or path");
	}

	@Test
	void onBreakingConcurrentIndexesOutputDirAndDashboardAreBound() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("forge.migrations.on-breaking=warn", "forge.migrations.concurrent-indexes=false",
					"forge.migrations.output-dir=db/migrations", "forge.dashboard.enabled=true",
					"forge.dashboard.path=/admin/forge", "forge.dashboard.allow-remote=true",
					"forge.dashboard.allowed-hosts=forge.example.com,[2001:db8::1]",
					"forge.models.packages=com.example.model")
			.run((context) -> {
				ForgeProperties properties = context.getBean(ForgeProperties.class);
				assertThat(properties.getMigrations().getOnBreaking()).isEqualTo(BreakingChangePolicy.WARN);
				assertThat(properties.getMigrations().isConcurrentIndexes()).isFalse();
				assertThat(properties.getMigrations().getOutputDir()).isEqualTo("db/migrations");
				assertThat(properties.getDashboard().isEnabled()).isTrue();
				assertThat(properties.getDashboard().getPath()).isEqualTo("/admin/forge");
				assertThat(properties.getDashboard().isAllowRemote()).isTrue();
				assertThat(properties.getDashboard().getAllowedHosts()).containsExactly("forge.example.com",
						"[2001:db8::1]");
				assertThat(properties.getModels().getPackages()).containsExactly("com.example.model");
			});
	}

	@Test
	void modelsAreScannedInTheAutoConfigurationPackagesByDefault() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class, PackageConfiguration.class)
			.run((context) -> {
				ForgeModels models = context.getBean(ForgeModels.class);
				assertThat(models.getPackages()).containsExactly(Project.class.getPackageName());
				assertThat(models.getClasses()).as("@ForgeModel is not in this build").isEmpty();
			});
	}

	@Test
	void modelPackagesPropertyReplacesTheAutoConfigurationPackages() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class, PackageConfiguration.class)
			.withPropertyValues("forge.models.packages=com.example.a,com.example.b")
			.run((context) -> assertThat(context.getBean(ForgeModels.class).getPackages())
				.containsExactly("com.example.a", "com.example.b"));
	}

	@Test
	void forgeFailuresMapToExitCodeOne() {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class).run((context) -> {
			ExitCodeExceptionMapper mapper = context.getBean(ExitCodeExceptionMapper.class);
			MigrationFailedException failure = new MigrationFailedException("boom", "0001_x", 1, null,
					new RuntimeException());
			assertThat(mapper.getExitCode(failure)).isEqualTo(1);
			assertThat(mapper.getExitCode(new IllegalStateException("wrapped", failure))).isEqualTo(1);
			assertThat(mapper.getExitCode(new IllegalStateException("other"))).isZero();
		});
	}

	private void assertInvalid(String property, String name, String reason) {
		this.contextRunner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues(property)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining(name)
				.hasMessageContaining(reason));
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		throw new AssertionError("No " + type.getName() + " in " + failure);
	}

	private static EntityManagerFactory unusedEntityManagerFactory() {
		throw new AssertionError("the EntityManagerFactory is only declared, never created, by these tests");
	}

	static DataSource dataSource(String database) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL("jdbc:postgresql://localhost:1/" + database);
		return dataSource;
	}

	@Configuration(proxyBeanMethods = false)
	static class DataSourceConfiguration {

		@Bean
		DataSource dataSource() {
			return ForgeAutoConfigurationTests.dataSource("main");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSourcesConfiguration {

		@Bean
		@Primary
		DataSource dataSource() {
			return ForgeAutoConfigurationTests.dataSource("main");
		}

		@Bean
		@ForgeDataSource
		DataSource forgeDataSource() {
			return ForgeAutoConfigurationTests.dataSource("owner");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AmbiguousDataSourcesConfiguration {

		@Bean
		DataSource firstDataSource() {
			return ForgeAutoConfigurationTests.dataSource("first");
		}

		@Bean
		DataSource secondDataSource() {
			return ForgeAutoConfigurationTests.dataSource("second");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizersConfiguration {

		final List<String> calls = new ArrayList<>();

		@Bean
		@Order(2)
		ForgeConfigurationCustomizer secondCustomizer() {
			return (builder) -> {
				this.calls.add("second");
				builder.table("second");
			};
		}

		@Bean
		@Order(1)
		ForgeConfigurationCustomizer firstCustomizer() {
			return (builder) -> {
				this.calls.add("first");
				builder.table("first");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = Project.class)
	static class PackageConfiguration {

	}

	static class RecordingOperations extends ForgeOperations {

		int runs;

		RecordingOperations() {
			super(Forge.configure().dataSource(dataSource("recording")).load(), List.of());
		}

		@Override
		public dev.forge.core.ApplyResult apply() {
			this.runs++;
			return new dev.forge.core.ApplyResult(List.of(), List.of(), Duration.ZERO);
		}

	}

}
