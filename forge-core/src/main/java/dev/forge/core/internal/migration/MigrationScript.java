package dev.forge.core.internal.migration;

import java.util.List;

import dev.forge.core.internal.script.SqlStatement;

/**
 * The parsed content of a migration file.
 *
 * @param name the migration's name
 * @param location where the file is
 * @param checksum SHA-256 (hex) of the Up section with line endings normalised
 * @param directives the file's directives
 * @param up the statements of the Up section, empty ones left out
 * @param down the statements of the Down section, empty ones left out
 * @param hasDown whether the file has a {@code -- Down} section
 */
public record MigrationScript(MigrationName name, String location, String checksum, Directives directives,
		List<SqlStatement> up, List<SqlStatement> down, boolean hasDown) {

	/**
	 * Returns whether the Up section must run statement by statement outside a transaction:
	 * by directive, or because a statement cannot run in one (e.g. {@code CONCURRENTLY}).
	 * @return {@code true} to run in autocommit mode
	 */
	public boolean upRunsWithoutTransaction() {
		return this.directives.noTransaction() || needsAutocommit(this.up);
	}

	/**
	 * Returns whether the Down section must run statement by statement outside a
	 * transaction.
	 * @return {@code true} to run in autocommit mode
	 */
	public boolean downRunsWithoutTransaction() {
		return this.directives.noTransaction() || needsAutocommit(this.down);
	}

	private static boolean needsAutocommit(List<SqlStatement> statements) {
		return statements.stream().anyMatch((statement) -> !statement.canRunInTransaction());
	}

}
