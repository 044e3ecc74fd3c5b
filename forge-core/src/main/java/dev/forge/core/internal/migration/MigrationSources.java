package dev.forge.core.internal.migration;

import java.nio.file.Path;

import dev.forge.core.MigrationSource;

/**
 * Creates a {@link MigrationSource} from a location string.
 */
public final class MigrationSources {

	private MigrationSources() {
	}

	/**
	 * Resolves {@code classpath:folder}, {@code filesystem:dir}, {@code file:dir} or a plain
	 * directory path.
	 * @param location the location
	 * @param classLoader the class loader for classpath locations
	 * @return the source
	 */
	public static MigrationSource of(String location, ClassLoader classLoader) {
		if (location.startsWith("classpath:")) {
			return new ClasspathMigrationSource(location.substring("classpath:".length()), classLoader);
		}
		if (location.startsWith("filesystem:")) {
			return new DirectoryMigrationSource(Path.of(location.substring("filesystem:".length())));
		}
		if (location.startsWith("file:")) {
			return new DirectoryMigrationSource(Path.of(location.substring("file:".length())));
		}
		return new DirectoryMigrationSource(Path.of(location));
	}

}
