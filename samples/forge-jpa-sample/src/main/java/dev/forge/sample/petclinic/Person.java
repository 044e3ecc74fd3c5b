package dev.forge.sample.petclinic;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * A person: an owner or a vet.
 */
@MappedSuperclass
public abstract class Person extends BaseEntity {

	@Column(nullable = false, length = 30)
	private String firstName;

	@Column(nullable = false, length = 30)
	private String lastName;

	protected Person() {
	}

	protected Person(String firstName, String lastName) {
		this.firstName = firstName;
		this.lastName = lastName;
	}

	public String getFirstName() {
		return this.firstName;
	}

	public String getLastName() {
		return this.lastName;
	}

}
