package dev.forge.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides how a field maps to its column. Every attribute is optional.
 *
 * @author FORGE
 * @since 0.1.0
 */
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Column {

	/**
	 * Name of the column, overriding the snake_case form of the field name.
	 * @return the column name, or an empty string to derive it
	 */
	String name() default "";

	/**
	 * PostgreSQL type of the column, such as {@code jsonb} or {@code varchar(20)[]}, for
	 * Java types without a built-in mapping or to override one.
	 * @return the SQL type, or an empty string for the mapped type
	 */
	String type() default "";

	/**
	 * SQL expression of the column's default, such as {@code now()} or {@code 'open'}.
	 * @return the default expression, or an empty string for none
	 */
	String defaultValue() default "";

}
