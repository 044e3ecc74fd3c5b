package dev.forge.sample.petclinic;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * A kind of pet: cat, dog, hamster...
 */
@Entity
@Table(name = "types", uniqueConstraints = @UniqueConstraint(name = "types_name_key", columnNames = "name"))
public class PetType extends NamedEntity {

	protected PetType() {
	}

	public PetType(String name) {
		super(name);
	}

}
