package dev.forge.core.jpa.shapes;

import java.time.Instant;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** A mapped superclass: its fields are columns of each entity below it. */
@MappedSuperclass
public abstract class AuditedEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	Long id;

	Instant createdAt;

}
