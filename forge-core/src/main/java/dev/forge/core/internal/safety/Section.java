package dev.forge.core.internal.safety;

/**
 * The section of a migration file being analysed. The same statement can mean different
 * things in each: {@code DROP NOT NULL} is the usual first step of retiring a column when it
 * is written in the Up section, but in a Down section it takes away a guarantee that the
 * code written for the migration may rely on.
 */
public enum Section {

	/** The forward section, {@code -- Up}. */
	UP,

	/** The rollback section, {@code -- Down}. */
	DOWN

}
