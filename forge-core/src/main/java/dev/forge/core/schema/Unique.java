package dev.forge.core.schema;

import java.util.List;

/**
 * A unique constraint.
 *
 * @param name the constraint name
 * @param columns the columns, in order
 * @author FORGE
 * @since 0.1.0
 */
public record Unique(String name, List<String> columns) {

	public Unique {
		columns = List.copyOf(columns);
	}

}
