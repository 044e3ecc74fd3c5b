package dev.forge.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.forge.core.MigrationResource;
import dev.forge.core.MigrationSource;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * A {@link MigrationSource} over a Spring resource location such as
 * {@code classpath:migrations} or {@code file:db/migrations}: the {@code .sql} files
 * directly in that folder, wherever it is, including inside a packaged application's
 * nested jars.
 *
 * @author FORGE
 * @since 0.1.0
 */
final class SpringResourceMigrationSource implements MigrationSource {

	private final ResourcePatternResolver resolver;

	private final String location;

	/**
	 * Creates a source for a resource location.
	 * @param resolver the resolver of the application
	 * @param location the folder, as a Spring resource location
	 */
	SpringResourceMigrationSource(ResourcePatternResolver resolver, String location) {
		this.resolver = resolver;
		this.location = trimTrailingSlashes(location);
	}

	@Override
	public List<MigrationResource> resources() {
		List<MigrationResource> resources = new ArrayList<>();
		for (Resource resource : sqlFiles(this.resolver, this.location)) {
			String fileName = resource.getFilename();
			if (fileName != null && resource.isReadable()) {
				resources.add(new SpringMigrationResource(fileName, this.location + "/" + fileName, resource));
			}
		}
		return resources;
	}

	/**
	 * Tells whether a location exists: a folder, or at least one {@code .sql} file in it.
	 * @param resolver the resolver
	 * @param location the location
	 * @return whether it exists
	 */
	static boolean exists(ResourcePatternResolver resolver, String location) {
		String folder = trimTrailingSlashes(location);
		if (sqlFiles(resolver, folder).length > 0) {
			return true;
		}
		try {
			for (Resource resource : resolver.getResources(searchLocation(folder))) {
				if (resource.exists()) {
					return true;
				}
			}
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Resource[] sqlFiles(ResourcePatternResolver resolver, String folder) {
		try {
			return resolver.getResources(searchLocation(folder) + "/*.sql");
		}
		catch (java.io.FileNotFoundException ex) {
			return new Resource[0];
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not list the migration files in " + folder, ex);
		}
	}

	private static String searchLocation(String folder) {
		if (folder.startsWith(ResourcePatternResolver.CLASSPATH_URL_PREFIX)) {
			return ResourcePatternResolver.CLASSPATH_ALL_URL_PREFIX
					+ folder.substring(ResourcePatternResolver.CLASSPATH_URL_PREFIX.length());
		}
		if (folder.startsWith("filesystem:")) {
			return "file:" + folder.substring("filesystem:".length());
		}
		return folder;
	}

	private static String trimTrailingSlashes(String location) {
		String trimmed = location.trim();
		while (trimmed.endsWith("/") && !trimmed.endsWith(":/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed;
	}

	@Override
	public String toString() {
		return this.location;
	}

	private record SpringMigrationResource(String fileName, String location, Resource resource)
			implements MigrationResource {

		@Override
		public String read() throws IOException {
			try (InputStream input = this.resource.getInputStream()) {
				return new String(input.readAllBytes(), StandardCharsets.UTF_8);
			}
		}

	}

}
