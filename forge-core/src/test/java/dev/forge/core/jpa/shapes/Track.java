package dev.forge.core.jpa.shapes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** The target of a one-to-many join table. */
@Entity
public class Track {

	@Id
	Long id;

}
