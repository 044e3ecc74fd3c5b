package dev.forge.core.internal.migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.forge.core.MigrationFileException;
import dev.forge.core.MigrationResource;
import dev.forge.core.MigrationSource;
import org.jspecify.annotations.Nullable;

/**
 * The migration files of a location, in the order they run. Only names and checksums are
 * kept: each file's statements are parsed again when it runs, so memory follows the
 * largest file, not the number of files.
 */
public final class MigrationCatalog {

	private final List<Entry> entries;

	private MigrationCatalog(List<Entry> entries) {
		this.entries = entries;
	}

	/**
	 * Reads every file of a source, checking names, directives and SQL syntax. A file found
	 * in two locations with the same Up section counts once, from the first location.
	 * @param source the source
	 * @return the catalog, in run order
	 * @throws MigrationFileException for the first invalid file, in run order
	 */
	public static MigrationCatalog load(MigrationSource source) {
		// file names computed once: a resource may derive its name on every call
		List<Named> resources = new ArrayList<>();
		source.resources().forEach((resource) -> resources.add(new Named(resource.fileName(), resource)));
		resources.sort(Comparator.comparing(Named::fileName));
		// reading and hashing is most of a start with nothing to do, and files are independent
		List<Summary> summaries = resources.parallelStream().map(Summary::of).toList();
		Map<String, Entry> byName = new HashMap<>();
		List<Entry> entries = new ArrayList<>(resources.size());
		for (int i = 0; i < resources.size(); i++) {
			Named named = resources.get(i);
			// the first invalid file in run order, whichever thread read it
			Entry entry = summaries.get(i).entryOrThrow();
			Entry previous = byName.putIfAbsent(named.fileName(), entry);
			if (previous == null) {
				entries.add(entry);
			}
			else if (!previous.checksum().equals(entry.checksum())) {
				// the same file in two locations, such as the source folder and its copy on
				// the classpath, is one migration; two different files of one name are not
				throw new MigrationFileException(entry.resource().location(), 0, "a migration of the same name with"
						+ " a different Up section is also at " + previous.resource().location());
			}
		}
		entries.sort(Comparator.comparing(Entry::name));
		return new MigrationCatalog(List.copyOf(entries));
	}

	/**
	 * Returns the files in run order.
	 * @return the entries
	 */
	public List<Entry> entries() {
		return this.entries;
	}

	/**
	 * Finds a file by migration name.
	 * @param name the migration's name
	 * @return the entry, if there is such a file
	 */
	public Optional<Entry> find(String name) {
		return this.entries.stream().filter((entry) -> entry.name().value().equals(name)).findFirst();
	}

	/** A file read on some thread: its entry, or why it is invalid. */
	private record Summary(@Nullable Entry entry, @Nullable RuntimeException failure) {

		static Summary of(Named named) {
			try {
				return new Summary(MigrationScriptParser.summarize(named.resource()), null);
			}
			catch (RuntimeException ex) {
				return new Summary(null, ex);
			}
		}

		Entry entryOrThrow() {
			if (this.failure != null) {
				throw this.failure;
			}
			return Objects.requireNonNull(this.entry);
		}

	}

	private record Named(String fileName, MigrationResource resource) {
	}

	/**
	 * One migration file.
	 *
	 * @param name the migration's name
	 * @param resource the file
	 * @param checksum the checksum of its Up section
	 * @param hasDown whether it has a Down section
	 */
	public record Entry(MigrationName name, MigrationResource resource, String checksum, boolean hasDown) {

		/**
		 * Parses the file again, for running it.
		 * @return the parsed file
		 */
		public MigrationScript load() {
			return MigrationScriptParser.parse(this.resource);
		}

	}

}
