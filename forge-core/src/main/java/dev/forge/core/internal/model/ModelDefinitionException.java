package dev.forge.core.internal.model;

import dev.forge.core.ForgeException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a model cannot be mapped to a table. The message names the model class and,
 * where there is one, the field.
 *
 * @author FORGE
 * @since 0.1.0
 */
public class ModelDefinitionException extends ForgeException {

	private final Class<?> modelClass;

	private final @Nullable String field;

	/**
	 * Creates an exception.
	 * @param modelClass the model class at fault
	 * @param field the field (or record component) at fault, or {@code null} when the
	 * problem concerns the class as a whole
	 * @param problem what is wrong and how to fix it
	 */
	public ModelDefinitionException(Class<?> modelClass, @Nullable String field, String problem) {
		super("Invalid model " + modelClass.getName() + ((field != null) ? ", field '" + field + "'" : "") + ": "
				+ problem);
		this.modelClass = modelClass;
		this.field = field;
	}

	/**
	 * Returns the model class at fault.
	 * @return the class
	 */
	public Class<?> getModelClass() {
		return this.modelClass;
	}

	/**
	 * Returns the field at fault.
	 * @return the field name, or {@code null} when the whole class is at fault
	 */
	public @Nullable String getField() {
		return this.field;
	}

}
