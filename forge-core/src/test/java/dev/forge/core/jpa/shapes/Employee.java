package dev.forge.core.jpa.shapes;

import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;

/** A self reference, with the inverse side as a set. */
@Entity
public class Employee {

	@Id
	Long id;

	@ManyToOne
	@JoinColumn(name = "manager_id")
	Employee manager;

	@OneToMany(mappedBy = "manager")
	Set<Employee> reports;

}
