package dev.forge.core.jpa.shapes;

import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;

/** A composite key as an embedded id. */
@Entity
public class ShipmentLine {

	@EmbeddedId
	LineKey id;

	String item;

}
