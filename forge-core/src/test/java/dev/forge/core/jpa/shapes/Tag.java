package dev.forge.core.jpa.shapes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** The target of a many-to-many. */
@Entity
public class Tag {

	@Id
	Long id;

	String label;

}
