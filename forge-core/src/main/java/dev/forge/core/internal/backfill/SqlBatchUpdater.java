package dev.forge.core.internal.backfill;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The batches of a backfill file: its {@code UPDATE}, limited to the batch's rows, in one
 * statement that also reports how many updated rows still match.
 */
final class SqlBatchUpdater implements BatchUpdater {

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private final BatchSql sql;

	private final String location;

	private final int line;

	SqlBatchUpdater(BatchSql sql, String location, int line) {
		this.sql = sql;
		this.location = location;
		this.line = line;
	}

	@Override
	public Result range(Connection transaction, @Nullable List<String> from, List<String> to) throws SQLException {
		return update(transaction, (from != null) ? this.sql.rangeBatchAfter() : this.sql.rangeBatch(), (statement) -> {
			int index = 1;
			if (from != null) {
				for (String value : from) {
					statement.setString(index++, value);
				}
			}
			for (String value : to) {
				statement.setString(index++, value);
			}
		});
	}

	@Override
	public Result next(Connection transaction, @Nullable List<String> cursor, int limit) throws SQLException {
		return update(transaction, (cursor != null) ? this.sql.batchAfterCursor() : this.sql.batch(), (statement) -> {
			int index = 1;
			if (cursor != null) {
				for (String value : cursor) {
					statement.setString(index++, value);
				}
			}
			statement.setInt(index, limit);
		});
	}

	private Result update(Connection transaction, String query, Parameters parameters) throws SQLException {
		try (PreparedStatement statement = transaction.prepareStatement(query)) {
			parameters.set(statement);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				Array key = result.getArray(3);
				return new Result(result.getLong(1), result.getLong(2),
						(key != null) ? List.of((String[]) key.getArray()) : null);
			}
		}
	}

	@Override
	public String neverEnds(long stillMatching, long rows) {
		return "the WHERE of " + this.location + " (line " + this.line + ") still matches " + stillMatching + " of the "
				+ rows + " rows a batch updated, so the job would never end: the WHERE must stop matching a row once"
				+ " the UPDATE has set it (e.g. 'SET word_count = ... WHERE word_count IS NULL'). The batch was"
				+ " rolled back";
	}

	@Override
	public String describe(Exception ex, String lockTimeout) {
		if (ex instanceof SQLException sqlException && LOCK_NOT_AVAILABLE.equals(sqlException.getSQLState())) {
			return "lock timeout (" + lockTimeout + ") on the table of " + this.location + ": " + ex.getMessage();
		}
		return this.location + " (line " + this.line + "): " + ex.getMessage();
	}

	@FunctionalInterface
	private interface Parameters {

		void set(PreparedStatement statement) throws SQLException;

	}

}
