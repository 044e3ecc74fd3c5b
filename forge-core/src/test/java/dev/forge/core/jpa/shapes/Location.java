package dev.forge.core.jpa.shapes;

import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;

/** An embeddable that embeds another. */
@Embeddable
public class Location {

	String label;

	@Embedded
	Coordinates coordinates;

}
