package dev.forge.core.internal.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.forge.core.ForgeException;
import dev.forge.core.internal.schema.Identifiers;
import dev.forge.core.internal.schema.Relations;
import org.jspecify.annotations.Nullable;

/**
 * The history table, {@code forge_migrations} by default: one row per applied migration
 * (and per no-transaction migration that failed part-way, so that it can resume).
 */
public final class SchemaHistory {

	private static final String UNDEFINED_TABLE = "42P01";

	private static final String INSUFFICIENT_PRIVILEGE = "42501";

	private final String schema;

	private final String table;

	private final String qualified;

	private final Supplier<String> host;

	/**
	 * Creates the history of a table.
	 * @param schema the schema that holds it
	 * @param table the table's name
	 * @param host the name of this node, recorded with the database user in {@code applied_by},
	 * asked for only when a row is written
	 */
	public SchemaHistory(String schema, String table, Supplier<String> host) {
		this.schema = schema;
		this.table = table;
		this.host = host;
		this.qualified = Identifiers.quote(schema) + "." + Identifiers.quote(table);
	}

	/**
	 * Returns the table's name, schema-qualified and quoted where needed.
	 * @return the qualified name
	 */
	public String qualifiedName() {
		return this.qualified;
	}

	public String schema() {
		return this.schema;
	}

	public String table() {
		return this.table;
	}

	/**
	 * Returns whether the table exists.
	 * @param connection the connection
	 * @return {@code true} if it exists
	 * @throws SQLException on database errors
	 */
	public boolean exists(Connection connection) throws SQLException {
		return Relations.exists(connection, this.qualified);
	}

	/**
	 * Creates the schema and the table unless they exist, in one transaction: a failure
	 * leaves neither behind. Call while holding the cluster lock, so that two nodes never
	 * race to create it. A missing schema is created, as Flyway does; a role that may not
	 * create it or the table gets a message naming both and the privilege it lacks.
	 * @param connection a connection in autocommit mode
	 * @throws SQLException on database errors
	 * @throws ForgeException when the role lacks the privilege to create the schema or table
	 */
	public void createIfMissing(Connection connection) throws SQLException {
		if (exists(connection)) {
			addNoteColumn(connection);
			return;
		}
		boolean schemaExists = schemaExists(connection);
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			if (!schemaExists) {
				statement.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(this.schema));
			}
			statement.execute("CREATE TABLE IF NOT EXISTS " + this.qualified + " (\n"
					+ "    name text PRIMARY KEY,\n"
					+ "    checksum text NOT NULL,\n"
					+ "    applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),\n"
					+ "    execution_ms bigint NOT NULL,\n"
					+ "    applied_by text NOT NULL,\n"
					+ "    success boolean NOT NULL DEFAULT true,\n"
					+ "    statements_done integer,\n"
					+ "    note text\n"
					+ ")");
			statement.execute("COMMENT ON TABLE " + this.qualified + " IS 'Applied migrations, kept by FORGE'");
			connection.commit();
		}
		catch (SQLException ex) {
			connection.rollback();
			if (INSUFFICIENT_PRIVILEGE.equals(ex.getSQLState())) {
				throw missingPrivilege(connection, schemaExists, ex);
			}
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	private boolean schemaExists(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = ?)")) {
			statement.setString(1, this.schema);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	private ForgeException missingPrivilege(Connection connection, boolean schemaExists, SQLException ex)
			throws SQLException {
		String role;
		String database;
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_user, current_database()")) {
			result.next();
			role = result.getString(1);
			database = result.getString(2);
		}
		String grant = schemaExists ? "GRANT CREATE ON SCHEMA " + Identifiers.quote(this.schema)
				: "GRANT CREATE ON DATABASE " + Identifiers.quote(database);
		String lacking = schemaExists ? "the CREATE privilege on schema [" + this.schema + "]"
				: "the CREATE privilege on database [" + database + "], needed to create the missing schema ["
						+ this.schema + "]";
		String reason = ex.getMessage().lines().findFirst().orElse("");
		return new ForgeException("Could not create the history table [" + this.schema + "." + this.table
				+ "]: role [" + role + "] lacks " + lacking + " (" + reason + "). " + grant + " TO "
				+ Identifiers.quote(role) + ", create the table as a role that may, or configure a schema this role"
				+ " may create tables in.", ex);
	}

	/**
	 * Explains the error of a role that may not use the history table's schema, for which
	 * PostgreSQL says only "permission denied for schema", on whatever statement touched the
	 * table first: names the table, the role and the grant that fixes it.
	 * @param connection the connection the error happened on
	 * @param ex the error
	 * @return the explanation, or {@code null} for any other error
	 */
	public @Nullable ForgeException missingUsage(Connection connection, SQLException ex) {
		String reason = String.valueOf(ex.getMessage()).lines().findFirst().orElse("");
		if (!INSUFFICIENT_PRIVILEGE.equals(ex.getSQLState())
				|| !reason.endsWith("permission denied for schema " + this.schema)) {
			return null;
		}
		String role = "the role";
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT current_user, has_schema_privilege(?, 'USAGE')")) {
			role = connection.getMetaData().getUserName();
			statement.setString(1, this.schema);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				role = result.getString(1);
				if (result.getBoolean(2)) {
					return null;
				}
			}
		}
		catch (SQLException unanswered) {
			// a connection whose transaction failed cannot ask; the error named the schema
		}
		return new ForgeException("Could not use the history table [" + this.schema + "." + this.table + "]: role ["
				+ role + "] lacks the USAGE privilege on schema [" + this.schema + "] (" + reason + "). GRANT USAGE ON"
				+ " SCHEMA " + Identifiers.quote(this.schema) + " TO " + Identifiers.quote(role) + ", or configure a"
				+ " schema this role may use.", ex);
	}

	/**
	 * Reads every row, oldest first.
	 * @param connection the connection
	 * @return the rows, empty if the table does not exist
	 * @throws SQLException on database errors
	 */
	public List<AppliedMigration> load(Connection connection) throws SQLException {
		if (!connection.getAutoCommit()) {
			// a failed statement would end the caller's transaction
			return exists(connection) ? loadExisting(connection) : List.of();
		}
		return unlessMissing(() -> loadExisting(connection), List.of());
	}

	/**
	 * Reads the name and checksum of every row: all that the check on every start needs,
	 * whether anything is left to apply. A failed run's row maps to {@code null}.
	 * @param connection a connection in autocommit mode
	 * @return checksum by migration name, or nothing if the table does not exist
	 * @throws SQLException on database errors
	 */
	public Optional<Map<String, @Nullable String>> checksums(Connection connection) throws SQLException {
		return recorded(connection).map(Recorded::checksums);
	}

	/**
	 * Reads the name and checksum of every row, and whether the table has every column of
	 * this version, in one round trip.
	 * @param connection a connection in autocommit mode
	 * @return what is recorded, or nothing if the table does not exist
	 * @throws SQLException on database errors
	 */
	public Optional<Recorded> recorded(Connection connection) throws SQLException {
		return unlessMissing(() -> {
			Map<String, @Nullable String> checksums = new HashMap<>();
			boolean current = false;
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT name, CASE WHEN success THEN checksum END,"
							+ " forge_columns.current FROM (SELECT EXISTS (SELECT FROM pg_attribute"
							+ " WHERE attrelid = to_regclass('" + this.qualified.replace("'", "''") + "')"
							+ " AND attname = 'note' AND NOT attisdropped) AS current) AS forge_columns"
							+ " LEFT JOIN " + this.qualified + " ON true")) {
				while (result.next()) {
					current = result.getBoolean(3);
					if (result.getString(1) != null) {
						checksums.put(result.getString(1), result.getString(2));
					}
				}
			}
			return Optional.of(new Recorded(checksums, current));
		}, Optional.empty());
	}

	/**
	 * The names and checksums of the history's rows.
	 *
	 * @param checksums checksum by migration name, {@code null} for a failed run
	 * @param current whether the table has every column of this version ({@code note}), or
	 * needs {@link #createIfMissing} to add them
	 */
	public record Recorded(Map<String, @Nullable String> checksums, boolean current) {

	}

	/**
	 * Runs a read of the table in autocommit mode, or gives {@code missing} when the table
	 * does not exist: one round trip on every start, since the table is missing only before
	 * the first apply.
	 */
	private static <T> T unlessMissing(Read<T> read, T missing) throws SQLException {
		try {
			return read.run();
		}
		catch (SQLException ex) {
			if (UNDEFINED_TABLE.equals(ex.getSQLState())) {
				return missing;
			}
			throw ex;
		}
	}

	@FunctionalInterface
	private interface Read<T> {

		T run() throws SQLException;

	}

	/**
	 * Reads every row of a table known to exist, such as after {@link #createIfMissing},
	 * oldest first.
	 * @param connection the connection
	 * @return the rows
	 * @throws SQLException on database errors
	 */
	public List<AppliedMigration> loadExisting(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(selectAllStatement())) {
			return rows(result);
		}
	}

	/**
	 * Returns the query that reads every row, oldest first, for sending together with other
	 * statements; {@link #rows} reads its answer.
	 * @return the query
	 */
	public String selectAllStatement() {
		// the note is read through the row's JSON, so that a table created before it had one reads too
		return "SELECT name, checksum, applied_at, execution_ms, applied_by, success, statements_done,"
				+ " to_jsonb(forge_history) ->> 'note' FROM " + this.qualified + " AS forge_history"
				+ " ORDER BY applied_at, name";
	}

	/**
	 * Reads the answer of {@link #selectAllStatement()}.
	 * @param result the answer
	 * @return the rows
	 * @throws SQLException on database errors
	 */
	public List<AppliedMigration> rows(ResultSet result) throws SQLException {
		List<AppliedMigration> rows = new ArrayList<>();
		while (result.next()) {
			int done = result.getInt(7);
			rows.add(new AppliedMigration(result.getString(1), result.getString(2),
					result.getObject(3, OffsetDateTime.class).toInstant(), result.getLong(4), result.getString(5),
					result.getBoolean(6), result.wasNull() ? null : done, result.getString(8)));
		}
		return rows;
	}

	/**
	 * Records a migration as applied, replacing a failed run's row.
	 * @param connection the connection, inside the migration's transaction when it has one
	 * @param name the migration's name
	 * @param checksum its checksum
	 * @param executionMillis how long it took
	 * @throws SQLException on database errors
	 */
	public void recordSuccess(Connection connection, String name, String checksum, long executionMillis)
			throws SQLException {
		upsert(connection, name, checksum, executionMillis, true, null);
	}

	/**
	 * Records a migration as applied, with a note on how, in a table that has the note
	 * column ({@link #createIfMissing} adds it).
	 * @param connection the connection, inside the migration's transaction
	 * @param name the migration's name
	 * @param checksum its checksum
	 * @param executionMillis how long it took
	 * @param note e.g. that it was applied automatically and why that was safe
	 * @throws SQLException on database errors
	 */
	public void recordSuccess(Connection connection, String name, String checksum, long executionMillis,
			String note) throws SQLException {
		upsert(connection, name, checksum, executionMillis, true, null);
		try (PreparedStatement statement = connection
			.prepareStatement("UPDATE " + this.qualified + " SET note = ? WHERE name = ?")) {
			statement.setString(1, note);
			statement.setString(2, name);
			statement.executeUpdate();
		}
	}

	/**
	 * Records a migration that was applied by other means (a baseline, or another tool) and
	 * must never run, with when, by whom and how, in a table that has the note column.
	 * @param connection the connection, inside the caller's transaction
	 * @param name the migration's name
	 * @param checksum its checksum
	 * @param appliedAt when its changes were made, or {@code null} for now
	 * @param executionMillis how long they took
	 * @param appliedBy who made them, or {@code null} for this role and node
	 * @param note how the migration came to be recorded
	 * @throws SQLException on database errors, such as a row of that name
	 */
	public void recordAdopted(Connection connection, String name, String checksum, @Nullable Instant appliedAt,
			long executionMillis, @Nullable String appliedBy, String note) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + this.qualified
				+ " (name, checksum, applied_at, execution_ms, applied_by, success, note)"
				+ " VALUES (?, ?, coalesce(?, clock_timestamp()), ?, coalesce(?, current_user || '@' || ?), true, ?)")) {
			statement.setString(1, name);
			statement.setString(2, checksum);
			statement.setObject(3, (appliedAt != null) ? OffsetDateTime.ofInstant(appliedAt, ZoneOffset.UTC) : null,
					java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
			statement.setLong(4, executionMillis);
			statement.setString(5, appliedBy);
			statement.setString(6, this.host.get());
			statement.setString(7, note);
			statement.executeUpdate();
		}
	}

	/**
	 * Returns whether the table has the {@code note} column, which tables created by earlier
	 * versions lack until {@link #createIfMissing} adds it.
	 */
	private boolean hasNoteColumn(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT EXISTS (SELECT FROM pg_attribute"
				+ " WHERE attrelid = to_regclass(?) AND attname = 'note' AND NOT attisdropped)")) {
			statement.setString(1, this.qualified);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	/**
	 * Adds the {@code note} column to a table created before it had one. Called under the
	 * cluster lock, whose transaction has not read the table: its lock would block the
	 * {@code ALTER TABLE}.
	 */
	private void addNoteColumn(Connection connection) throws SQLException {
		if (!hasNoteColumn(connection)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("ALTER TABLE " + this.qualified + " ADD COLUMN IF NOT EXISTS note text");
			}
		}
	}

	/**
	 * Records the progress of a no-transaction migration: it is {@code FAILED} until
	 * {@link #recordSuccess} replaces the row.
	 * @param connection the connection
	 * @param name the migration's name
	 * @param checksum its checksum
	 * @param executionMillis how long it has taken so far
	 * @param statementsDone how many of its statements took effect
	 * @throws SQLException on database errors
	 */
	public void recordProgress(Connection connection, String name, String checksum, long executionMillis,
			int statementsDone) throws SQLException {
		upsert(connection, name, checksum, executionMillis, false, statementsDone);
	}

	private void upsert(Connection connection, String name, String checksum, long executionMillis, boolean success,
			Integer statementsDone) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + this.qualified
				+ " (name, checksum, execution_ms, applied_by, success, statements_done)"
				+ " VALUES (?, ?, ?, current_user || '@' || ?, ?, ?)"
				+ " ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = clock_timestamp(),"
				+ " execution_ms = EXCLUDED.execution_ms, applied_by = EXCLUDED.applied_by,"
				+ " success = EXCLUDED.success, statements_done = EXCLUDED.statements_done")) {
			statement.setString(1, name);
			statement.setString(2, checksum);
			statement.setLong(3, executionMillis);
			statement.setString(4, this.host.get());
			statement.setBoolean(5, success);
			statement.setObject(6, statementsDone, java.sql.Types.INTEGER);
			statement.executeUpdate();
		}
	}

	/**
	 * Removes a row.
	 * @param connection the connection
	 * @param name the migration's name
	 * @return whether there was such a row
	 * @throws SQLException on database errors
	 */
	public boolean delete(Connection connection, String name) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("DELETE FROM " + this.qualified + " WHERE name = ?")) {
			statement.setString(1, name);
			return statement.executeUpdate() > 0;
		}
	}

	/**
	 * Replaces a row's checksum.
	 * @param connection the connection
	 * @param name the migration's name
	 * @param checksum the new checksum
	 * @throws SQLException on database errors
	 */
	public void updateChecksum(Connection connection, String name, String checksum) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("UPDATE " + this.qualified + " SET checksum = ? WHERE name = ?")) {
			statement.setString(1, checksum);
			statement.setString(2, name);
			statement.executeUpdate();
		}
	}

}
