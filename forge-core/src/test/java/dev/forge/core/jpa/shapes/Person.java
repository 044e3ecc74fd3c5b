package dev.forge.core.jpa.shapes;

import java.util.List;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;

/** Element collections: a set of strings, a list of embeddables, a named collection table. */
@Entity
public class Person {

	@Id
	Long id;

	@ElementCollection
	Set<String> nicknames;

	@ElementCollection
	List<Address> addresses;

	@ElementCollection
	@CollectionTable(name = "person_phones", joinColumns = @JoinColumn(name = "owner_id"))
	@Column(name = "phone", length = 30)
	Set<String> phones;

}
