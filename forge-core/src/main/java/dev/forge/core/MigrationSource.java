package dev.forge.core;

import java.util.List;

/**
 * Lists the migration files of one location.
 */
@FunctionalInterface
public interface MigrationSource {

	/**
	 * Lists the {@code .sql} files, in no particular order.
	 * @return the files
	 */
	List<MigrationResource> resources();

}
