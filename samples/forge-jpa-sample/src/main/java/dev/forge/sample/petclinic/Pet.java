package dev.forge.sample.petclinic;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A pet of one owner.
 */
@Entity
@Table(name = "pets")
public class Pet {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Integer id;

	@Column(nullable = false, length = 30)
	private String name = "";

	private @Nullable LocalDate birthDate;

	@ManyToOne(optional = false)
	@JoinColumn(name = "type_id", nullable = false)
	private PetType type;

	@ManyToOne(optional = false, fetch = FetchType.LAZY)
	@JoinColumn(name = "owner_id", nullable = false)
	private Owner owner;

	protected Pet() {
	}

	public Pet(String name, @Nullable LocalDate birthDate, PetType type, Owner owner) {
		this.name = name;
		this.birthDate = birthDate;
		this.type = type;
		this.owner = owner;
	}

	public Integer getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public @Nullable LocalDate getBirthDate() {
		return this.birthDate;
	}

	public PetType getType() {
		return this.type;
	}

	public Owner getOwner() {
		return this.owner;
	}

}
