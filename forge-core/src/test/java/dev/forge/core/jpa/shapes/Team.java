package dev.forge.core.jpa.shapes;

import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;

/** The owning side of a bidirectional many-to-many with implicit names. */
@Entity
public class Team {

	@Id
	Long id;

	@ManyToMany
	Set<Member> members;

}
