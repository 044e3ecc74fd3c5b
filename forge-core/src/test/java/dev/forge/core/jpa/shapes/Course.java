package dev.forge.core.jpa.shapes;

import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;

/** A many-to-many with its join table and join columns named. */
@Entity
public class Course {

	@Id
	Long id;

	@ManyToMany
	@JoinTable(name = "enrolment", joinColumns = @JoinColumn(name = "course_ref"),
			inverseJoinColumns = @JoinColumn(name = "student_ref"))
	List<Student> students;

}
