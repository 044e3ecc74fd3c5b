package dev.forge.core.internal.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.forge.core.Finding;
import dev.forge.core.SafetyClass;
import dev.forge.core.schema.ColumnType;
import org.jspecify.annotations.Nullable;

/**
 * The objects a transaction drops and then creates again. Other sessions see a
 * transaction's changes only when it commits, so old code cannot observe a view, function,
 * table or column that exists again at commit: such a drop is judged by the end state, not
 * as the statement alone. A table counts as the same only with every old column, of the same
 * type, and no new column that old code's {@code INSERT}s would have to fill; a column only
 * with the same type, and a default (or none needed) for old code's {@code INSERT}s. Their
 * data is gone all the same.
 */
final class EndState {

	/** Kinds whose objects old code only reads, so that one may stand in for the other. */
	private static final Set<String> VIEWS = Set.of("VIEW", "MATERIALIZED VIEW");

	private final List<Drop> drops = new ArrayList<>();

	/**
	 * Records a drop.
	 * @param kind e.g. {@code VIEW} or {@code TABLE}
	 * @param name the object
	 * @param target the target of its breaking finding
	 * @param statement the statement's findings
	 * @param columns a table's columns before the drop, if known
	 */
	void dropped(String kind, ObjectName name, String target, FindingCollector statement,
			@Nullable Map<String, String> columns) {
		this.drops.add(new Drop(kind, name, target, statement.line(), statement.sql(), columns));
	}

	/**
	 * Records the drop of a column.
	 * @param table the column's table
	 * @param column the column
	 * @param type its type before the drop
	 * @param statement the statement's findings
	 */
	void droppedColumn(ObjectName table, String column, ColumnType type, FindingCollector statement) {
		Drop drop = new Drop("COLUMN", table, table + "." + column, statement.line(), statement.sql(), null);
		drop.column = column;
		drop.type = type;
		this.drops.add(drop);
	}

	/**
	 * Records an added column, which restores an earlier drop of the same column.
	 * @param table the column's table
	 * @param definition the column's definition
	 */
	void addedColumn(ObjectName table, ColumnDefinition definition) {
		boolean oldInsertsWork = !definition.notNull() || definition.hasDefault() || definition.identity()
				|| SqlTypes.isSerial(definition.type());
		for (Drop drop : this.drops) {
			if (drop.kind.equals("COLUMN") && drop.name.sameAs(table) && definition.name().equals(drop.column)
					&& SqlTypes.storedType(definition.type()).equals(drop.type) && oldInsertsWork
					&& !definition.generatedStored()) {
				drop.recreated = true;
			}
		}
	}

	/**
	 * Records a creation, which restores earlier drops of the same object.
	 * @param kind e.g. {@code VIEW} or {@code TABLE}
	 * @param name the object
	 * @param columns a table's new columns, or {@code null} when they cannot be read
	 */
	void created(String kind, ObjectName name, @Nullable List<ColumnDefinition> columns) {
		for (Drop drop : this.drops) {
			if (drop.name.sameAs(name) && (drop.kind.equals(kind) || (VIEWS.contains(drop.kind) && VIEWS.contains(kind)))
					&& (!kind.equals("TABLE") || sameColumns(drop.columns, columns))) {
				drop.recreated = true;
			}
		}
	}

	/** Returns the findings with the breaking findings of restored drops judged safe. */
	List<Finding> judge(List<Finding> findings) {
		if (this.drops.stream().noneMatch((drop) -> drop.recreated)) {
			return findings;
		}
		List<Finding> judged = new ArrayList<>(findings.size());
		for (Finding finding : findings) {
			Drop drop = restoredBy(finding);
			judged.add((drop != null) ? new Finding(SafetyClass.SAFE, finding.operation(), finding.target(),
					finding.lockLevel(), finding.impact(), drop.reason(), null, finding.line(), finding.sql())
					: finding);
		}
		return judged;
	}

	private @Nullable Drop restoredBy(Finding finding) {
		if (finding.safetyClass() != SafetyClass.BREAKING) {
			return null;
		}
		for (Drop drop : this.drops) {
			if (drop.recreated && finding.operation().equals("DROP " + drop.kind) && finding.target().equals(drop.target)
					&& finding.line() == drop.line && finding.sql().equals(drop.sql)) {
				return drop;
			}
		}
		return null;
	}

	private static boolean sameColumns(@Nullable Map<String, String> old, @Nullable List<ColumnDefinition> created) {
		if (old == null || created == null) {
			return false;
		}
		for (Map.Entry<String, String> column : old.entrySet()) {
			ColumnDefinition definition = created.stream()
				.filter((candidate) -> candidate.name().equals(column.getKey()))
				.findFirst()
				.orElse(null);
			if (definition == null || !SqlTypes.parse(column.getValue()).equals(SqlTypes.storedType(definition.type()))) {
				return false;
			}
		}
		return created.stream()
			.filter((definition) -> !old.containsKey(definition.name()))
			.allMatch((definition) -> !definition.notNull() || definition.hasDefault() || definition.identity()
					|| SqlTypes.isSerial(definition.type()));
	}

	private static final class Drop {

		private final String kind;

		private final ObjectName name;

		private final String target;

		private final int line;

		private final String sql;

		private final @Nullable Map<String, String> columns;

		private boolean recreated;

		private @Nullable String column;

		private @Nullable ColumnType type;

		Drop(String kind, ObjectName name, String target, int line, String sql,
				@Nullable Map<String, String> columns) {
			this.kind = kind;
			this.name = name;
			this.target = target;
			this.line = line;
			this.sql = sql;
			this.columns = columns;
		}

		String reason() {
			String what = this.kind.toLowerCase(Locale.ROOT);
			if (this.column != null) {
				return "The column is added again later in this migration's transaction, of the same type and with"
						+ " what old code's INSERTs need: other sessions see only the end state at commit, so old"
						+ " code never finds it missing.";
			}
			return "The " + what + " is created again later in this migration's transaction"
					+ (this.kind.equals("TABLE") ? ", with the same columns" : "")
					+ ": other sessions see only the end state at commit, so old code never finds it missing.";
		}

	}

}
