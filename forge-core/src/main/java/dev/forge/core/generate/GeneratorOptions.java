package dev.forge.core.generate;

/**
 * Options of the {@link MigrationGenerator}.
 *
 * @param concurrentIndexes whether indexes (and unique constraints) on existing tables are
 * built with {@code CREATE INDEX CONCURRENTLY}, in a file of their own that runs outside a
 * transaction ({@code forge.migrations.concurrent-indexes})
 * @author FORGE
 * @since 0.1.0
 */
public record GeneratorOptions(boolean concurrentIndexes) {

	/**
	 * Returns the default options: concurrent indexes on.
	 * @return the defaults
	 */
	public static GeneratorOptions defaults() {
		return new GeneratorOptions(true);
	}

}
