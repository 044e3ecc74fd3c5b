package dev.forge.core.jpa.shapes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/** Join columns that name the referenced column, one of them with an implicit name. */
@Entity
public class Quote {

	@Id
	Long id;

	@ManyToOne
	@JoinColumn(name = "writer", referencedColumnName = "id", nullable = false)
	Author writer;

	@ManyToOne
	@JoinColumn(referencedColumnName = "isoCode")
	Country origin;

}
