package dev.forge.core.schema;

import java.util.List;

/**
 * The primary key of a table.
 *
 * @param name the constraint name
 * @param columns the key columns, in order
 * @author FORGE
 * @since 0.1.0
 */
public record PrimaryKey(String name, List<String> columns) {

	public PrimaryKey {
		columns = List.copyOf(columns);
	}

}
