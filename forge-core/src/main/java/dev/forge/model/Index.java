package dev.forge.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an index, possibly over several columns, on the model's table.
 *
 * @author FORGE
 * @since 0.1.0
 * @see Indexed
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(Indexes.class)
public @interface Index {

	/**
	 * Columns of the index, in order, each given as a field name or a column name.
	 * @return the columns
	 */
	String[] columns();

	/**
	 * Whether the index is unique.
	 * @return {@code true} for a unique index
	 */
	boolean unique() default false;

	/**
	 * Name of the index.
	 * @return the name, or an empty string for {@code <table>_<columns>_idx} (or
	 * {@code _key} when unique)
	 */
	String name() default "";

}
