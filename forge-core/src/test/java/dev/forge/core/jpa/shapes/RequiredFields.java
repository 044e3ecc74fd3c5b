package dev.forge.core.jpa.shapes;

import java.time.LocalDate;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Not null by {@code @Basic(optional = false)} and {@code @Column(nullable = false)}. */
@Entity
public class RequiredFields {

	@Id
	Long id;

	@Basic(optional = false)
	String required;

	@Column(nullable = false)
	LocalDate due;

	@Column(unique = true)
	String slug;

}
