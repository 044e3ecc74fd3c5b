package dev.forge.core.jpa.shapes;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A key from a sequence generator declared on another entity. */
@Entity
public class Voucher {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "shared")
	Long id;

	int amount;

}
