package dev.forge.core.jpa.shapes;

import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;

/** A unidirectional one-to-many without a join column: a join table. */
@Entity
public class Album {

	@Id
	Long id;

	@OneToMany
	Set<Track> tracks;

}
