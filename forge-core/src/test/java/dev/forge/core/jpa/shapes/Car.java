package dev.forge.core.jpa.shapes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;

/** A subclass: a primitive becomes nullable with a check for its rows; an explicit not null stays. */
@Entity
public class Car extends Vehicle {

	int seats;

	@Column(nullable = false)
	String plate;

}
