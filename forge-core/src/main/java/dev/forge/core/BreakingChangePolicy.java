package dev.forge.core;

/**
 * What {@code apply} does with a pending migration that has breaking changes (section 6 of
 * FORGE's design) and no {@code -- forge:allow-breaking} directive: the property
 * {@code forge.migrations.on-breaking}.
 */
public enum BreakingChangePolicy {

	/** Apply nothing: refuse before any pending migration runs. The default. */
	FAIL,

	/** Log the warning and apply. */
	WARN,

	/** Apply silently. */
	ALLOW

}
