package dev.forge.core.jpa.shapes;

import java.math.BigDecimal;

import jakarta.persistence.Entity;

/** An entity that inherits its key and a column from a mapped superclass. */
@Entity
public class Invoice extends AuditedEntity {

	BigDecimal total;

}
