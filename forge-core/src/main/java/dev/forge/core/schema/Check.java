package dev.forge.core.schema;

/**
 * A check constraint.
 *
 * @param name the constraint name
 * @param expression the condition, as {@code pg_get_constraintdef} prints it
 * (for example {@code CHECK ((price > 0))})
 * @param valid whether the constraint has been validated
 * @author FORGE
 * @since 0.1.0
 */
public record Check(String name, String expression, boolean valid) {

}
