package dev.forge.sample.petclinic;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/**
 * A pet owner; owners are looked up by last name.
 */
@Entity
@Table(name = "owners", indexes = @Index(name = "owners_last_name_idx", columnList = "last_name"))
public class Owner extends Person {

	@Column(nullable = false)
	private String address;

	@Column(nullable = false, length = 80)
	private String city;

	@Column(nullable = false, length = 20)
	private String telephone;

	@OneToMany(mappedBy = "owner", cascade = CascadeType.ALL)
	@OrderBy("name")
	private List<Pet> pets = new ArrayList<>();

	protected Owner() {
	}

	public Owner(String firstName, String lastName, String address, String city, String telephone) {
		super(firstName, lastName);
		this.address = address;
		this.city = city;
		this.telephone = telephone;
	}

	public String getAddress() {
		return this.address;
	}

	public String getCity() {
		return this.city;
	}

	public String getTelephone() {
		return this.telephone;
	}

	public List<Pet> getPets() {
		return this.pets;
	}

}
