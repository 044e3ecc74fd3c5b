package dev.forge.core.jpa.shapes;

import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;

/** A one-to-many mapped by the other side: no column here. */
@Entity
public class PurchaseOrder {

	@Id
	Long id;

	@OneToMany(mappedBy = "order")
	List<OrderLine> lines;

}
