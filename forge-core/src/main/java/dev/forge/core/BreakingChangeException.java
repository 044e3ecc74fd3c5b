package dev.forge.core;

import java.util.List;

/**
 * Thrown by {@code apply}, before any pending migration runs, when a pending migration has
 * breaking changes, no {@code -- forge:allow-breaking} directive, and
 * {@code forge.migrations.on-breaking} is {@code fail}. The message is the warning of
 * section 6 of FORGE's design for each refused migration, each followed by the file it is
 * in and what to do.
 */
public class BreakingChangeException extends ForgeException {

	private final List<PlannedMigration> refused;

	/**
	 * Creates the exception.
	 * @param refused the refused migrations, in run order
	 */
	public BreakingChangeException(List<PlannedMigration> refused) {
		super(message(refused));
		this.refused = List.copyOf(refused);
	}

	/**
	 * Returns the refused migrations.
	 * @return the migrations with breaking changes and without {@code -- forge:allow-breaking}
	 */
	public List<PlannedMigration> refused() {
		return this.refused;
	}

	/**
	 * Returns the breaking findings of every refused migration.
	 * @return the findings, in run order
	 */
	public List<Finding> findings() {
		return this.refused.stream().flatMap((migration) -> migration.breakingChanges().breakingChanges().stream())
			.toList();
	}

	private static String message(List<PlannedMigration> refused) {
		StringBuilder message = new StringBuilder();
		for (PlannedMigration migration : refused) {
			if (message.length() > 0) {
				message.append("\n\n");
			}
			message.append(migration.breakingChanges().text())
				.append("\n\nMigration ")
				.append(migration.name())
				.append(" (")
				.append(migration.location())
				.append(") was not applied.");
		}
		return message.append("\n\nNothing was applied: 'forge.migrations.on-breaking' is 'fail'. Once no running"
				+ " code uses the old schema, add '-- forge:allow-breaking' to the file, or set"
				+ " 'forge.migrations.on-breaking' to 'warn' or 'allow'.")
			.toString();
	}

}
