package dev.forge.boot;

import java.util.List;

import dev.forge.core.MigrationInfo;

/**
 * The operations that need FORGE's model reader, schema differ or safety analysis:
 * {@code migrate plan}, {@code migrate generate}, {@code migrate drift},
 * {@code migrate check}, the {@code forge-drift} endpoint and the findings of the
 * {@code forge-migrations} endpoint, each as text and as a value. The command line and
 * the endpoints reach those features through this interface; {@link EngineSchemaTools}
 * implements it on the engine, and a bean of this type replaces it.
 *
 * @author FORGE
 * @since 0.1.0
 */
public interface ForgeSchemaTools {

	/**
	 * Shows what {@code apply} would run, with the safety findings of each pending
	 * migration.
	 * @return the plan; not {@linkplain Report#ok() ok} when apply would refuse it
	 */
	Report plan();

	/**
	 * Writes a new migration file with the changes the models have and the database has
	 * not.
	 * @param name the slug of the new migration, e.g. {@code add_project_description}
	 * @return what was written
	 */
	Report generate(String name);

	/**
	 * Compares the live database with the models.
	 * @return the drift report; not {@linkplain Report#ok() ok} when there is drift
	 */
	Report drift();

	/**
	 * Tells whether the models have changes that no migration holds.
	 * @return the result; not {@linkplain Report#ok() ok} when there are such changes
	 */
	Report check();

	/**
	 * Returns the safety findings of one migration, e.g. {@code DROP COLUMN: users.email}.
	 * @param migration the migration
	 * @return the findings, empty when there are none or no analysis is available
	 */
	default List<String> findings(MigrationInfo migration) {
		return List.of();
	}

	/**
	 * The outcome of one operation.
	 *
	 * @param ok whether it succeeded with nothing to complain about (exit code 0)
	 * @param text the outcome as text for a terminal
	 * @param body the outcome as an object for JSON
	 */
	record Report(boolean ok, String text, Object body) {

	}

}
