package dev.forge.core.jpa.shapes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** An identity key, a default {@code varchar(255)} and a unique, not null, shorter column. */
@Entity
public class Author {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	Long id;

	String name;

	@Column(length = 80, nullable = false, unique = true)
	String email;

}
