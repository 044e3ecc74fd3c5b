package dev.forge.core.jpa.shapes;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** An embeddable value. */
@Embeddable
public class Address {

	String street;

	@Column(length = 10)
	String postCode;

	String city;

}
