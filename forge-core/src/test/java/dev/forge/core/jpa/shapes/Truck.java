package dev.forge.core.jpa.shapes;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;

/** A subclass with its own discriminator value. */
@Entity
@DiscriminatorValue("T")
public class Truck extends Vehicle {

	Double load;

}
