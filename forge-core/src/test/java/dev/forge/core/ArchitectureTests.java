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
			.layer("Adoption").definedBy("dev.forge.core.internal.baseline..")
			.layer("Runner").definedBy("dev.forge.core.internal.runner..")
			.layer("Backfill").definedBy("dev.forge.core.internal.backfill..")
			.layer("Fleet").definedBy("dev.forge.core.internal.fleet..")
			.layer("History").definedBy("dev.forge.core.internal.history..")
			.layer("Lock").definedBy("dev.forge.core.internal.lock..")
			.layer("Migration files").definedBy("dev.forge.core.internal.migration..")
			.layer("SQL scripts").definedBy("dev.forge.core.internal.script..")
			.layer("Safety").definedBy("dev.forge.core.internal.safety..")
			.layer("Generator").definedBy("dev.forge.core.internal.generate..")
			.layer("Drift").definedBy("dev.forge.core.internal.drift..")
			.layer("Diff").definedBy("dev.forge.core.internal.diff..")
			.layer("Inspector").definedBy("dev.forge.core.internal.inspect..")
			.layer("Model reader").definedBy("dev.forge.core.internal.model..")
			.layer("Schema").definedBy("dev.forge.core.schema..", "dev.forge.core.internal.schema..")
			.layer("Annotations").definedBy("dev.forge.model..")
			.whereLayer("Adoption").mayOnlyBeAccessedByLayers("API")
			.whereLayer("Runner").mayOnlyBeAccessedByLayers("API", "Adoption")
			.whereLayer("Backfill").mayOnlyBeAccessedByLayers("API", "Runner", "Adoption")
			.whereLayer("Fleet").mayOnlyBeAccessedByLayers("API", "Runner", "Adoption")
			.whereLayer("History").mayOnlyBeAccessedByLayers("Runner", "Adoption")
			.whereLayer("Lock").mayOnlyBeAccessedByLayers("Runner")
			.whereLayer("Safety").mayOnlyBeAccessedByLayers("API", "Runner")
			.whereLayer("Migration files").mayOnlyBeAccessedByLayers("API", "Runner", "Safety", "Backfill", "Adoption")
			.whereLayer("SQL scripts").mayOnlyBeAccessedByLayers("API", "Runner", "Migration files", "Safety",
					"Backfill")
			.whereLayer("Generator").mayOnlyBeAccessedByLayers("API", "Runner", "Adoption")
			.whereLayer("Drift").mayOnlyBeAccessedByLayers("API", "Runner")
			.whereLayer("Inspector").mayOnlyBeAccessedByLayers("Runner", "Adoption")
			.whereLayer("Model reader").mayOnlyBeAccessedByLayers("Runner")
			.whereLayer("Diff").mayOnlyBeAccessedByLayers("API", "Runner", "Generator", "Drift")
			.whereLayer("Annotations").mayOnlyBeAccessedByLayers("Model reader")
			.check(this.classes);
	}

	@Test
	void onlyTheEntityReaderUsesJakartaPersistenceAnOptionalDependency() {
		noClasses().that()
			.resideOutsideOfPackage("dev.forge.core.internal.model.jpa..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("jakarta.persistence..")
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
