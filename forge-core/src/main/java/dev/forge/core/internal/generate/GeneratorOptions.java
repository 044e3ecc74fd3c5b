package dev.forge.core.internal.generate;

/**
 * Options of the {@link MigrationGenerator}.
 *
 * @param concurrentIndexes whether indexes (and unique constraints) on existing tables are
 * built with {@code CREATE INDEX CONCURRENTLY}, in a file of their own that runs outside a
 * transaction ({@code forge.migrations.concurrent-indexes})
 * @param twoPhase whether breaking renames, type changes and drops are split in two phases
 * for rolling deployments (DESIGN §6): phase 1 adds the new column (of the new name or the
 * new type), a trigger that keeps old and new in sync, and a backfill, or a view under a
 * table's new name; phase 2, a later file marked
 * {@code -- forge:deferred}, removes the old one and waits for
 * {@code -- forge:allow-breaking}
 * @author FORGE
 * @since 0.1.0
 */
public record GeneratorOptions(boolean concurrentIndexes, boolean twoPhase) {

	/**
	 * Creates options that keep breaking changes in one file.
	 * @param concurrentIndexes whether indexes on existing tables are built concurrently
	 */
	public GeneratorOptions(boolean concurrentIndexes) {
		this(concurrentIndexes, false);
	}

	/**
	 * Returns the default options: concurrent indexes on, two phases off.
	 * @return the defaults
	 */
	public static GeneratorOptions defaults() {
		return new GeneratorOptions(true, false);
	}

}
