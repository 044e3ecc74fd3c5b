package dev.forge.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a column as (part of) the primary key. Several {@code @Id} columns make a composite
 * primary key, in declaration order. Every model needs at least one.
 *
 * @author FORGE
 * @since 0.1.0
 */
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Id {

}
