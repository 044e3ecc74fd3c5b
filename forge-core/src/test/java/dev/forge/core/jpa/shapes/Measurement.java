package dev.forge.core.jpa.shapes;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Bean Validation constraints that Hibernate turns into DDL, and a decimal with a precision only. */
@Entity
public class Measurement {

	@Id
	Long id;

	@NotNull
	String name;

	@NotBlank
	@Size(max = 40)
	String code;

	@Digits(integer = 5, fraction = 3)
	BigDecimal reading;

	@Column(precision = 12)
	BigDecimal rate;

}
