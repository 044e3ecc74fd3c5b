package dev.forge.sample.petclinic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A pet clinic on Spring Data JPA, with Hibernate validating the schema
 * ({@code ddl-auto=validate}) that FORGE Migrations generated from the entities and
 * applies before Hibernate starts.
 */
@SpringBootApplication
public class PetClinicApplication {

	public static void main(String[] args) {
		SpringApplication.run(PetClinicApplication.class, args);
	}

}
