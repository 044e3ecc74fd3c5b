package dev.forge.core.jpa.shapes;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Version;

/** A sequence key, a required many-to-one, a sized decimal and a version. */
@Entity
public class Book {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE)
	Long id;

	@ManyToOne(optional = false)
	Author author;

	String title;

	@Column(precision = 10, scale = 2)
	BigDecimal price;

	@Version
	int version;

}
