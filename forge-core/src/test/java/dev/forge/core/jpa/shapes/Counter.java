package dev.forge.core.jpa.shapes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** A boxed version column. */
@Entity
public class Counter {

	@Id
	Long id;

	@Version
	Long version;

	long hits;

}
