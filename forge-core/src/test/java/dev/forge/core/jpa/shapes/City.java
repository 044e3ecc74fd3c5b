package dev.forge.core.jpa.shapes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A many-to-one to an entity with a string key. */
@Entity
public class City {

	@Id
	Long id;

	@ManyToOne
	Country country;

}
