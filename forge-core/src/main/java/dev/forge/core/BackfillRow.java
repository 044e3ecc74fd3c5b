package dev.forge.core;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One row of a {@link JavaBackfill}'s batch: its primary key and the columns the backfill
 * reads, and the new values its function sets.
 */
public final class BackfillRow {

	private final Map<String, @Nullable Object> values;

	private final Map<String, @Nullable Object> changes = new LinkedHashMap<>();

	/**
	 * Creates a row.
	 * @param values the row's key and read columns, by column name
	 */
	public BackfillRow(Map<String, @Nullable Object> values) {
		this.values = values;
	}

	/**
	 * Returns a column's value as the JDBC driver reads it.
	 * @param column a key or read column
	 * @return the value
	 * @throws IllegalArgumentException when the backfill does not read the column
	 */
	public @Nullable Object get(String column) {
		if (!this.values.containsKey(column)) {
			throw new IllegalArgumentException("the backfill's rows carry " + this.values.keySet() + ", not '" + column
					+ "': add it with reading(\"" + column + "\")");
		}
		return this.values.get(column);
	}

	/**
	 * Returns a column's value as a string.
	 * @param column a key or read column
	 * @return the value, or {@code null}
	 */
	public @Nullable String getString(String column) {
		Object value = get(column);
		return (value != null) ? value.toString() : null;
	}

	/**
	 * Returns a column's value as a long.
	 * @param column a key or read column of a numeric type
	 * @return the value, or {@code null}
	 */
	public @Nullable Long getLong(String column) {
		Object value = get(column);
		return (value != null) ? ((Number) value).longValue() : null;
	}

	/**
	 * Sets a column's new value; the batch writes it with the row's key.
	 * @param column the column to update
	 * @param value the new value, as the JDBC driver takes it
	 * @return this row
	 */
	public BackfillRow set(String column, @Nullable Object value) {
		this.changes.put(column, value);
		return this;
	}

	/**
	 * Returns the key and read columns.
	 * @return the values, by column name
	 */
	public Map<String, @Nullable Object> values() {
		return this.values;
	}

	/**
	 * Returns the new values set so far.
	 * @return the changes, by column name, in the order they were set
	 */
	public Map<String, @Nullable Object> changes() {
		return this.changes;
	}

}
