package dev.forge.core.jpa.shapes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** The root of a single-table hierarchy: one table with a discriminator column. */
@Entity
public class Vehicle {

	@Id
	Long id;

	String make;

}
