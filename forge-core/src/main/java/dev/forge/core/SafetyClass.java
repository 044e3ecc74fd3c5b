package dev.forge.core;

/**
 * The class of a {@link Finding}, as in section 6 of FORGE's design: what a statement means
 * for a database that serves the old version of the code while the migration runs.
 */
public enum SafetyClass {

	/** Nothing to worry about: no running code notices, and no lock is held for long. */
	SAFE,

	/** Code that is still running against the old schema will fail. */
	BREAKING,

	/** A strong lock is held while the table is scanned or rewritten, so a busy table stalls. */
	LONG_LOCK,

	/** Data is thrown away when the statement runs. */
	DATA_LOSS,

	/**
	 * FORGE could not understand the statement, so it cannot say it is safe. Never read as
	 * safe: review the statement by hand.
	 */
	NOT_ANALYSED

}
