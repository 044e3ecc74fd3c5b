package dev.forge.core.jpa.shapes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/** A many-to-one with a named, not null join column. */
@Entity
public class OrderLine {

	@Id
	Long id;

	@ManyToOne
	@JoinColumn(name = "order_id", nullable = false)
	PurchaseOrder order;

	int quantity;

}
