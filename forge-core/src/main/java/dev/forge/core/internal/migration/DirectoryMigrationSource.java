package dev.forge.core.internal.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.forge.core.ForgeException;
import dev.forge.core.MigrationFileException;
import dev.forge.core.MigrationResource;
import dev.forge.core.MigrationSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration files in a directory of the file system (not its subdirectories).
 */
public final class DirectoryMigrationSource implements MigrationSource {

	private static final Logger logger = LoggerFactory.getLogger(DirectoryMigrationSource.class);

	private static final Pattern LOOKS_LIKE_MIGRATION = Pattern.compile("\\d{4,}_.*");

	private final Path directory;

	public DirectoryMigrationSource(Path directory) {
		this.directory = directory;
	}

	@Override
	public List<MigrationResource> resources() {
		if (!Files.isDirectory(this.directory)) {
			throw new ForgeException("Migration location " + this.directory.toAbsolutePath() + " is not a directory");
		}
		try (Stream<Path> files = Files.list(this.directory)) {
			// no stat per entry: a directory named like a file is reported when it is read
			return files.filter(DirectoryMigrationSource::isSqlFile)
				.map(FileResource::new)
				.map(MigrationResource.class::cast)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not list " + this.directory, ex);
		}
	}

	private static boolean isSqlFile(Path file) {
		String name = file.getFileName().toString();
		if (name.endsWith(".sql")) {
			return true;
		}
		if (LOOKS_LIKE_MIGRATION.matcher(name).matches()) {
			logger.warn("Ignoring {}: only files ending in .sql are migrations", file);
		}
		return false;
	}

	@Override
	public String toString() {
		return this.directory.toString();
	}

	private record FileResource(Path path) implements MigrationResource {

		@Override
		public String fileName() {
			return this.path.getFileName().toString();
		}

		@Override
		public String location() {
			return this.path.toString();
		}

		@Override
		public String read() throws IOException {
			try {
				return Utf8Text.decode(Files.readAllBytes(this.path), location());
			}
			catch (IOException ex) {
				if (Files.isDirectory(this.path)) {
					throw new MigrationFileException(location(), 0, "is a directory; a migration must be a file");
				}
				throw ex;
			}
		}

	}

}
