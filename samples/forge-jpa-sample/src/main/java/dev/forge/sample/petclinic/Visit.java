package dev.forge.sample.petclinic;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A visit of a pet to the clinic.
 */
@Entity
@Table(name = "visits")
public class Visit extends BaseEntity {

	@Column(nullable = false)
	private LocalDate visitDate;

	@Column(nullable = false)
	private String description;

	@ManyToOne(optional = false, fetch = FetchType.LAZY)
	@JoinColumn(name = "pet_id", nullable = false)
	private Pet pet;

	protected Visit() {
	}

	public Visit(Pet pet, LocalDate visitDate, String description) {
		this.pet = pet;
		this.visitDate = visitDate;
		this.description = description;
	}

	public LocalDate getVisitDate() {
		return this.visitDate;
	}

	public String getDescription() {
		return this.description;
	}

	public Pet getPet() {
		return this.pet;
	}

}
