package dev.forge.core;

/**
 * How much of a table a statement reads or writes while it holds its lock.
 */
public enum TableImpact {

	/** Only the catalog changes; the table's rows are not touched. */
	NONE,

	/** Every row is read, e.g. to validate a constraint or build an index. */
	SCAN,

	/** Every row is written again into a new copy of the table, indexes rebuilt. */
	REWRITE

}
