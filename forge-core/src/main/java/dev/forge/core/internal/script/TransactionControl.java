package dev.forge.core.internal.script;

/**
 * What a statement does to the session's transaction.
 */
public enum TransactionControl {

	/** {@code BEGIN} or {@code START TRANSACTION}. */
	OPENS,

	/** {@code COMMIT}, {@code END}, {@code ROLLBACK} or {@code ABORT}. */
	ENDS,

	/** Anything else, savepoints and prepared transactions included. */
	NONE

}
