package dev.forge.core.internal.generate;

import java.util.ArrayList;
import java.util.List;

import dev.forge.core.internal.diff.SchemaDiffer;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.SchemaDiff;

/**
 * The statements that create a whole schema on an empty database, and those that drop it
 * again: the generator's own SQL for a diff from nothing to the schema.
 *
 * @param up the statements that create it, in order, without semicolons
 * @param down the statements that drop it, in order
 */
public record SchemaScript(List<String> up, List<String> down) {

	public SchemaScript {
		up = List.copyOf(up);
		down = List.copyOf(down);
	}

	/**
	 * Renders the statements that create a schema's tables, keys and indexes.
	 * @param schema the schema, as the inspector read it
	 * @return the statements
	 */
	public static SchemaScript of(Schema schema) {
		Schema empty = new Schema(schema.name(), List.of());
		SchemaDiff diff = new SchemaDiffer().diff(empty, schema);
		// every table is new, so every change takes its plain form in the main file
		List<MigrationPlanner.FilePlan> files = new MigrationPlanner(new GeneratorOptions(false, false))
			.plan(diff.changes(), empty);
		List<String> up = new ArrayList<>();
		List<String> down = new ArrayList<>();
		for (MigrationPlanner.FilePlan file : files) {
			up.addAll(file.up);
			down.addAll(0, file.down());
		}
		return new SchemaScript(up, down);
	}

}
