package dev.forge.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The engine reads model → schema → diff → generator → migration files → safety →
 * runner → history, and each package depends only on those below it.
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
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
			.layer("Safety").definedBy("dev.forge.core.safety..")
			.layer("Generator").definedBy("dev.forge.core.generate..")
			.layer("Drift").definedBy("dev.forge.core.drift..")
			.layer("Diff").definedBy("dev.forge.core.diff..")
			.layer("Inspector").definedBy("dev.forge.core.inspect..")
			.layer("Model reader").definedBy("dev.forge.core.model..")
			.layer("Schema").definedBy("dev.forge.core.schema..")
			.layer("Annotations").definedBy("dev.forge.model..")
			.whereLayer("Runner").mayOnlyBeAccessedByLayers("API")
			.whereLayer("History").mayOnlyBeAccessedByLayers("Runner")
			.whereLayer("Lock").mayOnlyBeAccessedByLayers("Runner")
			.whereLayer("Safety").mayOnlyBeAccessedByLayers("API", "Runner")
			.whereLayer("Migration files").mayOnlyBeAccessedByLayers("API", "Runner", "Safety")
			.whereLayer("SQL scripts").mayOnlyBeAccessedByLayers("API", "Runner", "Migration files", "Safety")
			.whereLayer("Generator").mayOnlyBeAccessedByLayers("API", "Runner")
			.whereLayer("Drift").mayOnlyBeAccessedByLayers("API", "Runner")
			.whereLayer("Inspector").mayOnlyBeAccessedByLayers("Runner")
			.whereLayer("Model reader").mayOnlyBeAccessedByLayers("Runner")
			.whereLayer("Diff").mayOnlyBeAccessedByLayers("API", "Runner", "Generator", "Drift")
			.whereLayer("Annotations").mayOnlyBeAccessedByLayers("Model reader")
			.check(this.classes);
	}

	@Test
	void theEngineDoesNotDependOnSpring() {
		noClasses().that()
			.resideInAnyPackage("dev.forge.core..", "dev.forge.model..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.check(this.classes);
	}

}
