package dev.forge.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.forge");

	@Test
	void packagesDependOnlyOnTheLayersBelowThem() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("API").definedBy("dev.forge.core")
			.layer("Runner").definedBy("dev.forge.core.runner..")
			.layer("History").definedBy("dev.forge.core.history..")
			.layer("Lock").definedBy("dev.forge.core.lock..")
			.layer("Migration files").definedBy("dev.forge.core.migration..")
			.layer("SQL scripts").definedBy("dev.forge.core.script..")
			.whereLayer("Runner").mayOnlyBeAccessedByLayers("API")
			.whereLayer("History").mayOnlyBeAccessedByLayers("Runner")
			.whereLayer("Lock").mayOnlyBeAccessedByLayers("Runner")
			.whereLayer("Migration files").mayOnlyBeAccessedByLayers("API", "Runner")
			.whereLayer("SQL scripts").mayOnlyBeAccessedByLayers("API", "Runner", "History", "Migration files")
			.check(this.classes);
	}

	@Test
	void theEngineDoesNotDependOnSpring() {
		noClasses().that().resideInAPackage("dev.forge.core..").should().dependOnClassesThat()
			.resideInAPackage("org.springframework..").check(this.classes);
	}

}
