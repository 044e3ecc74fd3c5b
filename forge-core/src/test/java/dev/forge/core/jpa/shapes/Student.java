package dev.forge.core.jpa.shapes;

import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;

/** The inverse side of a many-to-many. */
@Entity
public class Student {

	@Id
	Long id;

	@ManyToMany(mappedBy = "students")
	List<Course> courses;

}
