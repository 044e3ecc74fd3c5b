package dev.forge.core.jpa.shapes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Column definitions and names given in camel case. */
@Entity
public class Document {

	@Id
	Long id;

	@Column(columnDefinition = "text")
	String notes;

	@Column(name = "fullTitle", length = 120)
	String title;

	String addressLine1;

	String pageURL;

}
