package dev.forge.core;

import java.util.List;
import java.util.Optional;

/**
 * One generated migration file.
 *
 * @param name the migration name, the file name without {@code .sql}, such as
 * {@code 0003_20240115_103000_add_project_description}
 * @param content the file content
 * @param transactional whether the file runs in a transaction; {@code false} for a file
 * with {@code -- forge:no-transaction}
 * @param breakingChanges the file's breaking changes, one line each, e.g.
 * {@code DROP COLUMN: users.legacy_email}; empty when nothing in it breaks running code
 * @author FORGE
 * @since 0.1.0
 */
public record GeneratedMigration(String name, String content, boolean transactional, List<String> breakingChanges) {

	/** The directive with which a file accepts its breaking changes. */
	public static final String ALLOW_BREAKING = "-- forge:allow-breaking";

	/**
	 * Creates a generated migration.
	 * @param name the migration name
	 * @param content the file content
	 * @param transactional whether the file runs in a transaction
	 * @param breakingChanges the file's breaking changes
	 */
	public GeneratedMigration {
		breakingChanges = List.copyOf(breakingChanges);
	}

	/**
	 * Returns whether the file has breaking changes that {@code apply} refuses until the
	 * file accepts them.
	 * @return {@code true} if it has any
	 */
	public boolean breaking() {
		return !this.breakingChanges.isEmpty();
	}

	/**
	 * Returns the breaking-change warning of this file.
	 * @return the warning's text, empty when nothing breaks
	 */
	public Optional<String> warning() {
		return breaking() ? Optional.of(BreakingChangeWarning.text(this.breakingChanges)) : Optional.empty();
	}

	/**
	 * Returns this file with its breaking changes accepted: {@value #ALLOW_BREAKING} after
	 * the header, so that the acceptance is reviewed and kept in git with the file. A file
	 * without breaking changes is returned as it is.
	 * @param who who accepted them, for the comment above the directive, e.g.
	 * {@code Apply Anyway in the FORGE dashboard}
	 * @return the file to write
	 */
	public GeneratedMigration withBreakingAccepted(String who) {
		if (!breaking() || this.content.contains("\n" + ALLOW_BREAKING + "\n")) {
			return this;
		}
		int generated = this.content.indexOf("-- Generated:");
		int lineEnd = (generated < 0) ? -1 : this.content.indexOf('\n', generated);
		int at = (lineEnd < 0) ? 0 : lineEnd + 1;
		String accepted = this.content.substring(0, at) + "-- Breaking changes accepted with " + who + "\n"
				+ ALLOW_BREAKING + "\n" + this.content.substring(at);
		return new GeneratedMigration(this.name, accepted, this.transactional, this.breakingChanges);
	}

	/**
	 * Returns whether another rendering of this file runs the same SQL: same number, same
	 * Up and Down sections. Timestamps and comments may differ.
	 * @param other the other rendering
	 * @return {@code true} if it is the same migration
	 */
	public boolean sameSqlAs(GeneratedMigration other) {
		return number().equals(other.number()) && up().equals(other.up()) && down().equals(other.down());
	}

	private String number() {
		int end = this.name.indexOf('_');
		return (end < 0) ? this.name : this.name.substring(0, end);
	}

	/**
	 * Returns the file name.
	 * @return the name with {@code .sql}
	 */
	public String fileName() {
		return this.name + ".sql";
	}

	/**
	 * Returns the {@code -- Up} section, without the marker.
	 * @return the forward SQL
	 */
	public String up() {
		int up = this.content.indexOf("\n-- Up\n");
		int down = this.content.indexOf("\n-- Down\n");
		return this.content.substring(up + 7, (down < 0) ? this.content.length() : down);
	}

	/**
	 * Returns the {@code -- Down} section, without the marker.
	 * @return the rollback SQL
	 */
	public String down() {
		int down = this.content.indexOf("\n-- Down\n");
		return (down < 0) ? "" : this.content.substring(down + 9);
	}

}
