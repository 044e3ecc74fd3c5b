package dev.forge.sample.petclinic;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * A field a vet specialises in: radiology, surgery, dentistry...
 */
@Entity
@Table(name = "specialties",
		uniqueConstraints = @UniqueConstraint(name = "specialties_name_key", columnNames = "name"))
public class Specialty extends NamedEntity {

	protected Specialty() {
	}

	public Specialty(String name) {
		super(name);
	}

}
