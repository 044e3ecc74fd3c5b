package dev.forge.core.internal.runner;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

import dev.forge.core.ForgeException;
import dev.forge.core.internal.migration.CatalogThreads;
import dev.forge.core.internal.migration.MigrationCatalog;

/**
 * Reads the migration files on one of the run's {@link CatalogThreads} while the caller
 * opens its connection and reads the history table: on every start of every node the wait
 * for the files and the wait for the database overlap instead of adding up.
 */
final class CatalogReader {

	private final FutureTask<MigrationCatalog> task;

	private CatalogReader(Supplier<MigrationCatalog> reader) {
		this.task = new FutureTask<>(reader::get);
	}

	static CatalogReader start(Supplier<MigrationCatalog> reader, CatalogThreads threads) {
		CatalogReader catalogReader = new CatalogReader(reader);
		threads.execute(catalogReader.task);
		return catalogReader;
	}

	/**
	 * Waits for the files.
	 * @return the catalog
	 * @throws RuntimeException what reading the files threw, such as a
	 * {@link dev.forge.core.MigrationFileException}
	 */
	MigrationCatalog get() {
		try {
			return this.task.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new ForgeException("Could not read the migration files: " + ex.getCause(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ForgeException("Interrupted while reading the migration files", ex);
		}
	}

}
