package dev.forge.sample.petclinic;

import java.util.List;
import java.util.Map;

import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema FORGE's migrations give the pet clinic's entities against the one Hibernate
 * itself creates for them ({@code ddl-auto=create}, under Spring Boot's defaults), in two
 * schemas of one database, compared through PostgreSQL's catalogs: tables, columns,
 * types, nullability, identity, keys, unique keys, foreign keys and indexes, apart from
 * the listed differences.
 */
@PostgresTest
class HibernateSchemaIT {

	/**
	 * Where FORGE's schema differs from Hibernate's, FORGE's fact to Hibernate's. A join
	 * table's primary key: Hibernate orders its columns by name; FORGE keeps the order of
	 * the {@code @JoinTable}, owner first, so that the key's index serves loading a vet's
	 * specialties (Hibernate's serves looking up a specialty's vets). Both keys refuse the
	 * same rows, and Hibernate's validation does not check the order.
	 */
	private static final Map<String, String> DIFFERENCES = Map.of("primary key vet_specialties (vet_id, specialty_id)",
			"primary key vet_specialties (specialty_id, vet_id)");

	@Test
	void forgesMigrationsCreateTheSchemaHibernateCreatesForTheEntities(TestDatabase database) {
		assertThat(PetClinicRuns.migrate(database, "apply")).isZero();
		database.execute("CREATE SCHEMA hibernate");
		try (ConfigurableApplicationContext context = PetClinicRuns.run(database, "--forge.migrations.apply-on=none",
				"--forge.fleet.enabled=false", "--spring.jpa.hibernate.ddl-auto=create",
				"--spring.jpa.properties.hibernate.default_schema=hibernate")) {
			assertThat(database.tableExists("hibernate.owners")).isTrue();
		}

		List<String> forge = Catalog.of(database, "public");
		List<String> hibernate = Catalog.of(database, "hibernate");

		assertThat(forge).as("FORGE's schema").contains("pets.microchip character varying(15) null",
				"unique pets (microchip)", "foreign key vet_specialties (specialty_id) references specialties (id)");
		DIFFERENCES.forEach((forgeFact, hibernateFact) -> {
			assertThat(forge).contains(forgeFact);
			assertThat(hibernate).contains(hibernateFact);
		});
		assertThat(forge.stream().map((fact) -> DIFFERENCES.getOrDefault(fact, fact)).sorted().toList())
			.isEqualTo(hibernate);
	}

}
