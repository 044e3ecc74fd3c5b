package dev.forge.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes this column a foreign key to another model's primary key, or to a table that is
 * not a model.
 *
 * @author FORGE
 * @since 0.1.0
 */
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface References {

	/**
	 * The referenced model; it must be annotated with {@link ForgeModel @ForgeModel} and
	 * have a single-column primary key.
	 * @return the referenced model, or {@code void.class} when {@link #table()} is given
	 */
	Class<?> value() default void.class;

	/**
	 * The referenced table, for tables that are not models.
	 * @return the table name, or an empty string when {@link #value()} is given
	 */
	String table() default "";

	/**
	 * The referenced column.
	 * @return the column, or an empty string for the referenced model's primary key
	 * ({@code id} for a table that is not a model)
	 */
	String column() default "";

}
