package dev.forge.boot.autoconfigure;

import java.util.List;

import dev.forge.boot.fixtures.models.Model;
import dev.forge.boot.fixtures.models.Project;
import dev.forge.boot.fixtures.models.nested.Task;
import dev.forge.model.ForgeModel;
import dev.forge.testapp.jpa.Customer;
import dev.forge.testapp.jpa.Purchase;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ForgeModelScanner}.
 */
class ForgeModelScannerTests {

	private final ForgeModelScanner scanner = new ForgeModelScanner(new MockEnvironment(), new DefaultResourceLoader());

	@Test
	void findsAnnotatedRecordsAndClassesInPackagesAndSubPackages() {
		assertThat(this.scanner.scan(Model.class, List.of(Project.class.getPackageName())))
			.containsExactly(Project.class, Task.class);
	}

	@Test
	void scansOnlyTheGivenPackages() {
		assertThat(this.scanner.scan(Model.class, List.of(Task.class.getPackageName()))).containsExactly(Task.class);
		assertThat(this.scanner.scan(Model.class, List.of("com.example.nothing"))).isEmpty();
	}

	@Test
	void findsJpaEntitiesWithTheModels() {
		assertThat(this.scanner.scan(ForgeModelScanner.modelAnnotations(getClass().getClassLoader()),
				List.of(Customer.class.getPackageName())))
			.containsExactly(Customer.class, Purchase.class);
		assertThat(this.scanner.scan(List.of(Model.class, Entity.class),
				List.of(Customer.class.getPackageName(), Project.class.getPackageName())))
			.containsExactly(Project.class, Task.class, Customer.class, Purchase.class);
	}

	@Test
	void withoutJpaOnTheClassPathOnlyForgeModelsMarkModels() {
		FilteredClassLoader withoutJpa = new FilteredClassLoader("jakarta.persistence.");
		assertThat(ForgeModelScanner.modelAnnotations(withoutJpa)).containsExactly(ForgeModel.class);
		assertThat(ForgeModelScanner.modelAnnotations(getClass().getClassLoader())).containsExactly(ForgeModel.class,
				Entity.class);
	}

	@Test
	void configuredPackagesReplaceTheDefaults() {
		assertThat(ForgeModelScanner.packagesToScan(List.of(), List.of("com.example"))).containsExactly("com.example");
		assertThat(ForgeModelScanner.packagesToScan(List.of("com.example.model"), List.of("com.example")))
			.containsExactly("com.example.model");
	}

}
