package dev.forge.boot.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import dev.forge.boot.ForgeMigrationListener;
import dev.forge.boot.ForgeOperations;
import dev.forge.core.BackfillListener;
import dev.forge.core.Forge;
import dev.forge.core.ForgeConfiguration;
import dev.forge.core.ForgeException;
import dev.forge.core.JavaBackfill;
import dev.forge.core.MigrationSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ExitCodeExceptionMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.util.Assert;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for FORGE Migrations: the {@link Forge} engine on the application's
 * DataSource (or a {@link ForgeDataSource @ForgeDataSource} one), applying pending
 * migrations on start-up as {@code forge.migrations.apply-on} says.
 *
 * @author FORGE
 * @since 0.1.0
 */
// after JPA, whose EntityManagerFactory decides when migrations apply with apply-on=ready
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
		afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass(Forge.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "forge.migrations.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ForgeProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class ForgeAutoConfiguration {

	private static final String ENTITY_MANAGER_FACTORY = "jakarta.persistence.EntityManagerFactory";

	private static final Log logger = LogFactory.getLog(ForgeAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ForgeOperations forgeOperations(Forge forge, ObjectProvider<ForgeMigrationListener> listeners,
			ForgeProperties properties) {
		ForgeOperations operations = new ForgeOperations(forge, () -> listeners.orderedStream().toList());
		operations.setBackfillSettings(properties.getJobs().toSettings());
		return operations;
	}

	@Bean
	@ConditionalOnMissingBean
	ForgeModels forgeModels(ForgeProperties properties, BeanFactory beanFactory, Environment environment,
			ResourceLoader resourceLoader) {
		List<String> packages = ForgeModelScanner.packagesToScan(properties.getModels().getPackages(),
				AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory) : List.of());
		return new ForgeModels(packages,
				() -> new ForgeModelScanner(environment, resourceLoader)
					.scan(ForgeModelScanner.modelAnnotations(resourceLoader.getClassLoader()), packages));
	}

	@Bean
	ExitCodeExceptionMapper forgeExitCodeExceptionMapper() {
		return (exception) -> {
			for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
				if (cause instanceof ForgeException) {
					return 1;
				}
			}
			return 0;
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(Forge.class)
	static class ForgeEngineConfiguration {

		@Bean
		Forge forge(ForgeProperties properties, ResourceLoader resourceLoader, ObjectProvider<DataSource> dataSource,
				@ForgeDataSource ObjectProvider<DataSource> forgeDataSource, ForgeModels models,
				ObjectProvider<ForgeConfigurationCustomizer> customizers, ObjectProvider<JavaBackfill> javaBackfills,
				ObjectProvider<BackfillListener> backfillListeners) {
			ForgeConfiguration.Builder builder = Forge.configure();
			builder.dataSource(selectDataSource(forgeDataSource.getIfAvailable(), dataSource.getIfUnique()));
			if (resourceLoader.getClassLoader() != null) {
				builder.classLoader(resourceLoader.getClassLoader());
			}
			configureProperties(builder, properties.getMigrations(), resourceLoader);
			builder.nodeTimeout(properties.getFleet().getNodeTimeout());
			builder.modelFinder(models::getClasses);
			builder.javaBackfills(javaBackfills.orderedStream().toList());
			backfillListeners.orderedStream().forEach(builder::backfillListener);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.load();
		}

		private DataSource selectDataSource(@Nullable DataSource forgeDataSource, @Nullable DataSource dataSource) {
			DataSource selected = (forgeDataSource != null) ? forgeDataSource : dataSource;
			Assert.state(selected != null, "FORGE migration DataSource missing: define one DataSource bean, or mark"
					+ " the one to migrate with @ForgeDataSource");
			return selected;
		}

		private void configureProperties(ForgeConfiguration.Builder builder, ForgeProperties.Migrations properties,
				ResourceLoader resourceLoader) {
			PropertyMapper map = PropertyMapper.get();
			// while developing, the folder generate writes to is read first, so that a file
			// generated by 'migrate generate' or the dashboard applies without a rebuild; the
			// same file on the classpath counts once
			Path outputDir = Path.of(properties.getOutputDir());
			if (Files.isDirectory(outputDir)) {
				builder.migrationSource(MigrationSource.directory(outputDir));
			}
			map.from(properties.getPath())
				.as((path) -> new SpringResourceMigrationSource(
						ResourcePatternUtils.getResourcePatternResolver(resourceLoader), path))
				.to(builder::migrationSource);
			// 'migrate import-flyway --flyway-locations' reads locations as forge.migrations.path is read
			builder.locationResolver((location) -> new SpringResourceMigrationSource(
					ResourcePatternUtils.getResourcePatternResolver(resourceLoader), location));
			map.from(properties.getSchema()).to(builder::schema);
			map.from(properties.getTable()).to(builder::table);
			map.from(properties.getLockTimeout()).to(builder::lockTimeout);
			map.from(properties.getStatementTimeout()).to(builder::statementTimeout);
			map.from(properties.getLockRetries()).to(builder::lockRetries);
			map.from(properties.getLockRetryBackoff()).to(builder::lockRetryBackoff);
			map.from(properties.getClusterLockWait()).to(builder::clusterLockWait);
			map.from(properties.getOutOfOrder()).to(builder::outOfOrder);
			map.from(properties.getOnBreaking()).to(builder::onBreaking);
			map.from(properties.getDeferred()).to(builder::deferredPolicy);
			map.from(properties.isConcurrentIndexes()).to(builder::concurrentIndexes);
			map.from(properties.isTwoPhaseBreakingChanges()).to(builder::twoPhaseBreakingChanges);
			map.from(properties.getOutputDir()).as(Path::of).to(builder::outputDirectory);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "forge.migrations.apply-on", havingValue = "ready", matchIfMissing = true)
	@Conditional(NoEntityManagerFactoryCondition.class)
	static class ApplyOnReadyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ForgeReadyMigrationListener forgeReadyMigrationListener(ForgeOperations operations) {
			return new ForgeReadyMigrationListener(operations);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "forge.migrations.apply-on", havingValue = "refresh")
	static class ApplyOnRefreshConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ForgeMigrationInitializer forgeMigrationInitializer(ForgeOperations operations) {
			return new ForgeMigrationInitializer(operations);
		}

	}

	/**
	 * Hibernate validates the schema ({@code ddl-auto=validate}) while its
	 * {@code EntityManagerFactory} starts, during context refresh: in a JPA application,
	 * {@code apply-on=ready} would apply the migrations after a validation that fails on
	 * them. So the migrations are applied during refresh there too, and the
	 * {@code EntityManagerFactory} waits for them (Spring Boot's database initialization
	 * ordering, as for Flyway).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "forge.migrations.apply-on", havingValue = "ready", matchIfMissing = true)
	@ConditionalOnClass(name = ENTITY_MANAGER_FACTORY)
	@ConditionalOnBean(type = ENTITY_MANAGER_FACTORY)
	static class ApplyBeforeJpaConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ForgeMigrationInitializer forgeMigrationInitializer(ForgeOperations operations) {
			logger.info("Applying pending migrations before JPA's EntityManagerFactory starts, which checks the schema"
					+ " (forge.migrations.apply-on=ready acts as refresh in a JPA application)");
			return new ForgeMigrationInitializer(operations);
		}

	}

	/**
	 * Matches when the application has no JPA {@code EntityManagerFactory}.
	 */
	static final class NoEntityManagerFactoryCondition extends NoneNestedConditions {

		NoEntityManagerFactoryCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnClass(name = ENTITY_MANAGER_FACTORY)
		@ConditionalOnBean(type = ENTITY_MANAGER_FACTORY)
		static class EntityManagerFactoryPresent {

		}

	}

}
