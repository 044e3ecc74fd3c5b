package dev.forge.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds a unique constraint on this column, named {@code <table>_<column>_key}. Use
 * {@link Index#unique()} for uniqueness over several columns.
 *
 * @author FORGE
 * @since 0.1.0
 */
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Unique {

}
