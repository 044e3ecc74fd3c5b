package dev.forge.sample.petclinic;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * An entity with a name.
 */
@MappedSuperclass
public abstract class NamedEntity extends BaseEntity {

	@Column(nullable = false, length = 80)
	private String name;

	protected NamedEntity() {
	}

	protected NamedEntity(String name) {
		this.name = name;
	}

	public String getName() {
		return this.name;
	}

}
