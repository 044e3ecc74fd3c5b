package dev.forge.core.jpa.shapes;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** One embedded value as declared and one with its columns overridden. */
@Entity
public class Customer {

	@Id
	Long id;

	@Embedded
	Address home;

	@Embedded
	@AttributeOverrides({ @AttributeOverride(name = "street", column = @Column(name = "work_street")),
			@AttributeOverride(name = "postCode", column = @Column(name = "work_post_code", length = 12)),
			@AttributeOverride(name = "city", column = @Column(name = "work_city")) })
	Address work;

}
