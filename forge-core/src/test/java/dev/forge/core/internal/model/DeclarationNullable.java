package dev.forge.core.internal.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Holds a declaration annotation named {@code Nullable}, like Jakarta's or Spring's.
 */
final class DeclarationNullable {

	private DeclarationNullable() {
	}

	@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@interface Nullable {

	}

}
