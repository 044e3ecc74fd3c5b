package dev.forge.sample.petclinic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A pet of one owner, with its visits to the clinic.
 */
@Entity
@Table(name = "pets")
public class Pet extends NamedEntity {

	private @Nullable LocalDate birthDate;

	/** The number of the pet's identification chip (ISO 11784: 15 digits), unique when present. */
	@Column(length = 15, unique = true)
	private @Nullable String microchip;

	@ManyToOne(optional = false)
	@JoinColumn(name = "type_id", nullable = false)
	private PetType type;

	@ManyToOne(optional = false, fetch = FetchType.LAZY)
	@JoinColumn(name = "owner_id", nullable = false)
	private Owner owner;

	@OneToMany(mappedBy = "pet", cascade = CascadeType.ALL)
	@OrderBy("visitDate")
	private List<Visit> visits = new ArrayList<>();

	protected Pet() {
	}

	public Pet(String name, @Nullable LocalDate birthDate, PetType type, Owner owner) {
		super(name);
		this.birthDate = birthDate;
		this.type = type;
		this.owner = owner;
	}

	public @Nullable LocalDate getBirthDate() {
		return this.birthDate;
	}

	public @Nullable String getMicrochip() {
		return this.microchip;
	}

	public void setMicrochip(@Nullable String microchip) {
		this.microchip = microchip;
	}

	public PetType getType() {
		return this.type;
	}

	public Owner getOwner() {
		return this.owner;
	}

	public List<Visit> getVisits() {
		return this.visits;
	}

}
