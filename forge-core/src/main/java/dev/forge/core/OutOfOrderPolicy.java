package dev.forge.core;

/**
 * What {@code apply} does with a pending migration whose name sorts before the last applied
 * one, as happens when two branches each add a migration.
 */
public enum OutOfOrderPolicy {

	/** Apply it silently. */
	ALLOW,

	/** Apply it and report a warning. */
	WARN,

	/** Refuse to apply anything while such a migration is pending. */
	FAIL

}
