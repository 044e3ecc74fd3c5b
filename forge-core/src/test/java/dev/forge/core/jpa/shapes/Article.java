package dev.forge.core.jpa.shapes;

import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;

/** A unidirectional many-to-many with the default join table. */
@Entity
public class Article {

	@Id
	Long id;

	@ManyToMany
	Set<Tag> tags;

}
