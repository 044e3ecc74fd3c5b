package dev.forge.core.internal.backfill;

import java.util.ArrayList;
import java.util.List;

import dev.forge.core.internal.migration.BackfillUpdate;
import dev.forge.core.internal.schema.Identifiers;

/**
 * The statements of a job's batches. A batch locks the next rows that match the backfill's
 * {@code WHERE}, in key order after the worker's cursor, skipping rows that another worker or
 * the application holds, updates exactly those rows and reports whether any still matches.
 */
final class BatchSql {

	private final String batch;

	private final String batchAfterCursor;

	private final String anyLeft;

	private final String countMatching;

	private final int keys;

	BatchSql(BackfillUpdate update, List<String> keyColumns, List<String> keyTypes) {
		this.keys = keyColumns.size();
		String reference = update.reference();
		String target = update.table() + ((update.alias() != null) ? " AS " + update.alias() : "");
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
		String select = "SELECT " + String.join(", ", selected) + " FROM " + target + " WHERE (" + update.predicate()
				+ ")";
		String rest = " ORDER BY " + keyList + " LIMIT ? FOR UPDATE SKIP LOCKED)";
		String tail = ", forge_updated AS (UPDATE " + target + " SET " + update.set() + " FROM forge_batch WHERE ("
				+ keyList + ") = (" + String.join(", ", batchKeys) + ") AND (" + update.predicate() + ") RETURNING "
				+ String.join(", ", returned) + ", (" + update.predicate() + ") AS forge_still_matches)"
				+ " SELECT (SELECT count(*) FROM forge_updated),"
				+ " (SELECT count(*) FROM forge_updated WHERE forge_still_matches IS TRUE),"
				+ " (SELECT ARRAY[" + String.join(", ", asText) + "] FROM forge_updated ORDER BY "
				+ String.join(", ", descending) + " LIMIT 1)";
		this.batch = "WITH forge_batch AS (" + select + rest + tail;
		this.batchAfterCursor = "WITH forge_batch AS (" + select + " AND (" + keyList + ") > ("
				+ String.join(", ", cursor) + ")" + rest + tail;
		this.anyLeft = "SELECT EXISTS (SELECT FROM " + target + " WHERE (" + update.predicate() + "))";
		this.countMatching = "SELECT count(*) FROM " + target + " WHERE (" + update.predicate() + ")";
	}

	/** The batch from the first key, parameter: the limit. */
	String batch() {
		return this.batch;
	}

	/** The batch after a cursor, parameters: the cursor's key values, then the limit. */
	String batchAfterCursor() {
		return this.batchAfterCursor;
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

}
