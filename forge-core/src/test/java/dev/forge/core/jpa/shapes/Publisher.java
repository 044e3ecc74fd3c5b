package dev.forge.core.jpa.shapes;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity name and a table name of their own, and an {@code AUTO} key. */
@Entity(name = "Press")
@Table(name = "publishers")
public class Publisher {

	@Id
	@GeneratedValue
	long id;

	String pressName;

}
