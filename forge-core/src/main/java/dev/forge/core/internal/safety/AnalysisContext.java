package dev.forge.core.internal.safety;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import dev.forge.core.LockLevel;
import dev.forge.core.internal.script.Token;
import dev.forge.core.schema.ColumnType;
import org.jspecify.annotations.Nullable;

/**
 * What the analysis of one section knows while it walks the statements: the server, the
 * section, what earlier statements of the section created, dropped, renamed and set, and
 * what the live catalog says.
 */
final class AnalysisContext {

	/** Zones of offset zero, as {@code pg_get_timezone_offset} finds them fixed at zero. */
	private static final Set<String> UTC = Set.of("utc", "etc/utc", "uct", "etc/uct", "gmt", "etc/gmt", "gmt0",
			"etc/gmt0", "gmt+0", "gmt-0", "etc/gmt+0", "etc/gmt-0", "greenwich", "etc/greenwich", "universal",
			"etc/universal", "zulu", "etc/zulu", "z", "0", "+0", "-0", "00:00", "+00:00", "-00:00");

	private final int serverVersion;

	private final Section section;

	private final boolean transactional;

	private ColumnTypes columnTypes;

	private final List<ObjectName> created = new ArrayList<>();

	private final Map<String, LockLevel> notValidConstraints = new HashMap<>();

	private final Map<String, Character> functions = new HashMap<>();

	private final EndState endState = new EndState();

	private boolean utcTimeZone;

	AnalysisContext(int serverVersion, Section section, boolean transactional, ColumnTypes columnTypes) {
		this.serverVersion = serverVersion;
		this.section = section;
		this.transactional = transactional;
		this.columnTypes = columnTypes;
	}

	boolean atLeast(int versionNum) {
		return this.serverVersion >= versionNum;
	}

	Section section() {
		return this.section;
	}

	boolean transactional() {
		return this.transactional;
	}

	/** Records a relation (table, view, materialized view) or index created by this section. */
	void created(ObjectName name) {
		this.created.add(name);
	}

	/** Returns whether an earlier statement of this section created the relation or index. */
	boolean isNew(@Nullable ObjectName name) {
		return name != null && this.created.stream().anyMatch((created) -> created.sameAs(name));
	}

	Optional<ColumnType> typeOf(ObjectName table, String column) {
		return this.columnTypes.typeOf(table.schema(), table.name(), column).map(SqlTypes::parse);
	}

	/** Records a constraint added {@code NOT VALID}, and the lock its addition took. */
	void addedNotValid(String constraint, LockLevel lock) {
		this.notValidConstraints.put(constraint, lock);
	}

	/** Returns the lock still held from adding the constraint earlier in this transaction. */
	Optional<LockLevel> lockHeldFromAdding(String constraint) {
		return this.transactional ? Optional.ofNullable(this.notValidConstraints.get(constraint)) : Optional.empty();
	}

	/** Learns what a statement changed, for the statements after it: a renamed column keeps its type. */
	void learn(List<Token> statement) {
		if (!statement.isEmpty() && (statement.get(0).is("CREATE") || statement.get(0).is("ALTER"))) {
			this.columnTypes = LearnedColumnTypes.learn(statement, this.columnTypes);
		}
	}

	/** Records the volatility of a function created by this section. */
	void createdFunction(ObjectName function, char volatility) {
		this.functions.put(function.name(), volatility);
		this.functions.put(function.toString(), volatility);
	}

	/** Returns how volatile a function is: as this section created it, or as the database says. */
	Optional<Character> volatility(@Nullable String schema, String function) {
		Character created = this.functions.get((schema != null) ? schema + "." + function : function);
		return (created != null) ? Optional.of(created) : this.columnTypes.volatility(schema, function);
	}

	/** Returns whether {@code pg_cast} says the change from one type to the other touches no row. */
	boolean binaryCoercible(ColumnType from, ColumnType to) {
		return this.columnTypes.binaryCoercible(from.name(), to.name()).orElse(false);
	}

	/** Returns whether a valid {@code CHECK (column IS NOT NULL)} constraint proves the column holds no NULL. */
	boolean provenNotNull(ObjectName table, String column) {
		return this.columnTypes.notNullChecks(table.schema(), table.name())
			.stream()
			.anyMatch((check) -> check.valid() && check.column().equals(column));
	}

	/** Returns whether the column is {@code NOT NULL} already, as far as known. */
	boolean notNull(ObjectName table, String column) {
		return this.columnTypes.notNull(table.schema(), table.name(), column).orElse(false);
	}

	/** Returns a table's columns as they are before this statement, if known. */
	Optional<Map<String, String>> columnsOf(ObjectName table) {
		return this.columnTypes.columns(table.schema(), table.name());
	}

	/** Returns the drops of this section and what they restore. */
	EndState endState() {
		return this.endState;
	}

	/**
	 * Records a {@code SET} (or {@code RESET}, with a {@code null} value) of a setting that
	 * changes what PostgreSQL does. {@code SET LOCAL} outside a transaction has no effect.
	 */
	void setting(String name, @Nullable String value, boolean local) {
		if (local && !this.transactional) {
			return;
		}
		if (name.equals("timezone") || name.equals("all")) {
			this.utcTimeZone = value != null && UTC.contains(value.toLowerCase(Locale.ROOT));
		}
	}

	/**
	 * Returns whether an earlier statement set the session's time zone to one of offset zero,
	 * in which PostgreSQL 12+ changes {@code timestamp} to {@code timestamptz} (and back)
	 * without rewriting the table.
	 */
	boolean utcTimeZone() {
		return this.utcTimeZone;
	}

	private final Set<String> requiredWithDefault = new HashSet<>();

	/**
	 * Records a column added {@code NOT NULL} with a default to a table that existed before:
	 * old code's inserts that leave it out work only while the default stays.
	 */
	void addedRequiredWithDefault(ObjectName table, String column) {
		this.requiredWithDefault.add(table.name() + "." + column);
	}

	/** Returns whether an earlier statement added the column {@code NOT NULL} with a default. */
	boolean isRequiredWithDefaultAddedHere(ObjectName table, String column) {
		return this.requiredWithDefault.contains(table.name() + "." + column);
	}

	private final Set<String> addedToExisting = new HashSet<>();

	/** Records a column added to a table that existed before this section. */
	void addedToExistingTable(ObjectName table, String column) {
		this.addedToExisting.add(table.name() + "." + column);
	}

	/**
	 * Returns whether an earlier statement of this section added the column to a table that
	 * existed before: filling it touches every row.
	 */
	boolean isAddedToExistingTableHere(ObjectName table, String column) {
		return this.addedToExisting.contains(table.name() + "." + column);
	}

	/** Records that an {@code UPDATE} filled the column: later ones touch only what it left. */
	void filled(ObjectName table, String column) {
		this.addedToExisting.remove(table.name() + "." + column);
	}

	/** Returns the rows PostgreSQL estimates an existing table holds. */
	OptionalLong estimatedRows(@Nullable ObjectName table) {
		return (table != null && !isNew(table)) ? this.columnTypes.estimatedRows(table.schema(), table.name())
				: OptionalLong.empty();
	}

	/** Returns the rows the planner expects an {@code UPDATE} or {@code DELETE} to touch. */
	OptionalLong plannedRows(String sql) {
		return this.columnTypes.plannedRows(sql);
	}

	/** Returns the kind of an existing constraint, as {@code pg_constraint.contype} spells it. */
	Optional<Character> constraintType(ObjectName table, String constraint) {
		return this.columnTypes.constraintType(table.schema(), table.name(), constraint);
	}

	private boolean inBatches;

	/** Records that the section is a backfill file's {@code UPDATE}, which FORGE runs in batches. */
	void runsInBatches() {
		this.inBatches = true;
	}

	/** Returns whether the section's {@code UPDATE} runs in batches, each its own short transaction. */
	boolean inBatches() {
		return this.inBatches;
	}

}
