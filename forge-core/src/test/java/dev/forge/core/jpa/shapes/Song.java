package dev.forge.core.jpa.shapes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** The target of a one-to-many join column. */
@Entity
public class Song {

	@Id
	Long id;

	String title;

}
