package dev.forge.core.internal.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;

import dev.forge.core.DriftReport;
import dev.forge.core.DriftReport.Difference;
import dev.forge.core.DriftReport.Kind;
import dev.forge.core.DriftReport.Status;
import dev.forge.core.DriftReport.TableDrift;
import dev.forge.core.internal.schema.DefaultValues;
import dev.forge.core.internal.schema.Sequences;
import dev.forge.core.schema.Column;
import dev.forge.core.schema.ForeignKey;
import dev.forge.core.schema.Index;
import dev.forge.core.schema.PrimaryKey;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.Sequence;
import dev.forge.core.schema.Table;
import dev.forge.core.schema.Unique;

/**
 * Compares the live schema with the models, table by table (DESIGN §7), then the
 * sequences. Unlike the differ it takes no rename hints: a pending rename shows as a
 * missing and an extra column. Indexes and constraints are compared by definition, not by
 * name; sequences by name. A sequence that a model's column default reads is the model's,
 * even when the model does not list it.
 *
 * <pre class="code">
 * DriftReport report = new DriftDetector().detect(inspected, fromModels);
 * System.out.println(report.render());
 * </pre>
 *
 * @author FORGE
 * @since 0.1.0
 */
public class DriftDetector {

	private static final String IN_CODE = " (defined in code, not in DB)";

	private static final String IN_DB = " (in DB, not in code)";

	/**
	 * Compares two schemas.
	 * @param actual the live schema; FORGE's own tables already left out
	 * @param desired the schema the models describe
	 * @return the report, one entry per table ordered by name
	 */
	public DriftReport detect(Schema actual, Schema desired) {
		TreeMap<String, TableDrift> tables = new TreeMap<>();
		for (Table want : desired.tables()) {
			Table have = actual.table(want.name()).orElse(null);
			if (have == null) {
				tables.put(want.name(), new TableDrift(want.name(), Status.MISSING_IN_DATABASE, List.of(
						new Difference(Kind.MISSING_TABLE, want.name(), "Missing table: " + want.name() + IN_CODE))));
			}
			else {
				List<Difference> differences = compare(have, want);
				tables.put(want.name(),
						new TableDrift(want.name(), differences.isEmpty() ? Status.MATCHES : Status.DRIFT, differences));
			}
		}
		for (Table have : actual.tables()) {
			if (desired.table(have.name()).isEmpty()) {
				tables.put(have.name(), new TableDrift(have.name(), Status.MISSING_IN_CODE, List.of(
						new Difference(Kind.EXTRA_TABLE, have.name(), "Extra table: " + have.name() + IN_DB))));
			}
		}
		return new DriftReport(new ArrayList<>(tables.values()), compareSequences(actual, desired), List.of());
	}

	private List<Difference> compareSequences(Schema actual, Schema desired) {
		TreeMap<String, Difference> differences = new TreeMap<>();
		for (Sequence want : desired.sequences()) {
			Sequence have = actual.sequence(want.name()).orElse(null);
			if (have == null) {
				differences.put(want.name(), new Difference(Kind.MISSING_SEQUENCE, want.name(),
						"Missing sequence: " + want.name() + IN_CODE));
			}
			else if (!have.equals(want)) {
				differences.put(want.name(), new Difference(Kind.SEQUENCE_MISMATCH, want.name(), "Sequence mismatch: "
						+ want.name() + " is " + settings(have) + " in DB, " + settings(want) + " in code"));
			}
		}
		Set<String> usedByDefaults = Sequences.usedByDefaults(desired);
		for (Sequence have : actual.sequences()) {
			if (desired.sequence(have.name()).isEmpty() && !usedByDefaults.contains(have.name())) {
				differences.put(have.name(), new Difference(Kind.EXTRA_SEQUENCE, have.name(),
						"Extra sequence: " + have.name() + IN_DB));
			}
		}
		return new ArrayList<>(differences.values());
	}

	private static String settings(Sequence sequence) {
		return sequence.type() + " start " + sequence.start() + " increment " + sequence.increment()
				+ ((sequence.ownedBy() != null) ? " owned by " + sequence.ownedBy() : "");
	}

	private List<Difference> compare(Table have, Table want) {
		List<Difference> differences = new ArrayList<>();
		for (Column wanted : want.columns()) {
			Column column = Sequences.asCreated(wanted);
			Column existing = have.column(column.name()).orElse(null);
			if (existing == null) {
				differences.add(new Difference(Kind.MISSING_COLUMN, column.name(),
						"Missing column: " + column.name() + IN_CODE));
				continue;
			}
			if (!existing.type().equals(column.type())) {
				differences.add(new Difference(Kind.TYPE_MISMATCH, column.name(), "Type mismatch: " + column.name()
						+ " is " + existing.type() + " in DB, " + column.type() + " in code"));
			}
			if (existing.identity() != column.identity()) {
				differences.add(new Difference(Kind.IDENTITY_MISMATCH, column.name(), "Identity mismatch: "
						+ column.name() + " is " + identity(existing) + " in DB, " + identity(column) + " in code"));
			}
			if (existing.nullable() != column.nullable()) {
				differences.add(new Difference(Kind.NULLABILITY_MISMATCH, column.name(), "Nullability mismatch: "
						+ column.name() + " is " + nullability(existing) + " in DB, " + nullability(column) + " in code"));
			}
			if (!DefaultValues.equivalent(existing.defaultValue(), column.defaultValue())) {
				differences.add(new Difference(Kind.DEFAULT_MISMATCH, column.name(), "Default mismatch: " + column.name()
						+ " has " + defaultValue(existing) + " in DB, " + defaultValue(column) + " in code"));
			}
		}
		for (Column column : have.columns()) {
			if (want.column(column.name()).isEmpty()) {
				differences.add(new Difference(Kind.EXTRA_COLUMN, column.name(),
						"Extra column: " + column.name() + IN_DB));
			}
		}
		PrimaryKey havePrimaryKey = have.primaryKey();
		PrimaryKey wantPrimaryKey = want.primaryKey();
		List<String> haveKey = (havePrimaryKey != null) ? havePrimaryKey.columns() : List.of();
		List<String> wantKey = (wantPrimaryKey != null) ? wantPrimaryKey.columns() : List.of();
		if (!haveKey.equals(wantKey)) {
			differences.add(new Difference(Kind.PRIMARY_KEY_MISMATCH, want.name(),
					"Primary key mismatch: (" + String.join(", ", haveKey) + ") in DB, (" + String.join(", ", wantKey)
							+ ") in code"));
		}
		for (Index index : have.indexes()) {
			if (!index.valid()) {
				differences.add(new Difference(Kind.INVALID_INDEX, index.name(), "Invalid index: " + index.name()
						+ " (a failed CREATE INDEX CONCURRENTLY; drop it and build it again)"));
			}
		}
		compareSets(differences, have.indexes().stream().filter(Index::valid).toList(), want.indexes(),
				Index::sameDefinition, (index) -> index.name() + " (" + String.join(", ", index.columns()) + ")",
				"index", Kind.MISSING_INDEX, Kind.EXTRA_INDEX, Index::name);
		compareSets(differences, have.uniques(), want.uniques(), (a, b) -> a.columns().equals(b.columns()),
				(unique) -> unique.name() + " (" + String.join(", ", unique.columns()) + ")", "unique constraint",
				Kind.MISSING_UNIQUE, Kind.EXTRA_UNIQUE, Unique::name);
		compareSets(differences, have.foreignKeys(), want.foreignKeys(), ForeignKey::sameDefinition,
				(foreignKey) -> foreignKey.name() + " (" + String.join(", ", foreignKey.columns()) + " → "
						+ foreignKey.referencedTable() + "(" + String.join(", ", foreignKey.referencedColumns()) + "))",
				"foreign key", Kind.MISSING_FOREIGN_KEY, Kind.EXTRA_FOREIGN_KEY, ForeignKey::name);
		return differences;
	}

	private <T> void compareSets(List<Difference> differences, List<T> have, List<T> want,
			BiPredicate<T, T> sameDefinition, Function<T, String> describe, String noun, Kind missing, Kind extra,
			Function<T, String> name) {
		List<T> unmatched = new ArrayList<>(have);
		for (T wanted : want) {
			T found = unmatched.stream().filter((candidate) -> sameDefinition.test(candidate, wanted)).findFirst().orElse(null);
			if (found != null) {
				unmatched.remove(found);
			}
			else {
				differences.add(new Difference(missing, name.apply(wanted),
						"Missing " + noun + ": " + describe.apply(wanted) + IN_CODE));
			}
		}
		for (T existing : unmatched) {
			differences.add(new Difference(extra, name.apply(existing),
					"Extra " + noun + ": " + describe.apply(existing) + IN_DB));
		}
	}

	private static String identity(Column column) {
		return (column.identity() != null) ? column.identity().sql() : "not an identity column";
	}

	private static String nullability(Column column) {
		return column.nullable() ? "nullable" : "NOT NULL";
	}

	private static String defaultValue(Column column) {
		return (column.defaultValue() != null) ? "default " + Objects.requireNonNull(column.defaultValue())
				: "no default";
	}

}
