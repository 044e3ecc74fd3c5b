package dev.forge.core.runner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.forge.core.MigrationInfo;
import dev.forge.core.MigrationState;
import dev.forge.core.history.AppliedMigration;
import dev.forge.core.migration.MigrationCatalog;
import dev.forge.core.migration.MigrationName;
import org.jspecify.annotations.Nullable;

/**
 * Compares the migration files with the history table.
 */
final class StatusCalculator {

	private StatusCalculator() {
	}

	static MigrationStatus compute(MigrationCatalog catalog, List<AppliedMigration> rows) {
		Map<String, AppliedMigration> byName = new HashMap<>();
		rows.forEach((row) -> byName.put(row.name(), row));
		List<MigrationInfo> infos = new ArrayList<>();
		List<MigrationCatalog.Entry> toRun = new ArrayList<>();
		for (MigrationCatalog.Entry entry : catalog.entries()) {
			AppliedMigration row = byName.remove(entry.name().value());
			MigrationState state = stateOf(entry, row);
			if (state == MigrationState.PENDING || state == MigrationState.FAILED) {
				toRun.add(entry);
			}
			infos.add(new MigrationInfo(entry.name().value(), state, entry.resource().location(), entry.checksum(),
					(row != null) ? row.appliedAt() : null, (row != null) ? row.executionMillis() : null,
					(row != null) ? row.appliedBy() : null, entry.hasDown()));
		}
		for (AppliedMigration missing : byName.values()) {
			infos.add(new MigrationInfo(missing.name(), MigrationState.MISSING_FILE, null, missing.checksum(),
					missing.appliedAt(), missing.executionMillis(), missing.appliedBy(), false));
		}
		// one key per migration, not two per comparison: each key takes a regex match
		Map<MigrationInfo, MigrationName> keys = new IdentityHashMap<>();
		infos.forEach((info) -> keys.put(info, sortKey(info)));
		infos.sort(Comparator.comparing(keys::get));
		return new MigrationStatus(infos, toRun, warnings(catalog, rows, infos), rows);
	}

	private static MigrationState stateOf(MigrationCatalog.Entry entry, @Nullable AppliedMigration row) {
		if (row == null) {
			return MigrationState.PENDING;
		}
		if (!row.success()) {
			return MigrationState.FAILED;
		}
		return row.checksum().equals(entry.checksum()) ? MigrationState.APPLIED : MigrationState.CHECKSUM_MISMATCH;
	}

	private static MigrationName sortKey(MigrationInfo info) {
		return MigrationName.isValid(info.name()) ? MigrationName.ofFileName(info.name() + ".sql", info.name())
				: new MigrationName(info.name(), "0");
	}

	private static List<String> warnings(MigrationCatalog catalog, List<AppliedMigration> rows,
			List<MigrationInfo> infos) {
		List<String> warnings = new ArrayList<>();
		Map<String, List<String>> byNumber = new LinkedHashMap<>();
		catalog.entries()
			.forEach((entry) -> byNumber.computeIfAbsent(entry.name().number(), (key) -> new ArrayList<>())
				.add(entry.name().value()));
		byNumber.forEach((number, names) -> {
			if (names.size() > 1) {
				warnings.add("Possible conflict: migrations " + String.join(" and ", names) + " share the number "
						+ number + "; they may come from two branches. Check that they do not touch the same objects"
						+ " and renumber one if they must run in a set order.");
			}
		});
		Optional<MigrationName> lastApplied = lastApplied(rows);
		if (lastApplied.isPresent()) {
			for (MigrationInfo info : infos) {
				if (info.state() == MigrationState.PENDING && sortKey(info).compareTo(lastApplied.get()) < 0) {
					warnings.add("Out of order: " + info.name() + " is pending but sorts before " + lastApplied.get()
							+ ", which is already applied (usually a migration merged from another branch).");
				}
			}
		}
		for (MigrationInfo info : infos) {
			if (info.state() == MigrationState.MISSING_FILE) {
				warnings.add("Missing file: " + info.name() + " is recorded as applied but no file has its name.");
			}
		}
		return warnings;
	}

	private static Optional<MigrationName> lastApplied(List<AppliedMigration> rows) {
		return rows.stream()
			.filter(AppliedMigration::success)
			.map(AppliedMigration::name)
			.filter(MigrationName::isValid)
			.map((name) -> MigrationName.ofFileName(name + ".sql", name))
			.max(Comparator.naturalOrder());
	}

	/**
	 * The outcome of a comparison.
	 *
	 * @param infos every migration with its state
	 * @param toRun pending and failed migrations, in run order
	 * @param warnings warnings for the user
	 * @param rows the history rows compared
	 */
	record MigrationStatus(List<MigrationInfo> infos, List<MigrationCatalog.Entry> toRun, List<String> warnings,
			List<AppliedMigration> rows) {

		Map<String, AppliedMigration> failedRuns() {
			Map<String, AppliedMigration> failed = new HashMap<>();
			this.rows.stream().filter((row) -> !row.success()).forEach((row) -> failed.put(row.name(), row));
			return failed;
		}

		List<MigrationInfo> inState(MigrationState state) {
			return this.infos.stream().filter((info) -> info.state() == state).toList();
		}

		boolean hasOutOfOrder() {
			return this.warnings.stream().anyMatch((warning) -> warning.startsWith("Out of order"));
		}

	}

}
