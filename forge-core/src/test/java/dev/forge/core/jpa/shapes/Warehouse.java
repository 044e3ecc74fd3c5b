package dev.forge.core.jpa.shapes;

import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A table name in camel case, element collections of enums and of required values. */
@Entity
@Table(name = "storeHouse")
public class Warehouse {

	@Id
	Long id;

	@ElementCollection
	@Enumerated(EnumType.STRING)
	Set<Status> statuses;

	@ElementCollection
	@Column(nullable = false, length = 16)
	Set<String> codes;

}
