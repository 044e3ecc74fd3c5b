package dev.forge.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The public API of both modules stays what a user needs: the annotations
 * ({@code dev.forge.model}), the engine with its results and exceptions
 * ({@code dev.forge.core}, {@code dev.forge.core.schema}), and, in Spring Boot, the
 * properties, the operations, the extension points, the endpoints, health and metrics.
 * Everything else is package-private or under {@code dev.forge.core.internal}, and no
 * surface reaches past the public API into the engine's parts.
 */
class PublicApiTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TEST_FIXTURES)
		.importPackages("dev.forge.core", "dev.forge.model", "dev.forge.boot");

	/**
	 * The public types of the Spring Boot module: its auto-configurations, properties and
	 * extension points, the operations every surface calls, and the Actuator parts.
	 */
	private static final Set<String> PUBLIC_BOOT_TYPES = Set.of("ForgeOperations", "ForgeMigrationListener",
			"ForgeAutoConfiguration", "ForgeEndpointAutoConfiguration", "ForgeHealthContributorAutoConfiguration",
			"ForgeMetricsAutoConfiguration", "MigrateCommandAutoConfiguration", "ForgeDashboardAutoConfiguration",
			"ForgeProperties", "ForgeConfigurationCustomizer", "ForgeDataSource", "ForgeMigrationInitializer",
			"ForgeReadyMigrationListener", "ForgeMigrationsEndpoint", "ForgeDriftEndpoint", "ForgeHealthIndicator",
			"ForgeMetrics", "ForgeJobsAutoConfiguration", "ForgeJobsEndpoint", "ForgeBackfillMetrics",
			"ForgeFleetAutoConfiguration");

	@Test
	void springBootSurfacesUseOnlyThePublicApiOfTheEngine() {
		noClasses().that()
			.resideInAPackage("dev.forge.boot..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.forge.core.internal..")
			.check(classes);
	}

	@Test
	void thePublicApiDoesNotExposeTheEnginesParts() {
		codeUnits().that()
			.arePublic()
			.and()
			.areDeclaredInClassesThat(publicApi())
			.should(notMention("dev.forge.core.internal."))
			.check(classes);
	}

	@Test
	void springBootPublishesOnlyWhatUsersConfigureCallOrReplace() {
		classes().that()
			.resideInAPackage("dev.forge.boot..")
			.and()
			.arePublic()
			.and()
			.areTopLevelClasses()
			.should(haveOneOf(PUBLIC_BOOT_TYPES))
			.check(classes);
	}

	private static ArchCondition<JavaClass> haveOneOf(Set<String> names) {
		return new ArchCondition<>("be one of " + names) {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				if (!names.contains(type.getSimpleName())) {
					events.add(SimpleConditionEvent.violated(type, type.getName()
							+ " is public: make it package-private, or add it to the documented API"));
				}
			}

		};
	}

	private static DescribedPredicate<JavaClass> publicApi() {
		return DescribedPredicate.describe("public API types", (type) -> type.getModifiers().contains(JavaModifier.PUBLIC)
				&& !type.getPackageName().contains(".internal") && type.getPackageName().startsWith("dev.forge."));
	}

	private static ArchCondition<JavaCodeUnit> notMention(String packagePrefix) {
		return new ArchCondition<>("not mention types of " + packagePrefix + "* in its signature") {

			@Override
			public void check(JavaCodeUnit unit, ConditionEvents events) {
				for (JavaType type : signature(unit)) {
					for (JavaClass raw : type.getAllInvolvedRawTypes()) {
						if (raw.getName().startsWith(packagePrefix)) {
							events.add(SimpleConditionEvent.violated(unit,
									unit.getFullName() + " exposes " + raw.getName()));
						}
					}
				}
			}

		};
	}

	private static List<JavaType> signature(JavaCodeUnit unit) {
		List<JavaType> types = new ArrayList<>(unit.getParameterTypes());
		types.add(unit.getReturnType());
		return types;
	}

}
