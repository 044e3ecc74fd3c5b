package dev.forge.core.jpa.shapes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

/** Enums by name, by ordinal and by default. */
@Entity
public class EnumHolder {

	@Id
	Long id;

	@Enumerated(EnumType.STRING)
	Status status;

	@Enumerated(EnumType.STRING)
	@Column(length = 20, nullable = false)
	Status shortStatus;

	@Enumerated(EnumType.ORDINAL)
	Status ordinalStatus;

	Status defaultStatus;

}
