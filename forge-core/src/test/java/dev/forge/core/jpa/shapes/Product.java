package dev.forge.core.jpa.shapes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** Indexes, a unique index and a unique constraint declared on the table. */
@Entity
@Table(indexes = { @Index(name = "ix_product_sku", columnList = "sku"), @Index(columnList = "category, name"),
		@Index(name = "ux_product_code", columnList = "code", unique = true) },
		uniqueConstraints = @UniqueConstraint(name = "uk_product_pair", columnNames = { "vendor", "vendor_ref" }))
public class Product {

	@Id
	Long id;

	String sku;

	String category;

	String name;

	String code;

	String vendor;

	String vendorRef;

}
