package dev.forge.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record or class as a model: one table whose columns are its record components or
 * instance fields. The table name defaults to the snake_case plural of the simple class name
 * ({@code Project} becomes {@code projects}, {@code Category} becomes {@code categories}).
 *
 * @author FORGE
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ForgeModel {

	/**
	 * Name of the table, overriding the derived name.
	 * @return the table name, or an empty string to derive it from the class name
	 */
	String table() default "";

}
