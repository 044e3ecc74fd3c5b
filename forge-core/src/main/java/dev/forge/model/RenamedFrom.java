package dev.forge.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Says that a column (on a field) or a table (on a model) used to have another name, so
 * that the generator renames it and keeps its data instead of dropping and adding it.
 * Remove the annotation once the rename has been applied everywhere.
 *
 * @author FORGE
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.FIELD, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RenamedFrom {

	/**
	 * The previous name of the column or table, as in the database.
	 * @return the previous name
	 */
	String value();

}
