package dev.forge.core.jpa.shapes;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;

/** A sequence generator with its own name, start and allocation size. */
@Entity
public class Ticket {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ticket_numbers")
	@SequenceGenerator(name = "ticket_numbers", sequenceName = "ticket_number_seq", initialValue = 100,
			allocationSize = 10)
	Long number;

	String subject;

}
