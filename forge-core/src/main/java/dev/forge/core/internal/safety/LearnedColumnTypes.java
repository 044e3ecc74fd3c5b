package dev.forge.core.internal.safety;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import dev.forge.core.internal.script.Token;
import dev.forge.core.schema.ColumnType;
import org.jspecify.annotations.Nullable;

/**
 * What one statement taught about columns, over what was known before it: the overlay of
 * {@link ColumnTypes#after(List)}. Each statement that teaches something adds one overlay,
 * so that a rename and a later column of the old name are read in their order. The facts
 * no statement changes (volatility, casts) come from the source under all overlays.
 */
final class LearnedColumnTypes implements ColumnTypes {

	private final ColumnTypes underlying;

	private final ColumnTypes root;

	private final Map<String, String> types = new HashMap<>();

	private final Map<String, String> renamedColumns = new HashMap<>();

	private final Map<String, Boolean> notNull = new HashMap<>();

	private final Map<String, ObjectName> renamedTables = new HashMap<>();

	private final Map<String, List<NotNullCheck>> addedChecks = new HashMap<>();

	private final Set<String> validated = new HashSet<>();

	private final Set<String> dropped = new HashSet<>();

	private final Set<String> changedTables = new HashSet<>();

	private final Map<String, Map<String, String>> createdTables = new HashMap<>();

	private LearnedColumnTypes(ColumnTypes underlying) {
		this.underlying = underlying;
		this.root = (underlying instanceof LearnedColumnTypes learned) ? learned.root : underlying;
	}

	/** Returns the types after a statement: an overlay if it teaches something, else {@code types}. */
	static ColumnTypes learn(List<Token> tokens, ColumnTypes types) {
		LearnedColumnTypes learned = new LearnedColumnTypes(types);
		ColumnTypeLearner.learn(tokens, learned);
		return learned.changedTables.isEmpty() ? types : learned;
	}

	void type(ObjectName table, String column, ColumnType type) {
		put(this.types, table, column, type.toString());
	}

	/** Records a column of a table created with all its columns listed, after its {@link #type}. */
	void created(ObjectName table, String column) {
		this.createdTables.computeIfAbsent(table.name(), (key) -> new LinkedHashMap<>())
			.put(column, this.types.get(table.name() + "." + column));
	}

	/** Records whether a column is {@code NOT NULL} after the statement. */
	void notNull(ObjectName table, String column, boolean notNull) {
		this.notNull.put(table.name() + "." + column, notNull);
		if (table.schema() != null) {
			this.notNull.put(table.schema() + "." + table.name() + "." + column, notNull);
		}
		this.changedTables.add(table.name());
	}

	void renamedColumn(ObjectName table, String from, String to) {
		put(this.renamedColumns, table, to, from);
	}

	void renamedTable(ObjectName table, String to) {
		this.renamedTables.put(to, table);
		if (table.schema() != null) {
			this.renamedTables.put(table.schema() + "." + to, table);
		}
		this.changedTables.add(to);
	}

	void check(ObjectName table, NotNullCheck check) {
		this.addedChecks.computeIfAbsent(table.name(), (key) -> new ArrayList<>()).add(check);
		this.changedTables.add(table.name());
	}

	void validated(ObjectName table, String constraint) {
		this.validated.add(table.name() + "." + constraint);
		this.changedTables.add(table.name());
	}

	void droppedConstraint(ObjectName table, String constraint) {
		this.dropped.add(table.name() + "." + constraint);
		this.changedTables.add(table.name());
	}

	@Override
	public Optional<Character> volatility(@Nullable String schema, String function) {
		return this.root.volatility(schema, function);
	}

	@Override
	public Optional<Boolean> binaryCoercible(String fromType, String toType) {
		return this.root.binaryCoercible(fromType, toType);
	}

	@Override
	public OptionalLong estimatedRows(@Nullable String schema, String table) {
		return this.root.estimatedRows(schema, table);
	}

	@Override
	public OptionalLong plannedRows(String sql) {
		return this.root.plannedRows(sql);
	}

	@Override
	public Optional<Character> constraintType(@Nullable String schema, String table, String constraint) {
		return this.root.constraintType(schema, table, constraint);
	}

	@Override
	public Optional<Map<String, String>> columns(@Nullable String schema, String table) {
		Map<String, String> created = this.createdTables.get(table);
		if (created != null || this.changedTables.contains(table)) {
			return Optional.ofNullable(created);
		}
		ObjectName old = find(this.renamedTables, schema, table);
		return (old != null) ? this.underlying.columns(old.schema(), old.name())
				: this.underlying.columns(schema, table);
	}

	@Override
	public List<NotNullCheck> notNullChecks(@Nullable String schema, String table) {
		ObjectName old = find(this.renamedTables, schema, table);
		List<NotNullCheck> checks = new ArrayList<>((old != null) ? this.underlying.notNullChecks(old.schema(),
				old.name()) : this.underlying.notNullChecks(schema, table));
		checks.removeIf((check) -> this.dropped.contains(table + "." + check.constraint()));
		checks.replaceAll((check) -> this.validated.contains(table + "." + check.constraint())
				? new NotNullCheck(check.constraint(), check.column(), true) : check);
		checks.addAll(this.addedChecks.getOrDefault(table, List.of()));
		return checks;
	}

	@Override
	public Optional<Boolean> notNull(@Nullable String schema, String table, String column) {
		ColumnRef ref = new ColumnRef(schema, table, column);
		ColumnTypes current = this;
		while (current instanceof LearnedColumnTypes learned) {
			Boolean known = find(learned.notNull, ref.schema(), ref.key());
			if (known != null) {
				return Optional.of(known);
			}
			if (find(learned.types, ref.schema(), ref.key()) != null) {
				// added or created without a word on NULLs that FORGE read: not known
				return Optional.empty();
			}
			ref = learned.beforeRenames(ref);
			current = learned.underlying;
		}
		return current.notNull(ref.schema(), ref.table(), ref.column());
	}

	@Override
	public Optional<String> typeOf(@Nullable String schema, String table, String column) {
		ColumnRef ref = new ColumnRef(schema, table, column);
		ColumnTypes current = this;
		// walks down the overlays without recursion: a long pending history makes a deep chain
		while (current instanceof LearnedColumnTypes learned) {
			String type = find(learned.types, ref.schema(), ref.key());
			if (type != null) {
				return Optional.of(type);
			}
			ref = learned.beforeRenames(ref);
			current = learned.underlying;
		}
		return current.typeOf(ref.schema(), ref.table(), ref.column());
	}

	/** Returns the column under the names it had before this overlay's renames. */
	private ColumnRef beforeRenames(ColumnRef ref) {
		String column = find(this.renamedColumns, ref.schema(), ref.key());
		ObjectName table = find(this.renamedTables, ref.schema(), ref.table());
		return new ColumnRef((table != null && table.schema() != null) ? table.schema() : ref.schema(),
				(table != null) ? table.name() : ref.table(), (column != null) ? column : ref.column());
	}

	private void put(Map<String, String> map, ObjectName table, String column, String value) {
		map.put(table.name() + "." + column, value);
		if (table.schema() != null) {
			map.put(table.schema() + "." + table.name() + "." + column, value);
		}
		this.changedTables.add(table.name());
	}

	private static <T> @Nullable T find(Map<String, T> map, @Nullable String schema, String key) {
		T qualified = (schema != null) ? map.get(schema + "." + key) : null;
		return (qualified != null) ? qualified : map.get(key);
	}

	/** A column as a statement names it: the schema may be left out. */
	private record ColumnRef(@Nullable String schema, String table, String column) {

		String key() {
			return this.table + "." + this.column;
		}

	}

}
