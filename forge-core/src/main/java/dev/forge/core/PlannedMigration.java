package dev.forge.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One pending migration as {@code apply} would run it, with what the safety analysis found.
 *
 * @param name the migration's name
 * @param location where its file is
 * @param transactional whether its Up section runs in one transaction ({@code false} for
 * files with {@code CONCURRENTLY} or {@code -- forge:no-transaction})
 * @param allowBreaking whether the file accepts breaking changes with
 * {@code -- forge:allow-breaking}
 * @param deferred whether the file is the later phase of a two-phase change, marked
 * {@code -- forge:deferred}
 * @param statements the statements of its Up section, in order
 * @param findings what the safety analysis found, in statement order
 * @param backfillWait why the file waits for the backfill job its
 * {@code -- forge:after-backfill} names (the job and its progress), or {@code null} when it
 * need not wait for one
 * @param backfill what the backfill of a {@code -- forge:backfill} file will do (table, rows,
 * batches), or {@code null} for any other file and in the plan {@code apply} makes for itself
 * @param contract for a deferred file that removes tables or columns, which live nodes still
 * use them; {@code null} for any other file
 */
public record PlannedMigration(String name, String location, boolean transactional, boolean allowBreaking,
		boolean deferred, List<PlannedStatement> statements, List<Finding> findings, @Nullable String backfillWait,
		@Nullable BackfillReview backfill, @Nullable ContractCheck contract) {

	/**
	 * Creates a planned migration that waits for no backfill job.
	 * @param name the migration's name
	 * @param location where its file is
	 * @param transactional whether it runs in one transaction
	 * @param allowBreaking whether it accepts breaking changes
	 * @param deferred whether it is marked {@code -- forge:deferred}
	 * @param statements its statements
	 * @param findings its findings
	 */
	public PlannedMigration(String name, String location, boolean transactional, boolean allowBreaking,
			boolean deferred, List<PlannedStatement> statements, List<Finding> findings) {
		this(name, location, transactional, allowBreaking, deferred, statements, findings, null, null, null);
	}

	/**
	 * Creates a planned migration that is no backfill file.
	 * @param name the migration's name
	 * @param location where its file is
	 * @param transactional whether it runs in one transaction
	 * @param allowBreaking whether it accepts breaking changes
	 * @param deferred whether it is marked {@code -- forge:deferred}
	 * @param statements its statements
	 * @param findings its findings
	 * @param backfillWait why it waits for a backfill job, or {@code null}
	 */
	public PlannedMigration(String name, String location, boolean transactional, boolean allowBreaking,
			boolean deferred, List<PlannedStatement> statements, List<Finding> findings,
			@Nullable String backfillWait) {
		this(name, location, transactional, allowBreaking, deferred, statements, findings, backfillWait, null, null);
	}

	/**
	 * Creates a planned migration without a contract check.
	 * @param name the migration's name
	 * @param location where its file is
	 * @param transactional whether it runs in one transaction
	 * @param allowBreaking whether it accepts breaking changes
	 * @param deferred whether it is marked {@code -- forge:deferred}
	 * @param statements its statements
	 * @param findings its findings
	 * @param backfillWait why it waits for a backfill job, or {@code null}
	 * @param backfill the review of its backfill, or {@code null}
	 */
	public PlannedMigration(String name, String location, boolean transactional, boolean allowBreaking,
			boolean deferred, List<PlannedStatement> statements, List<Finding> findings,
			@Nullable String backfillWait, @Nullable BackfillReview backfill) {
		this(name, location, transactional, allowBreaking, deferred, statements, findings, backfillWait, backfill,
				null);
	}

	/**
	 * Creates a planned migration.
	 * @param name the migration's name
	 * @param location where its file is
	 * @param transactional whether it runs in one transaction
	 * @param allowBreaking whether it accepts breaking changes
	 * @param deferred whether it is marked {@code -- forge:deferred}
	 * @param statements its statements
	 * @param findings its findings
	 * @param backfillWait why it waits for a backfill job, or {@code null}
	 * @param backfill the review of its backfill, or {@code null}
	 * @param contract which live nodes use what it removes, or {@code null}
	 */
	public PlannedMigration {
		statements = List.copyOf(statements);
		findings = List.copyOf(findings);
	}

	/**
	 * Returns the breaking changes, as the warning of section 6 of FORGE's design.
	 * @return the warning, empty when nothing is breaking
	 */
	public BreakingChangeWarning breakingChanges() {
		return BreakingChangeWarning.of(this.findings);
	}

	/**
	 * Returns whether {@code apply} refuses this migration under
	 * {@link BreakingChangePolicy#FAIL}: it has breaking changes and no
	 * {@code -- forge:allow-breaking}.
	 * @return {@code true} if it would be refused
	 */
	public boolean needsBreakingAcceptance() {
		return !this.allowBreaking && !breakingChanges().isEmpty();
	}

	/**
	 * Returns whether {@code apply} leaves this migration pending, under every policy: it is
	 * the later phase of a two-phase change ({@code -- forge:deferred}) whose breaking changes
	 * are not accepted yet, or it waits for a backfill job that is not {@code DONE}.
	 * @return {@code true} if it waits
	 */
	public boolean waits() {
		return (this.deferred && needsBreakingAcceptance()) || this.backfillWait != null;
	}

	/**
	 * Returns this migration with the check of what it removes against the live nodes.
	 * @param contract the check
	 * @return the migration with the check
	 */
	public PlannedMigration withContract(@Nullable ContractCheck contract) {
		return new PlannedMigration(this.name, this.location, this.transactional, this.allowBreaking, this.deferred,
				this.statements, this.findings, this.backfillWait, this.backfill, contract);
	}

}
