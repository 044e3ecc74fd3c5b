package dev.forge.sample.petclinic;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A pet owner; owners are looked up by last name.
 */
@Entity
@Table(name = "owners", indexes = @Index(name = "owners_last_name_idx", columnList = "last_name"))
public class Owner {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Integer id;

	@Column(nullable = false, length = 30)
	private String firstName = "";

	@Column(nullable = false, length = 30)
	private String lastName = "";

	@Column(nullable = false)
	private String address = "";

	@Column(nullable = false, length = 80)
	private String city = "";

	@Column(nullable = false, length = 20)
	private String telephone = "";

	protected Owner() {
	}

	public Owner(String firstName, String lastName, String address, String city, String telephone) {
		this.firstName = firstName;
		this.lastName = lastName;
		this.address = address;
		this.city = city;
		this.telephone = telephone;
	}

	public Integer getId() {
		return this.id;
	}

	public String getFirstName() {
		return this.firstName;
	}

	public String getLastName() {
		return this.lastName;
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

}
