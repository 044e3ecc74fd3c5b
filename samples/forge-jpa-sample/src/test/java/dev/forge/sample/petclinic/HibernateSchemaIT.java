package dev.forge.sample.petclinic;

import java.util.List;

import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema FORGE's migrations give the pet clinic's entities against the one Hibernate
 * itself creates for them ({@code ddl-auto=create}, under Spring Boot's defaults), in two
 * schemas of one database, compared through PostgreSQL's catalogs.
 */
@PostgresTest
class HibernateSchemaIT {

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
				"foreign key vet_specialties (specialty_id) references specialties (id)");
		assertThat(forge).isEqualTo(hibernate);
	}

}
