package dev.forge.core.internal.runner;

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
import dev.forge.core.internal.history.AppliedMigration;
import dev.forge.core.internal.migration.MigrationCatalog;
import dev.forge.core.internal.migration.MigrationName;
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
		// the sort key of each migration, kept beside it so that sorting parses no name
		Map<MigrationInfo, MigrationName> keys = new IdentityHashMap<>();
		List<MigrationInfo> infos = new ArrayList<>();
		List<MigrationCatalog.Entry> toRun = new ArrayList<>();
		for (MigrationCatalog.Entry entry : catalog.entries()) {
			AppliedMigration row = byName.remove(entry.name().value());
			MigrationState state = stateOf(entry, row);
			if (state == MigrationState.PENDING || state == MigrationState.FAILED) {
				toRun.add(entry);
			}
			MigrationInfo info = new MigrationInfo(entry.name().value(), state, entry.resource().location(),
					entry.checksum(), (row != null) ? row.appliedAt() : null,
					(row != null) ? row.executionMillis() : null, (row != null) ? row.appliedBy() : null,
					entry.hasDown(), (row != null) ? row.note() : null);
			infos.add(info);
			keys.put(info, entry.name());
		}
		for (AppliedMigration missing : byName.values()) {
			MigrationInfo info = new MigrationInfo(missing.name(), MigrationState.MISSING_FILE, null,
					missing.checksum(), missing.appliedAt(), missing.executionMillis(), missing.appliedBy(), false,
					missing.note());
			infos.add(info);
			keys.put(info, MigrationName.parse(missing.name()).orElse(new MigrationName(missing.name(), "0")));
		}
		infos.sort(Comparator.comparing(keys::get));
		return new MigrationStatus(infos, toRun, warnings(catalog, rows, infos, keys), rows);
	}

	/**
	 * Returns whether every file is applied with its current checksum and every row has its
	 * file: the state of almost every start, decided without building the status.
	 * @param catalog the files
	 * @param checksums checksum by name of every row, {@code null} for a failed run
	 */
	static boolean allApplied(MigrationCatalog catalog, Map<String, @Nullable String> checksums) {
		if (checksums.size() != catalog.entries().size()) {
			return false;
		}
		for (MigrationCatalog.Entry entry : catalog.entries()) {
			if (!entry.checksum().equals(checksums.get(entry.name().value()))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns whether a file is pending or its last run failed, decided from the names and
	 * checksums of the history alone.
	 * @param catalog the files
	 * @param checksums checksum by name of every row, {@code null} for a failed run
	 */
	static boolean anyToRun(MigrationCatalog catalog, Map<String, @Nullable String> checksums) {
		for (MigrationCatalog.Entry entry : catalog.entries()) {
			if (checksums.get(entry.name().value()) == null) {
				return true;
			}
		}
		return false;
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

	private static List<String> warnings(MigrationCatalog catalog, List<AppliedMigration> rows,
			List<MigrationInfo> infos, Map<MigrationInfo, MigrationName> keys) {
		List<String> warnings = sharedNumbers(catalog);
		Optional<MigrationName> lastApplied = lastApplied(rows);
		if (lastApplied.isPresent()) {
			for (MigrationInfo info : infos) {
				if (info.state() == MigrationState.PENDING && keys.get(info).compareTo(lastApplied.get()) < 0) {
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

	/**
	 * Warns of files that share a number, which usually come from two branches.
	 * @param catalog the files
	 * @return one warning per shared number
	 */
	static List<String> sharedNumbers(MigrationCatalog catalog) {
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
		return warnings;
	}

	private static Optional<MigrationName> lastApplied(List<AppliedMigration> rows) {
		@Nullable MigrationName last = null;
		for (AppliedMigration row : rows) {
			if (row.success()) {
				MigrationName name = MigrationName.parse(row.name()).orElse(null);
				if (name != null && (last == null || name.compareTo(last) > 0)) {
					last = name;
				}
			}
		}
		return Optional.ofNullable(last);
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
