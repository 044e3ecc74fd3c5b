package dev.forge.core.jpa.shapes;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;

/** A generated UUID key (no sequence), and a sequence generator that another entity shares. */
@Entity
@SequenceGenerator(name = "shared", sequenceName = "shared_seq", allocationSize = 20)
public class Token {

	@Id
	@GeneratedValue(strategy = GenerationType.UUID)
	UUID id;

	String value;

}
