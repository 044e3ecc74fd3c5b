package dev.forge.core;

import java.nio.file.Path;
import java.util.List;

import dev.forge.core.internal.migration.DirectoryMigrationSource;

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

	/**
	 * Returns the source of the {@code .sql} files in a directory of the file system (not
	 * its subdirectories). A directory that does not exist has no files.
	 * @param directory the directory
	 * @return the source
	 */
	static MigrationSource directory(Path directory) {
		return new DirectoryMigrationSource(directory);
	}

}
