package dev.forge.core.jpa.shapes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A natural string key. */
@Entity
public class Country {

	@Id
	@Column(length = 2)
	String isoCode;

	String name;

}
