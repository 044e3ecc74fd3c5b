package dev.forge.core;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The warning FORGE shows for a migration with breaking changes, worded as section 6 of
 * its design fixes it:
 *
 * <pre>
 * ⚠️ WARNING: This migration contains breaking changes
 *
 *   - DROP COLUMN: users.legacy_email
 *   - RENAME COLUMN: projects.name → projects.title
 *
 * These changes will break code that references the old schema.
 * Ensure all nodes are running code that doesn't use these fields
 * before applying this migration.
 * </pre>
 *
 * @param breakingChanges the {@link SafetyClass#BREAKING} findings, in order
 */
public record BreakingChangeWarning(List<Finding> breakingChanges) {

	/** The first line of the warning. */
	public static final String HEADER = "\u26a0\ufe0f WARNING: This migration contains breaking changes";

	/** The closing sentences of the warning. */
	public static final String FOOTER = "These changes will break code that references the old schema.\n"
			+ "Ensure all nodes are running code that doesn't use these fields\n" + "before applying this migration.";

	/**
	 * Creates a warning.
	 * @param breakingChanges the breaking findings
	 */
	public BreakingChangeWarning {
		breakingChanges = List.copyOf(breakingChanges);
	}

	/**
	 * Returns the warning for the breaking findings among some findings.
	 * @param findings the findings of a migration
	 * @return the warning, {@link #isEmpty() empty} when nothing is breaking
	 */
	public static BreakingChangeWarning of(List<Finding> findings) {
		return new BreakingChangeWarning(findings.stream().filter(Finding::isBreaking).toList());
	}

	/**
	 * Returns whether there is nothing to warn about.
	 * @return {@code true} without breaking findings
	 */
	public boolean isEmpty() {
		return this.breakingChanges.isEmpty();
	}

	/**
	 * Returns one line per breaking change, e.g. {@code DROP COLUMN: users.legacy_email},
	 * each change once.
	 * @return the lines, without indentation
	 */
	public List<String> changes() {
		Set<String> lines = new LinkedHashSet<>();
		this.breakingChanges.forEach((finding) -> lines.add(finding.operation() + ": " + finding.target()));
		return List.copyOf(lines);
	}

	/**
	 * Returns the whole warning, lines separated by {@code \n}, without a final line break.
	 * @return the text
	 */
	public String text() {
		return text(changes());
	}

	/**
	 * Returns the whole warning for some breaking changes, lines separated by {@code \n},
	 * without a final line break.
	 * @param changes one line per change, e.g. {@code DROP COLUMN: users.legacy_email}
	 * @return the text
	 */
	public static String text(List<String> changes) {
		StringBuilder text = new StringBuilder(HEADER).append("\n\n");
		changes.forEach((line) -> text.append("  - ").append(line).append('\n'));
		return text.append('\n').append(FOOTER).toString();
	}

	@Override
	public String toString() {
		return text();
	}

}
