package dev.forge.core.internal.migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.forge.core.ForgeException;
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
	 * Reads every file of a source on this thread and threads of its own, checking names,
	 * directives and SQL syntax. A file found in two locations with the same Up section
	 * counts once, from the first location.
	 * @param source the source
	 * @return the catalog, in run order
	 * @throws MigrationFileException for the first invalid file, in run order
	 */
	public static MigrationCatalog load(MigrationSource source) {
		try (CatalogThreads threads = CatalogThreads.start()) {
			return load(source, threads);
		}
	}

	/**
	 * Reads every file of a source, checking names, directives and SQL syntax, on this
	 * thread and on the given threads. A file found in two locations with the same Up
	 * section counts once, from the first location.
	 * @param source the source
	 * @param threads the threads that help this one read
	 * @return the catalog, in run order
	 * @throws MigrationFileException for the first invalid file, in run order
	 */
	public static MigrationCatalog load(MigrationSource source, CatalogThreads threads) {
		// file names computed once: a resource may derive its name on every call
		List<Named> resources = new ArrayList<>();
		source.resources().forEach((resource) -> resources.add(new Named(resource.fileName(), resource)));
		resources.sort(Comparator.comparing(Named::fileName));
		// reading and hashing is most of a start with nothing to do, and files are independent
		Summary[] summaries = summarize(resources, threads);
		Map<String, Entry> byName = new HashMap<>();
		List<Entry> entries = new ArrayList<>(resources.size());
		for (int i = 0; i < resources.size(); i++) {
			Named named = resources.get(i);
			// the first invalid file in run order, whichever thread read it
			Entry entry = summaries[i].entryOrThrow();
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
	 * Reads and hashes the files, each thread taking the next unread one, and returns what
	 * it found in run order. This thread reads too, so the read ends even when no helper
	 * gets to start, and it then waits only for the files that helpers have taken.
	 */
	private static Summary[] summarize(List<Named> resources, CatalogThreads threads) {
		int count = resources.size();
		Summary[] summaries = new Summary[count];
		AtomicInteger next = new AtomicInteger();
		CountDownLatch read = new CountDownLatch(count);
		Runnable reader = () -> {
			for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
				try {
					summaries[i] = Summary.of(resources.get(i));
				}
				finally {
					read.countDown();
				}
			}
		};
		for (int helper = Math.min(threads.size() - 1, count - 1); helper > 0; helper--) {
			threads.execute(reader);
		}
		reader.run();
		try {
			read.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ForgeException("Interrupted while reading the migration files", ex);
		}
		return summaries;
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
	private record Summary(@Nullable Entry entry, @Nullable Throwable failure) {

		static Summary of(Named named) {
			try {
				return new Summary(MigrationScriptParser.summarize(named.resource()), null);
			}
			catch (RuntimeException | Error ex) {
				return new Summary(null, ex);
			}
		}

		Entry entryOrThrow() {
			if (this.failure instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (this.failure instanceof Error error) {
				throw error;
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
