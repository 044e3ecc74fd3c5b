package dev.forge.core.jpa.shapes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A nested embeddable, found without {@code @Embedded}. */
@Entity
public class Site {

	@Id
	Long id;

	Location location;

}
