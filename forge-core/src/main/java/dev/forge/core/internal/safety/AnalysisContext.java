package dev.forge.core.internal.safety;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import dev.forge.core.LockLevel;
import dev.forge.core.schema.ColumnType;
import org.jspecify.annotations.Nullable;

/**
 * What the analysis of one section knows while it walks the statements: the server, the
 * section, and what earlier statements of the section created.
 */
final class AnalysisContext {

	private final int serverVersion;

	private final Section section;

	private final boolean transactional;

	private final ColumnTypes columnTypes;

	private final List<ObjectName> created = new ArrayList<>();

	private final Map<String, LockLevel> notValidConstraints = new HashMap<>();

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

	/** Records a table or index created by this section. */
	void created(ObjectName name) {
		this.created.add(name);
	}

	/** Returns whether an earlier statement of this section created the table or index. */
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

}
