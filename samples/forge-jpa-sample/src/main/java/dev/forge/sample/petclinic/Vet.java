package dev.forge.sample.petclinic;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

/**
 * A veterinarian of the clinic, with the specialties they have.
 */
@Entity
@Table(name = "vets")
public class Vet extends Person {

	@ManyToMany(fetch = FetchType.EAGER)
	@JoinTable(name = "vet_specialties", joinColumns = @JoinColumn(name = "vet_id"),
			inverseJoinColumns = @JoinColumn(name = "specialty_id"))
	private Set<Specialty> specialties = new LinkedHashSet<>();

	protected Vet() {
	}

	public Vet(String firstName, String lastName) {
		super(firstName, lastName);
	}

	public Set<Specialty> getSpecialties() {
		return this.specialties;
	}

}
