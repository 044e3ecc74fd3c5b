package dev.forge.core.jpa.shapes;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.NaturalId;
import org.hibernate.annotations.UpdateTimestamp;

/** Hibernate's own annotations: a natural id (unique) and timestamps that change no DDL. */
@Entity
@DynamicUpdate
public class Edition {

	@Id
	Long id;

	@NaturalId
	String isbn;

	@NaturalId
	int printing;

	@CreationTimestamp
	Instant createdAt;

	@UpdateTimestamp
	Instant updatedAt;

}
