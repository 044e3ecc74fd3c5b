package dev.forge.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Drift of every table and sequence, as text ({@link #render()}) and as a value that
 * serialises to JSON as it is (records and enums only), for the {@code forge-drift}
 * endpoint.
 *
 * @param tables one entry per table in the models or the database, ordered by name
 * @param sequences how the sequences differ (missing, extra or set up otherwise), ordered
 * by name; empty when they match
 * @param checksumMismatches applied migration files edited since they ran, as
 * {@code name (location)}
 * @author FORGE
 * @since 0.1.0
 */
public record DriftReport(List<TableDrift> tables, List<Difference> sequences, List<String> checksumMismatches) {

	public DriftReport {
		tables = List.copyOf(tables);
		sequences = List.copyOf(sequences);
		checksumMismatches = List.copyOf(checksumMismatches);
	}

	/**
	 * Creates a report of tables and edited files, without sequence drift.
	 * @param tables the tables
	 * @param checksumMismatches the edited applied files
	 */
	public DriftReport(List<TableDrift> tables, List<String> checksumMismatches) {
		this(tables, List.of(), checksumMismatches);
	}

	/**
	 * Creates a report of tables alone.
	 * @param tables the tables
	 */
	public DriftReport(List<TableDrift> tables) {
		this(tables, List.of(), List.of());
	}

	/**
	 * Returns a copy of this report that also lists edited applied migration files.
	 * @param mismatches the files, as {@code name (location)}
	 * @return the report
	 */
	public DriftReport withChecksumMismatches(List<String> mismatches) {
		return new DriftReport(this.tables, this.sequences, mismatches);
	}

	/**
	 * Returns whether any table or sequence drifted or any applied file was edited.
	 * @return {@code true} if the database differs from the models or the files
	 */
	public boolean hasDrift() {
		return !this.checksumMismatches.isEmpty() || !this.sequences.isEmpty()
				|| this.tables.stream().anyMatch((table) -> table.status() != Status.MATCHES);
	}

	/**
	 * Returns the report as text, one block per table, then one for the sequences when
	 * they differ:
	 * <pre>
	 * ✓ projects table matches schema
	 * ✗ tasks table has drift:
	 *   - Missing column: priority (defined in code, not in DB)
	 * ✗ sequences have drift:
	 *   - Missing sequence: tasks_seq (defined in code, not in DB)
	 * </pre>
	 * @return the text, lines separated by {@code \n}
	 */
	public String render() {
		String tables = this.tables.stream().map(TableDrift::render).collect(Collectors.joining("\n"));
		if (!this.sequences.isEmpty()) {
			tables += (tables.isEmpty() ? "" : "\n") + "✗ sequences have drift:" + this.sequences.stream()
				.map((difference) -> "\n  - " + difference.message())
				.collect(Collectors.joining());
		}
		if (this.checksumMismatches.isEmpty()) {
			return tables;
		}
		return tables + "\n✗ applied migration files changed since they ran (checksum mismatch):\n"
				+ this.checksumMismatches.stream().map((file) -> "  - " + file).collect(Collectors.joining("\n"));
	}

	/**
	 * How a table compares.
	 */
	public enum Status {

		/** The table matches its model. */
		MATCHES,

		/** Both exist, and they differ. */
		DRIFT,

		/** A model defines the table; the database does not have it. */
		MISSING_IN_DATABASE,

		/** The database has the table; no model defines it. */
		MISSING_IN_CODE

	}

	/**
	 * The kind of one difference.
	 */
	public enum Kind {

		/** A column defined in code, not in the database. */
		MISSING_COLUMN,

		/** A column in the database, not in code. */
		EXTRA_COLUMN,

		/** A column's type differs. */
		TYPE_MISMATCH,

		/** A column's nullability differs. */
		NULLABILITY_MISMATCH,

		/** A column's default differs. */
		DEFAULT_MISMATCH,

		/** The primary key differs. */
		PRIMARY_KEY_MISMATCH,

		/** An index defined in code, not in the database. */
		MISSING_INDEX,

		/** An index in the database, not in code. */
		EXTRA_INDEX,

		/** An index in the database that PostgreSQL cannot use (a failed concurrent build). */
		INVALID_INDEX,

		/** A unique constraint defined in code, not in the database. */
		MISSING_UNIQUE,

		/** A unique constraint in the database, not in code. */
		EXTRA_UNIQUE,

		/** A foreign key defined in code, not in the database. */
		MISSING_FOREIGN_KEY,

		/** A foreign key in the database, not in code. */
		EXTRA_FOREIGN_KEY,

		/** A table defined in code, not in the database. */
		MISSING_TABLE,

		/** A table in the database, not in code. */
		EXTRA_TABLE,

		/** A column is an identity column on one side only, or generates values otherwise. */
		IDENTITY_MISMATCH,

		/** A sequence defined in code, not in the database. */
		MISSING_SEQUENCE,

		/** A sequence in the database, not in code. */
		EXTRA_SEQUENCE,

		/** A sequence's type, start, increment or owner column differs. */
		SEQUENCE_MISMATCH

	}

	/**
	 * One difference of a table.
	 *
	 * @param kind what differs
	 * @param name the column, index, constraint or sequence, or the table for a missing
	 * table
	 * @param message the line of the report, such as
	 * {@code Missing column: priority (defined in code, not in DB)}
	 */
	public record Difference(Kind kind, String name, String message) {

	}

	/**
	 * Drift of one table.
	 *
	 * @param table the table
	 * @param status how it compares
	 * @param differences what differs, empty when it matches
	 */
	public record TableDrift(String table, Status status, List<Difference> differences) {

		public TableDrift {
			differences = List.copyOf(differences);
		}

		/**
		 * Returns the table's block of the report.
		 * @return the text
		 */
		public String render() {
			if (this.status == Status.MATCHES) {
				return "✓ " + this.table + " table matches schema";
			}
			StringBuilder text = new StringBuilder("✗ " + this.table + " table has drift:");
			this.differences.forEach((difference) -> text.append("\n  - ").append(difference.message()));
			return text.toString();
		}

	}

}
