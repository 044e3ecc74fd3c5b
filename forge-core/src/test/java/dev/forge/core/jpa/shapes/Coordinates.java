package dev.forge.core.jpa.shapes;

import jakarta.persistence.Embeddable;

/** An embeddable with primitives, nested in another. */
@Embeddable
public class Coordinates {

	double latitude;

	double longitude;

}
