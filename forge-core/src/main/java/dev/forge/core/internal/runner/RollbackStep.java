package dev.forge.core.internal.runner;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.forge.core.ForgeException;
import dev.forge.core.PlannedStatement;
import dev.forge.core.RollbackPreview;
import dev.forge.core.internal.history.AppliedMigration;
import dev.forge.core.internal.migration.MigrationCatalog;
import dev.forge.core.internal.migration.MigrationScript;
import org.jspecify.annotations.Nullable;

/**
 * One applied migration as a rollback sees it: its preview, for the reviewer and the
 * warnings, and its parsed file, for running the Down section. Both the preview and the
 * rollback itself are made from this, so they never disagree.
 */
record RollbackStep(RollbackPreview preview, @Nullable MigrationScript script) {

	static RollbackStep of(MigrationCatalog catalog, AppliedMigration row) {
		Optional<MigrationCatalog.Entry> entry = catalog.find(row.name());
		if (entry.isEmpty()) {
			return new RollbackStep(new RollbackPreview(row.name(), row.appliedAt(), null, false, List.of(), List.of()),
					null);
		}
		MigrationScript script = entry.get().load();
		List<PlannedStatement> down = script.down()
			.stream()
			.map((statement) -> new PlannedStatement(statement.line(), statement.sql()))
			.toList();
		return new RollbackStep(new RollbackPreview(row.name(), row.appliedAt(), entry.get().resource().location(),
				script.hasDown(), down, script.hasDown() ? SafetyCheck.dataLoss(script) : List.of()), script);
	}

	/** Returns the file to run, or fails with the reason it cannot be rolled back. */
	MigrationScript runnable() {
		this.preview.problem().ifPresent((problem) -> {
			throw new ForgeException(problem);
		});
		return Objects.requireNonNull(this.script);
	}

}
