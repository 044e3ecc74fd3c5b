package dev.forge.boot.autoconfigure;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import dev.forge.core.BreakingChangePolicy;
import dev.forge.core.DeferredPolicy;
import dev.forge.core.Forge;
import dev.forge.core.ForgeConfiguration;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ForgeProperties}.
 */
class ForgePropertiesTests {

	@Test
	void defaultValuesAreConsistent() throws Exception {
		ForgeProperties.Migrations properties = new ForgeProperties().getMigrations();
		ForgeConfiguration configuration = Forge.configure().dataSource(new PGSimpleDataSource()).build();
		assertThat(properties.getSchema()).isEqualTo(configuration.schema());
		assertThat(properties.getTable()).isEqualTo(configuration.table());
		assertThat(properties.getLockTimeout()).isEqualTo(configuration.lockTimeout());
		assertThat(properties.getStatementTimeout()).isEqualTo(configuration.statementTimeout());
		assertThat(properties.getLockRetries()).isEqualTo(configuration.lockRetries());
		assertThat(properties.getLockRetryBackoff()).isEqualTo(configuration.lockRetryBackoff());
		assertThat(properties.getClusterLockWait()).isEqualTo(configuration.clusterLockWait());
		assertThat(properties.getOutOfOrder()).isEqualTo(configuration.outOfOrder());
		assertThat(properties.getPath()).isEqualTo(configuration.sources().get(0).toString());
		assertThat(properties.getDeferred()).isEqualTo(configuration.deferredPolicy());
		assertThat(new ForgeProperties().getFleet().getNodeTimeout()).isEqualTo(configuration.nodeTimeout());
	}

	@Test
	void defaultValuesMatchTheContract() {
		ForgeProperties properties = new ForgeProperties();
		assertThat(properties.getMigrations().isEnabled()).isTrue();
		assertThat(properties.getMigrations().getOutputDir()).isEqualTo("src/main/resources/migrations");
		assertThat(properties.getMigrations().getApplyOn()).isEqualTo(ForgeProperties.ApplyOn.READY);
		assertThat(properties.getMigrations().isConcurrentIndexes()).isTrue();
		assertThat(properties.getMigrations().getOnBreaking()).isEqualTo(BreakingChangePolicy.FAIL);
		assertThat(properties.getModels().getPackages()).isEmpty();
		assertThat(properties.getDashboard().isEnabled()).isFalse();
		assertThat(properties.getDashboard().getPath()).isEqualTo("/_forge");
		assertThat(properties.getDashboard().isAllowRemote()).isFalse();
		assertThat(properties.getDashboard().isSqlConsole()).isFalse();
		assertThat(properties.getMigrations().getDeferred()).isEqualTo(DeferredPolicy.MANUAL);
		assertThat(properties.getFleet().isEnabled()).isTrue();
		assertThat(properties.getFleet().getHeartbeat()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.getFleet().getNodeTimeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void everyEngineOptionIsAProperty() throws Exception {
		// models come from forge.models.packages; the output directory is forge.migrations.output-dir;
		// Java backfills and backfill listeners are beans; the node timeout is forge.fleet.node-timeout;
		// the location resolver reads locations as Spring resources
		Set<String> notProperties = Set.of("nodeTimeout", "dataSource", "locations", "migrationSource", "classLoader",
				"locationResolver", "nodeName",
				"models", "modelFinder", "load", "build", "javaBackfills", "backfillListener");
		Set<String> options = new TreeSet<>();
		for (Method method : ForgeConfiguration.Builder.class.getDeclaredMethods()) {
			if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
					&& !notProperties.contains(method.getName())) {
				options.add(switch (method.getName()) {
					case "outputDirectory" -> "outputDir";
					case "deferredPolicy" -> "deferred";
					default -> method.getName();
				});
			}
		}
		Set<String> properties = new TreeSet<>();
		Arrays.stream(Introspector.getBeanInfo(ForgeProperties.Migrations.class).getPropertyDescriptors())
			.map(PropertyDescriptor::getName)
			.forEach(properties::add);
		assertThat(properties).containsAll(options);
	}

}
