package dev.forge.core.internal.backfill;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.forge.core.BackfillRow;
import dev.forge.core.JavaBackfill;
import dev.forge.core.internal.schema.Identifiers;
import org.jspecify.annotations.Nullable;

/**
 * The batches of a Java backfill: select the batch's rows that still match, locking them
 * against the application's writes but not against its inserts of referencing rows
 * ({@code FOR NO KEY UPDATE}); hand them to the function; write back every changed row with
 * one batched {@code UPDATE} by key; then count the batch's rows that still match.
 */
final class JavaBatchUpdater implements BatchUpdater {

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private final JavaBackfill backfill;

	private final BatchSql sql;

	private final List<String> keyColumns;

	private final List<String> keyTypes;

	private final Map<String, String> tableColumns;

	private final List<String> columns;

	private final String rangeSelect;

	private final String rangeSelectAfter;

	private final String nextSelect;

	private final String nextSelectAfter;

	private final String stillMatching;

	private final Map<List<String>, String> updates = new ConcurrentHashMap<>();

	private final Map<List<String>, String> arrayUpdates = new ConcurrentHashMap<>();

	/**
	 * Creates the batches of a Java backfill.
	 * @param backfill the backfill
	 * @param sql the statements of its table and {@code WHERE}
	 * @param keyColumns the table's key columns
	 * @param keyTypes their types
	 * @param tableColumns the table's columns and their types, which the function may set
	 * unless they are key columns
	 */
	JavaBatchUpdater(JavaBackfill backfill, BatchSql sql, List<String> keyColumns, List<String> keyTypes,
			Map<String, String> tableColumns) {
		this.backfill = backfill;
		this.sql = sql;
		this.keyColumns = keyColumns;
		this.keyTypes = keyTypes;
		this.tableColumns = tableColumns;
		Set<String> columns = new LinkedHashSet<>(keyColumns);
		columns.addAll(backfill.reads());
		this.columns = List.copyOf(columns);
		String keyArray = "ARRAY[" + String.join(", ",
				keyColumns.stream().map((column) -> Identifiers.quote(column) + "::text").toList()) + "]";
		String select = "SELECT " + String.join(", ", this.columns.stream().map(Identifiers::quote).toList()) + ", "
				+ keyArray + " FROM " + sql.target() + " WHERE (" + sql.predicate() + ")";
		String keys = "(" + sql.keyList() + ")";
		String after = " AND " + keys + " > " + sql.cursorParameters();
		String upTo = " AND " + keys + " <= " + sql.cursorParameters();
		String order = " ORDER BY " + sql.keyList();
		this.rangeSelect = select + upTo + order + " FOR NO KEY UPDATE";
		this.rangeSelectAfter = select + after + upTo + order + " FOR NO KEY UPDATE";
		this.nextSelect = select + order + " LIMIT ? FOR NO KEY UPDATE SKIP LOCKED";
		this.nextSelectAfter = select + after + order + " LIMIT ? FOR NO KEY UPDATE SKIP LOCKED";
		List<String> unnest = new ArrayList<>();
		for (String type : keyTypes) {
			unnest.add("CAST(? AS text[])::" + type + "[]");
		}
		this.stillMatching = "SELECT count(*) FROM " + sql.target() + " WHERE " + keys + " IN (SELECT * FROM unnest("
				+ String.join(", ", unnest) + ")) AND (" + sql.predicate() + ")";
	}

	@Override
	public Result range(Connection transaction, @Nullable List<String> from, List<String> to) throws Exception {
		List<String> parameters = new ArrayList<>();
		if (from != null) {
			parameters.addAll(from);
		}
		parameters.addAll(to);
		return run(transaction, (from != null) ? this.rangeSelectAfter : this.rangeSelect, parameters, null);
	}

	@Override
	public Result next(Connection transaction, @Nullable List<String> cursor, int limit) throws Exception {
		return run(transaction, (cursor != null) ? this.nextSelectAfter : this.nextSelect,
				(cursor != null) ? cursor : List.of(), limit);
	}

	private Result run(Connection transaction, String select, List<String> parameters, @Nullable Integer limit)
			throws Exception {
		List<BackfillRow> rows = new ArrayList<>();
		List<List<String>> keys = new ArrayList<>();
		try (PreparedStatement statement = transaction.prepareStatement(select)) {
			int index = 1;
			for (String value : parameters) {
				statement.setString(index++, value);
			}
			if (limit != null) {
				statement.setInt(index, limit);
			}
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					Map<String, @Nullable Object> values = new LinkedHashMap<>();
					for (int i = 0; i < this.columns.size(); i++) {
						values.put(this.columns.get(i), result.getObject(i + 1));
					}
					rows.add(new BackfillRow(values));
					Array key = result.getArray(this.columns.size() + 1);
					keys.add(List.of((String[]) key.getArray()));
				}
			}
		}
		if (rows.isEmpty()) {
			return new Result(0, 0, null);
		}
		this.backfill.function().update(Collections.unmodifiableList(rows));
		String refused = write(transaction, rows, keys);
		if (refused != null) {
			return Result.refused(refused);
		}
		return new Result(rows.size(), stillMatching(transaction, keys), keys.get(keys.size() - 1));
	}

	/**
	 * Writes the changed rows, one statement per set of changed columns: an {@code UPDATE}
	 * from arrays of the keys and new values as text, which the columns' types read back,
	 * when every value reads back as it was; otherwise a JDBC batch of one {@code UPDATE} per
	 * row, ten times slower.
	 * @return why the job must fail, or {@code null}
	 */
	private @Nullable String write(Connection transaction, List<BackfillRow> rows, List<List<String>> keys)
			throws SQLException {
		Map<List<String>, List<Integer>> byColumns = new LinkedHashMap<>();
		for (int i = 0; i < rows.size(); i++) {
			Map<String, @Nullable Object> changes = rows.get(i).changes();
			if (!changes.isEmpty()) {
				byColumns.computeIfAbsent(List.copyOf(changes.keySet()), (columns) -> new ArrayList<>()).add(i);
			}
		}
		for (Map.Entry<List<String>, List<Integer>> group : byColumns.entrySet()) {
			String refused = check(group.getKey());
			if (refused != null) {
				return refused;
			}
			if (group.getValue().stream().allMatch((i) -> rows.get(i).changes().values().stream()
				.allMatch(JavaBatchUpdater::readsBackFromText))) {
				writeArrays(transaction, group.getKey(), group.getValue(), rows, keys);
				continue;
			}
			try (PreparedStatement statement = transaction.prepareStatement(update(group.getKey()))) {
				for (int i : group.getValue()) {
					int index = 1;
					for (Object value : rows.get(i).changes().values()) {
						statement.setObject(index++, value);
					}
					for (String value : keys.get(i)) {
						statement.setString(index++, value);
					}
					statement.addBatch();
				}
				statement.executeBatch();
			}
		}
		return null;
	}

	private void writeArrays(Connection transaction, List<String> columns, List<Integer> indexes,
			List<BackfillRow> rows, List<List<String>> keys) throws SQLException {
		try (PreparedStatement statement = transaction.prepareStatement(arrayUpdate(columns))) {
			int parameter = 1;
			for (int column = 0; column < this.keyColumns.size(); column++) {
				String[] values = new String[indexes.size()];
				for (int row = 0; row < indexes.size(); row++) {
					values[row] = keys.get(indexes.get(row)).get(column);
				}
				statement.setArray(parameter++, transaction.createArrayOf("text", values));
			}
			for (String column : columns) {
				String[] values = new String[indexes.size()];
				for (int row = 0; row < indexes.size(); row++) {
					Object value = rows.get(indexes.get(row)).changes().get(column);
					values[row] = (value != null) ? value.toString() : null;
				}
				statement.setArray(parameter++, transaction.createArrayOf("text", values));
			}
			statement.executeUpdate();
		}
	}

	/**
	 * Whether PostgreSQL reads a value's {@code toString()} back as the value; instants and
	 * offsets are left to the driver, which knows the session's time zone.
	 */
	private static boolean readsBackFromText(@Nullable Object value) {
		return value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean
				|| value instanceof Character || value instanceof UUID || value instanceof Enum
				|| value instanceof LocalDate || value instanceof LocalDateTime || value instanceof LocalTime;
	}

	private String arrayUpdate(List<String> columns) {
		return this.arrayUpdates.computeIfAbsent(columns, (set) -> {
			List<String> arrays = new ArrayList<>();
			List<String> names = new ArrayList<>();
			List<String> keys = new ArrayList<>();
			for (int i = 0; i < this.keyColumns.size(); i++) {
				arrays.add("CAST(? AS text[])::" + this.keyTypes.get(i) + "[]");
				names.add("forge_k" + i);
				keys.add("forge_values.forge_k" + i);
			}
			List<String> assignments = new ArrayList<>();
			for (int i = 0; i < set.size(); i++) {
				arrays.add("CAST(? AS text[])::" + this.tableColumns.get(set.get(i)) + "[]");
				names.add("forge_v" + i);
				assignments.add(Identifiers.quote(set.get(i)) + " = forge_values.forge_v" + i);
			}
			return "UPDATE " + this.sql.target() + " SET " + String.join(", ", assignments) + " FROM unnest("
					+ String.join(", ", arrays) + ") AS forge_values (" + String.join(", ", names) + ") WHERE ("
					+ this.sql.keyList() + ") = (" + String.join(", ", keys) + ")";
		});
	}

	private @Nullable String check(List<String> columns) {
		for (String column : columns) {
			if (this.keyColumns.contains(column)) {
				return "Java backfill " + this.backfill.name() + " set the key column '" + column + "' of "
						+ this.backfill.table() + ": a backfill writes rows back by their key, so it may not change it."
						+ " The batch was rolled back";
			}
			if (!this.tableColumns.containsKey(column)) {
				return "Java backfill " + this.backfill.name() + " set the column '" + column + "', which "
						+ this.backfill.table() + " does not have (its columns: "
						+ String.join(", ", this.tableColumns.keySet())
						+ "). The batch was rolled back";
			}
		}
		return null;
	}

	private String update(List<String> columns) {
		return this.updates.computeIfAbsent(columns, (set) -> "UPDATE " + this.sql.target() + " SET "
				+ String.join(", ", set.stream().map((column) -> Identifiers.quote(column) + " = ?").toList())
				+ " WHERE (" + this.sql.keyList() + ") = " + this.sql.cursorParameters());
	}

	private long stillMatching(Connection transaction, List<List<String>> keys) throws SQLException {
		try (PreparedStatement statement = transaction.prepareStatement(this.stillMatching)) {
			for (int column = 0; column < this.keyColumns.size(); column++) {
				String[] values = new String[keys.size()];
				for (int row = 0; row < keys.size(); row++) {
					values[row] = keys.get(row).get(column);
				}
				statement.setArray(column + 1, transaction.createArrayOf("text", values));
			}
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	@Override
	public String neverEnds(long stillMatching, long rows) {
		return "Java backfill " + this.backfill.name() + ": " + stillMatching + " of the " + rows + " rows of a batch"
				+ " still match where(\"" + this.backfill.where() + "\") after its function ran, so the job would never"
				+ " end: the function must set each row so that it stops matching (e.g. set word_count on every row"
				+ " for 'word_count IS NULL'). The batch was rolled back";
	}

	@Override
	public String describe(Exception ex, String lockTimeout) {
		if (ex instanceof SQLException sqlException && LOCK_NOT_AVAILABLE.equals(sqlException.getSQLState())) {
			return "lock timeout (" + lockTimeout + ") on " + this.backfill.table() + ", the table of Java backfill "
					+ this.backfill.name() + ": " + ex.getMessage();
		}
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
		return "Java backfill " + this.backfill.name() + ": "
				+ ((ex instanceof SQLException) ? message : ex.getClass().getSimpleName() + ": " + message);
	}

}
