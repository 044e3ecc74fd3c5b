package dev.forge.core.internal.backfill;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.forge.core.BackfillJob;
import dev.forge.core.JobStatus;
import dev.forge.core.internal.schema.Identifiers;
import dev.forge.core.internal.schema.Relations;
import org.jspecify.annotations.Nullable;

/**
 * The jobs table, next to the history table and named after it: {@code forge_jobs} for
 * {@code forge_migrations} (a history table named {@code x_migrations} gets {@code x_jobs},
 * any other name {@code <name>_jobs}). One row per backfill file that {@code apply}
 * registered and per Java backfill started ({@code kind} tells them apart); its counters
 * change only in the transactions of the batches they count.
 */
public final class JobStore {

	private static final String SQL = "sql";

	private static final String JAVA = "java";

	private final String table;

	private final String qualified;

	/**
	 * Creates the store of a history table's jobs.
	 * @param schema the history table's schema
	 * @param historyTable the history table's name
	 */
	public JobStore(String schema, String historyTable) {
		this.table = tableName(historyTable);
		this.qualified = Identifiers.quote(schema) + "." + Identifiers.quote(this.table);
	}

	/**
	 * Returns the name of the jobs table of a history table.
	 * @param historyTable the history table's name
	 * @return the jobs table's name
	 */
	public static String tableName(String historyTable) {
		return historyTable.endsWith("_migrations")
				? historyTable.substring(0, historyTable.length() - "_migrations".length()) + "_jobs"
				: historyTable + "_jobs";
	}

	/**
	 * Returns the table's unqualified name.
	 * @return the name
	 */
	public String table() {
		return this.table;
	}

	String qualifiedName() {
		return this.qualified;
	}

	boolean exists(Connection connection) throws SQLException {
		return Relations.exists(connection, this.qualified);
	}

	/**
	 * Creates the table unless it exists, in the caller's transaction: {@code apply} holds the
	 * cluster lock while it registers jobs, so two nodes never race to create it.
	 */
	void createIfMissing(Connection connection) throws SQLException {
		if (exists(connection)) {
			addMissingColumns(connection);
			return;
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS " + this.qualified + " (\n"
					+ "    name text PRIMARY KEY,\n"
					+ "    status text NOT NULL,\n"
					+ "    kind text NOT NULL DEFAULT '" + SQL + "',\n"
					+ "    location text NOT NULL,\n"
					+ "    update_sql text NOT NULL,\n"
					+ "    update_line integer NOT NULL,\n"
					+ "    table_name text NOT NULL,\n"
					+ "    key_columns text[] NOT NULL,\n"
					+ "    key_types text[] NOT NULL,\n"
					+ "    options text NOT NULL,\n"
					+ "    batch_size integer NOT NULL,\n"
					+ "    rows_done bigint NOT NULL DEFAULT 0,\n"
					+ "    rows_estimated bigint NOT NULL DEFAULT 0,\n"
					+ "    last_key text,\n"
					+ "    range_cursor text[],\n"
					+ "    batches bigint NOT NULL DEFAULT 0,\n"
					+ "    attempts integer NOT NULL DEFAULT 0,\n"
					+ "    last_error text,\n"
					+ "    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),\n"
					+ "    started_at timestamptz,\n"
					+ "    finished_at timestamptz,\n"
					+ "    heartbeat_at timestamptz,\n"
					+ "    owner_node text\n"
					+ ")");
			statement.execute("COMMENT ON TABLE " + this.qualified + " IS 'Backfill jobs, kept by FORGE'");
		}
	}

	/**
	 * Adds the columns that a jobs table created by an earlier version lacks, so that it keeps
	 * its jobs.
	 */
	private void addMissingColumns(Connection connection) throws SQLException {
		if (hasKind(connection)) {
			return;
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("ALTER TABLE " + this.qualified + " ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT '"
					+ SQL + "'");
		}
	}

	private boolean hasKind(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT EXISTS (SELECT FROM pg_attribute"
				+ " WHERE attrelid = to_regclass(?) AND attname = 'kind' AND NOT attisdropped)")) {
			statement.setString(1, this.qualified);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	/** Registers a job as {@code PENDING}, replacing the row of an earlier application of the same file. */
	void register(Connection connection, String name, String location, String updateSql, int updateLine,
			String table, List<String> keyColumns, List<String> keyTypes, String options, int batchSize,
			long rowsEstimated) throws SQLException {
		upsert(connection, SQL, name, location, updateSql, updateLine, table, keyColumns, keyTypes, options, batchSize,
				rowsEstimated, "");
	}

	/**
	 * Registers the job of a Java backfill as {@code PENDING}, replacing an earlier run of it
	 * only when that run is {@code DONE} or {@code CANCELLED}.
	 * @return whether the job was registered
	 */
	boolean registerJava(Connection connection, String name, String location, String where, String table,
			List<String> keyColumns, List<String> keyTypes, String options, int batchSize, long rowsEstimated)
			throws SQLException {
		return upsert(connection, JAVA, name, location, where, 0, table, keyColumns, keyTypes, options, batchSize,
				rowsEstimated, " WHERE forge_job.kind = '" + JAVA + "' AND forge_job.status IN ('DONE', 'CANCELLED')");
	}

	private boolean upsert(Connection connection, String kind, String name, String location, String updateSql,
			int updateLine, String table, List<String> keyColumns, List<String> keyTypes, String options,
			int batchSize, long rowsEstimated, String replaceOnly) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + this.qualified
				+ " AS forge_job (name, status, location, update_sql, update_line, table_name, key_columns, key_types,"
				+ " options, batch_size, rows_estimated, kind) VALUES (?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
				+ " ON CONFLICT (name) DO UPDATE SET status = 'PENDING', kind = EXCLUDED.kind,"
				+ " location = EXCLUDED.location,"
				+ " update_sql = EXCLUDED.update_sql, update_line = EXCLUDED.update_line,"
				+ " table_name = EXCLUDED.table_name, key_columns = EXCLUDED.key_columns,"
				+ " key_types = EXCLUDED.key_types, options = EXCLUDED.options, batch_size = EXCLUDED.batch_size,"
				+ " rows_done = 0, rows_estimated = EXCLUDED.rows_estimated, last_key = NULL, range_cursor = NULL,"
				+ " batches = 0,"
				+ " attempts = 0, last_error = NULL, created_at = clock_timestamp(), started_at = NULL,"
				+ " finished_at = NULL, heartbeat_at = NULL, owner_node = NULL" + replaceOnly)) {
			statement.setString(1, name);
			statement.setString(2, location);
			statement.setString(3, updateSql);
			statement.setInt(4, updateLine);
			statement.setString(5, table);
			statement.setArray(6, connection.createArrayOf("text", keyColumns.toArray()));
			statement.setArray(7, connection.createArrayOf("text", keyTypes.toArray()));
			statement.setString(8, options);
			statement.setInt(9, batchSize);
			statement.setLong(10, rowsEstimated);
			statement.setString(11, kind);
			return statement.executeUpdate() == 1;
		}
	}

	/**
	 * Forgets a job, when its backfill file is rolled back.
	 * @param connection the connection, in the rollback's transaction
	 * @param name the job's name
	 * @throws SQLException on database errors
	 */
	public void delete(Connection connection, String name) throws SQLException {
		if (!exists(connection)) {
			return;
		}
		try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + this.qualified
				+ " WHERE name = ?")) {
			statement.setString(1, name);
			statement.executeUpdate();
		}
	}

	/**
	 * Reads one job.
	 * @param connection the connection
	 * @param name the job's name
	 * @return the job, empty when there is no such job (or no jobs table)
	 * @throws SQLException on database errors
	 */
	public Optional<BackfillJob> find(Connection connection, String name) throws SQLException {
		return read(connection, name).map(Row::job);
	}

	Optional<Row> read(Connection connection, String name) throws SQLException {
		if (!exists(connection)) {
			return Optional.empty();
		}
		try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM " + this.qualified
				+ " WHERE name = ?")) {
			statement.setString(1, name);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? Optional.of(row(result)) : Optional.empty();
			}
		}
	}

	/**
	 * Reads every job, by name.
	 * @param connection the connection
	 * @return the jobs, empty without a jobs table
	 * @throws SQLException on database errors
	 */
	public List<BackfillJob> all(Connection connection) throws SQLException {
		List<BackfillJob> jobs = new ArrayList<>();
		if (!exists(connection)) {
			return jobs;
		}
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT * FROM " + this.qualified + " ORDER BY name")) {
			while (result.next()) {
				jobs.add(row(result).job());
			}
		}
		return jobs;
	}

	/**
	 * Moves a job from one of some states to another.
	 * @return whether the job was in one of the states
	 */
	boolean transition(Connection connection, String name, List<JobStatus> from, JobStatus to, String extraSet,
			Object... parameters) throws SQLException {
		String states = String.join(", ", from.stream().map((status) -> "'" + status.name() + "'").toList());
		try (PreparedStatement statement = connection.prepareStatement("UPDATE " + this.qualified + " SET status = '"
				+ to.name() + "', heartbeat_at = clock_timestamp()" + (extraSet.isEmpty() ? "" : ", " + extraSet)
				+ " WHERE name = ? AND status IN (" + states + ")")) {
			int index = 1;
			for (Object parameter : parameters) {
				statement.setObject(index++, parameter);
			}
			statement.setString(index, name);
			return statement.executeUpdate() == 1;
		}
	}

	/**
	 * Adds a committed batch to the job, in the batch's transaction.
	 * @return {@code false} when the job is no longer {@code RUNNING}, so the batch must roll back
	 */
	boolean countBatch(Connection connection, String name, long rows, @Nullable String lastKey, int batchSize,
			String node) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("UPDATE " + this.qualified
				+ " SET rows_done = rows_done + ?, last_key = coalesce(?, last_key), batch_size = ?,"
				+ " batches = batches + 1, heartbeat_at = clock_timestamp(), owner_node = ?"
				+ " WHERE name = ? AND status = 'RUNNING'")) {
			statement.setLong(1, rows);
			statement.setString(2, lastKey);
			statement.setInt(3, batchSize);
			statement.setString(4, node);
			statement.setString(5, name);
			return statement.executeUpdate() == 1;
		}
	}

	/**
	 * Reads where the next key range starts.
	 * @return the job's state and the last key of the last claimed range ({@code null} before
	 * the first), or empty when the job is gone
	 */
	Optional<RangeCursor> rangeCursor(Connection connection, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT status, range_cursor FROM "
				+ this.qualified + " WHERE name = ?")) {
			statement.setString(1, name);
			try (ResultSet result = statement.executeQuery()) {
				if (!result.next()) {
					return Optional.empty();
				}
				Array cursor = result.getArray(2);
				return Optional.of(new RangeCursor(JobStatus.valueOf(result.getString(1)),
						(cursor != null) ? strings(cursor) : null));
			}
		}
	}

	/**
	 * Claims the key range after {@code from} up to {@code to} for one worker, unless another
	 * worker claimed a range from there first.
	 * @return whether the range is this worker's
	 */
	boolean claimRange(Connection connection, String name, @Nullable List<String> from, List<String> to)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("UPDATE " + this.qualified
				+ " SET range_cursor = ? WHERE name = ? AND status = 'RUNNING'"
				+ " AND range_cursor IS NOT DISTINCT FROM CAST(? AS text[])")) {
			statement.setArray(1, connection.createArrayOf("text", to.toArray()));
			statement.setString(2, name);
			if (from != null) {
				statement.setArray(3, connection.createArrayOf("text", from.toArray()));
			}
			else {
				statement.setNull(3, Types.ARRAY);
			}
			return statement.executeUpdate() == 1;
		}
	}

	private static Row row(ResultSet result) throws SQLException {
		List<String> keyColumns = strings(result.getArray("key_columns"));
		Instant created = instant(result, "created_at");
		BackfillJob job = new BackfillJob(result.getString("name"), JobStatus.valueOf(result.getString("status")),
				result.getString("location"), result.getString("table_name"), String.join(", ", keyColumns),
				result.getString("options"), result.getInt("batch_size"), result.getLong("rows_done"),
				result.getLong("rows_estimated"), result.getString("last_key"), result.getLong("batches"),
				result.getInt("attempts"), result.getString("last_error"), (created != null) ? created : Instant.EPOCH,
				instant(result, "started_at"), instant(result, "finished_at"), instant(result, "heartbeat_at"),
				result.getString("owner_node"));
		return new Row(job, result.getString("update_sql"), result.getInt("update_line"), keyColumns,
				strings(result.getArray("key_types")), JAVA.equals(kind(result)));
	}

	/** The job's kind; a jobs table of an earlier version has no column for it, and only SQL jobs. */
	private static String kind(ResultSet result) throws SQLException {
		ResultSetMetaData metaData = result.getMetaData();
		for (int i = 1; i <= metaData.getColumnCount(); i++) {
			if ("kind".equals(metaData.getColumnName(i))) {
				return result.getString(i);
			}
		}
		return SQL;
	}

	private static List<String> strings(Array array) throws SQLException {
		return List.of((String[]) array.getArray());
	}

	private static @Nullable Instant instant(ResultSet result, String column) throws SQLException {
		Timestamp timestamp = result.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/** Where the next key range starts, and whether workers may claim it. */
	record RangeCursor(JobStatus status, @Nullable List<String> cursor) {

	}

	/**
	 * A job with what its workers need to run it.
	 *
	 * @param updateSql the backfill file's {@code UPDATE}, or a Java backfill's {@code WHERE}
	 * @param java whether a Java backfill declared on the node runs the job
	 */
	record Row(BackfillJob job, String updateSql, int updateLine, List<String> keyColumns, List<String> keyTypes,
			boolean java) {

	}

}
