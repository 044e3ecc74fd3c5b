package dev.forge.core.jpa.shapes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Transient;

/** Transient and static fields map to no column. */
@Entity
public class Note {

	static final String KIND = "note";

	@Id
	Long id;

	String text;

	@Transient
	String preview;

	transient int views;

}
