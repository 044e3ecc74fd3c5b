package dev.forge.core.jpa.shapes;

import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;

/** The inverse side of a bidirectional many-to-many. */
@Entity
public class Member {

	@Id
	Long id;

	@ManyToMany(mappedBy = "members")
	Set<Team> teams;

}
