package dev.forge.sample.petclinic;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * That a vet has a specialty: the link between vets and specialties, an entity of its
 * own (rather than a {@code @ManyToMany} join table) so that each link has a key.
 */
@Entity
@Table(name = "vet_specialties", uniqueConstraints = @UniqueConstraint(name = "vet_specialties_vet_specialty_key",
		columnNames = { "vet_id", "specialty_id" }))
public class VetSpecialty {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Integer id;

	@ManyToOne(optional = false)
	@JoinColumn(name = "vet_id", nullable = false)
	private Vet vet;

	@ManyToOne(optional = false)
	@JoinColumn(name = "specialty_id", nullable = false)
	private Specialty specialty;

	protected VetSpecialty() {
	}

	public VetSpecialty(Vet vet, Specialty specialty) {
		this.vet = vet;
		this.specialty = specialty;
	}

	public Integer getId() {
		return this.id;
	}

	public Vet getVet() {
		return this.vet;
	}

	public Specialty getSpecialty() {
		return this.specialty;
	}

}
