package dev.forge.core.jpa.shapes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** The target of a one-to-one. */
@Entity
public class Profile {

	@Id
	Long id;

	String bio;

}
