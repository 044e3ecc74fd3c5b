package dev.forge.core.internal.backfill;

import java.util.ArrayList;
import java.util.List;

import dev.forge.core.internal.migration.BackfillUpdate;
import dev.forge.core.internal.schema.Identifiers;

/**
 * The statements of a job's batches. A range batch updates the rows of a claimed key range
 * that match the backfill's {@code WHERE}; a locked batch locks the next matching rows in key
 * order after the worker's cursor, skipping rows that another worker or the application holds,
 * and updates exactly those. Both report how many updated rows still match.
 */
final class BatchSql {

	private final String batch;

	private final String batchAfterCursor;

	private final String anyLeft;

	private final String countMatching;

	private final String rangeEnd;

	private final String rangeEndAfter;

	private final String lastKey;

	private final String lastKeyAfter;

	private final String rangeBatch;

	private final String rangeBatchAfter;

	private final int keys;

	private final String keyList;

	private final String cursor;

	private final String target;

	private final String predicate;

	BatchSql(BackfillUpdate update, List<String> keyColumns, List<String> keyTypes) {
		this(update.table() + ((update.alias() != null) ? " AS " + update.alias() : ""), update.reference(),
				update.predicate(), update.set(), keyColumns, keyTypes);
	}

	/**
	 * Creates the statements of a Java backfill, whose batches select their rows instead of
	 * updating them: the key and check statements; its {@code UPDATE} statements are never run.
	 */
	static BatchSql forJava(String table, String where, List<String> keyColumns, List<String> keyTypes) {
		return new BatchSql(table, table, where, "forge_unused = NULL", keyColumns, keyTypes);
	}

	private BatchSql(String target, String reference, String predicate, String set, List<String> keyColumns,
			List<String> keyTypes) {
		this.keys = keyColumns.size();
		this.target = target;
		this.predicate = predicate;
		List<String> qualified = new ArrayList<>();
		List<String> selected = new ArrayList<>();
		List<String> batchKeys = new ArrayList<>();
		List<String> returned = new ArrayList<>();
		List<String> cursor = new ArrayList<>();
		List<String> descending = new ArrayList<>();
		List<String> asText = new ArrayList<>();
		for (int i = 0; i < this.keys; i++) {
			String column = reference + "." + Identifiers.quote(keyColumns.get(i));
			qualified.add(column);
			selected.add(column + " AS forge_k" + i);
			batchKeys.add("forge_batch.forge_k" + i);
			returned.add(column + " AS forge_r" + i);
			cursor.add("CAST(? AS " + keyTypes.get(i) + ")");
			descending.add("forge_r" + i + " DESC");
			asText.add("forge_r" + i + "::text");
		}
		String keyList = String.join(", ", qualified);
		this.keyList = keyList;
		this.cursor = "(" + String.join(", ", cursor) + ")";
		String select = "SELECT " + String.join(", ", selected) + " FROM " + target + " WHERE (" + predicate
				+ ")";
		String rest = " ORDER BY " + keyList + " LIMIT ? FOR UPDATE SKIP LOCKED)";
		String tail = ", forge_updated AS (UPDATE " + target + " SET " + set + " FROM forge_batch WHERE ("
				+ keyList + ") = (" + String.join(", ", batchKeys) + ") AND (" + predicate + ") RETURNING "
				+ String.join(", ", returned) + ", (" + predicate + ") AS forge_still_matches)"
				+ " SELECT (SELECT count(*) FROM forge_updated),"
				+ " (SELECT count(*) FROM forge_updated WHERE forge_still_matches IS TRUE),"
				+ " (SELECT ARRAY[" + String.join(", ", asText) + "] FROM forge_updated ORDER BY "
				+ String.join(", ", descending) + " LIMIT 1)";
		this.batch = "WITH forge_batch AS (" + select + rest + tail;
		this.batchAfterCursor = "WITH forge_batch AS (" + select + " AND (" + keyList + ") > ("
				+ String.join(", ", cursor) + ")" + rest + tail;
		String keyArray = "ARRAY[" + String.join(", ", qualified.stream().map((column) -> column + "::text").toList())
				+ "]";
		String after = " WHERE (" + keyList + ") > (" + String.join(", ", cursor) + ")";
		String upTo = "(" + keyList + ") <= (" + String.join(", ", cursor) + ")";
		this.rangeEnd = "SELECT " + keyArray + " FROM " + target + " ORDER BY " + keyList + " OFFSET ? LIMIT 1";
		this.rangeEndAfter = "SELECT " + keyArray + " FROM " + target + after + " ORDER BY " + keyList
				+ " OFFSET ? LIMIT 1";
		String descendingKeys = String.join(", ", qualified.stream().map((column) -> column + " DESC").toList());
		this.lastKey = "SELECT " + keyArray + " FROM " + target + " ORDER BY " + descendingKeys + " LIMIT 1";
		this.lastKeyAfter = "SELECT " + keyArray + " FROM " + target + after + " ORDER BY " + descendingKeys
				+ " LIMIT 1";
		String rangeTail = " AND (" + predicate + ") RETURNING " + String.join(", ", returned) + ", ("
				+ predicate + ") AS forge_still_matches)"
				+ " SELECT (SELECT count(*) FROM forge_updated),"
				+ " (SELECT count(*) FROM forge_updated WHERE forge_still_matches IS TRUE),"
				+ " (SELECT ARRAY[" + String.join(", ", asText) + "] FROM forge_updated ORDER BY "
				+ String.join(", ", descending) + " LIMIT 1)";
		this.rangeBatch = "WITH forge_updated AS (UPDATE " + target + " SET " + set + " WHERE " + upTo
				+ rangeTail;
		this.rangeBatchAfter = "WITH forge_updated AS (UPDATE " + target + " SET " + set + " WHERE ("
				+ keyList + ") > (" + String.join(", ", cursor) + ") AND " + upTo + rangeTail;
		this.anyLeft = "SELECT EXISTS (SELECT FROM " + target + " WHERE (" + predicate + "))";
		this.countMatching = "SELECT count(*) FROM " + target + " WHERE (" + predicate + ")";
	}

	/** The batch from the first key, parameter: the limit. */
	String batch() {
		return this.batch;
	}

	/** The batch after a cursor, parameters: the cursor's key values, then the limit. */
	String batchAfterCursor() {
		return this.batchAfterCursor;
	}

	/** The key {@code n} rows from the first, parameter: the offset {@code n - 1}. */
	String rangeEnd() {
		return this.rangeEnd;
	}

	/** The key {@code n} rows after a cursor, parameters: the cursor's key values, then the offset. */
	String rangeEndAfter() {
		return this.rangeEndAfter;
	}

	/** The table's last key. */
	String lastKey() {
		return this.lastKey;
	}

	/** The table's last key after a cursor, parameters: the cursor's key values. */
	String lastKeyAfter() {
		return this.lastKeyAfter;
	}

	/** The batch of a claimed key range from the first key, parameters: the range's last key. */
	String rangeBatch() {
		return this.rangeBatch;
	}

	/** The batch of a claimed key range, parameters: the cursor's key values, then the range's last key. */
	String rangeBatchAfter() {
		return this.rangeBatchAfter;
	}

	/** Whether any committed row still matches, without waiting for row locks. */
	String anyLeft() {
		return this.anyLeft;
	}

	String countMatching() {
		return this.countMatching;
	}

	int keys() {
		return this.keys;
	}

	/** The table as statements name it, with its alias. */
	String target() {
		return this.target;
	}

	/** The condition of the rows still to do. */
	String predicate() {
		return this.predicate;
	}

	/** The key columns, qualified and comma-separated, in key order. */
	String keyList() {
		return this.keyList;
	}

	/** The key as parameters, one text value per key column cast to its type, in parentheses. */
	String cursorParameters() {
		return this.cursor;
	}

}
