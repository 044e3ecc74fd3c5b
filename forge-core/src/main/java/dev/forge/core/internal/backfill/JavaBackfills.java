package dev.forge.core.internal.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.forge.core.BackfillJob;
import dev.forge.core.ForgeException;
import dev.forge.core.JavaBackfill;
import dev.forge.core.JobStatus;
import dev.forge.core.internal.migration.BackfillOptions;
import dev.forge.core.internal.migration.LockTimeouts;
import dev.forge.core.internal.script.SqlSplitter;
import dev.forge.core.internal.script.SqlSyntaxException;

/**
 * The Java backfills a node declares, and their start: every check against the live table
 * runs before the job is registered, so a bad declaration changes no row.
 */
final class JavaBackfills {

	/** How the location of a Java job starts; the rest is its name. */
	static final String LOCATION = "JavaBackfill ";

	private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*(\\d+)");

	private final Map<String, JavaBackfill> declared = new LinkedHashMap<>();

	private final JobStore jobs;

	JavaBackfills(List<JavaBackfill> backfills, JobStore jobs) {
		this.jobs = jobs;
		backfills.stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach((backfill) -> {
			if (this.declared.putIfAbsent(backfill.name(), backfill) != null) {
				throw new ForgeException("Two Java backfills are named " + backfill.name() + ": "
						+ this.declared.get(backfill.name()) + " and " + backfill + "; each job needs its own name");
			}
		});
	}

	List<JavaBackfill> all() {
		return List.copyOf(this.declared.values());
	}

	Optional<JavaBackfill> find(String name) {
		return Optional.ofNullable(this.declared.get(name));
	}

	String notDeclared(String name) {
		return "No Java backfill named " + name + " is declared on this node ("
				+ (this.declared.isEmpty() ? "it declares none"
						: "it declares " + String.join(", ", this.declared.keySet()))
				+ "): add a JavaBackfill bean named " + name + " (JavaBackfill.named(\"" + name + "\"))";
	}

	/**
	 * Checks a backfill against its table and registers its job, under a lock that keeps two
	 * nodes from starting it at once.
	 */
	BackfillJob start(Connection connection, JavaBackfill backfill) throws SQLException {
		connection.setAutoCommit(false);
		try {
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
				statement.setString(1, this.jobs.qualifiedName());
				statement.execute();
			}
			TableKey key = check(connection, backfill);
			long estimate = estimate(connection, backfill);
			this.jobs.createIfMissing(connection);
			refuseRestart(connection, backfill);
			BackfillOptions options = options(backfill);
			if (!this.jobs.registerJava(connection, backfill.name(), LOCATION + backfill.name(), backfill.where(),
					backfill.table(), key.columns(), key.types(), options.text(), options.batchSize(), estimate)) {
				refuseRestart(connection, backfill);
			}
			connection.commit();
			return this.jobs.find(connection, backfill.name()).orElseThrow();
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	private static TableKey check(Connection connection, JavaBackfill backfill) throws SQLException {
		String name = backfill.name();
		String table = backfill.table();
		TableKey key = TableKey.of(connection, table)
			.orElseThrow(() -> new ForgeException("Java backfill " + name + " updates table " + table
					+ ", which does not exist: add it in a migration first, or correct update(\"" + table + "\")"));
		if (key.columns().isEmpty()) {
			throw new ForgeException("Java backfill " + name + " updates table " + table + ", which has no primary key:"
					+ " a backfill runs in batches keyed on it, so that no row is updated twice. Add a primary key in"
					+ " a migration first");
		}
		Map<String, String> columns = columns(connection, table);
		for (String column : backfill.reads()) {
			if (!columns.containsKey(column)) {
				throw new ForgeException("Java backfill " + name + " reads column '" + column + "', which table "
						+ table + " does not have (its columns: " + String.join(", ", columns.keySet()) + ")");
			}
		}
		return key;
	}

	/** Checks the {@code WHERE} by planning it, which runs nothing, and returns the planner's estimate. */
	private static long estimate(Connection connection, JavaBackfill backfill) throws SQLException {
		String query = "SELECT 1 FROM " + backfill.table() + " WHERE (" + backfill.where() + ")";
		String invalid = "Java backfill " + backfill.name() + ": where(\"" + backfill.where()
				+ "\") is not a valid SQL condition on table " + backfill.table() + ": ";
		try {
			if (SqlSplitter.split(query).size() != 1) {
				throw new ForgeException(invalid + "it holds more than one statement");
			}
		}
		catch (SqlSyntaxException ex) {
			throw new ForgeException(invalid + ex.getMessage());
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("SAVEPOINT forge_where");
			try (ResultSet result = statement.executeQuery("EXPLAIN (FORMAT JSON) " + query)) {
				result.next();
				Matcher rows = PLAN_ROWS.matcher(result.getString(1));
				return rows.find() ? Long.parseLong(rows.group(1)) : 0;
			}
			catch (SQLException ex) {
				statement.execute("ROLLBACK TO SAVEPOINT forge_where");
				throw new ForgeException(invalid + ex.getMessage());
			}
		}
	}

	private void refuseRestart(Connection connection, JavaBackfill backfill) throws SQLException {
		String name = backfill.name();
		Optional<JobStore.Row> existing = this.jobs.read(connection, name);
		if (existing.isEmpty()) {
			return;
		}
		BackfillJob job = existing.get().job();
		if (!existing.get().java()) {
			throw new ForgeException("Java backfill " + name + " has the name of the job of backfill file "
					+ job.location() + ": give the JavaBackfill another name");
		}
		String what = switch (job.status()) {
			case PENDING -> "it is already started and waits for a node that declares it to run it";
			case RUNNING -> "it is already running (" + job.progress() + "); pause or cancel it first";
			case PAUSED -> "resume it ('migrate jobs resume " + name + "') to continue where it"
					+ " stopped, or cancel it before starting it again";
			case FAILED -> "retry it ('migrate jobs retry " + name + "') to"
					+ " continue where it stopped once its cause is fixed (last error: " + job.lastError()
					+ "), or cancel it before starting it again";
			case DONE, CANCELLED -> null;
		};
		if (what != null) {
			throw new ForgeException(
					"Cannot start Java backfill " + name + ": its job is " + job.status() + "; " + what);
		}
	}

	/** The columns of a table and their types as {@code format_type} spells them, in column order. */
	static Map<String, String> columns(Connection connection, String table) throws SQLException {
		Map<String, String> columns = new LinkedHashMap<>();
		try (PreparedStatement statement = connection.prepareStatement("SELECT attname, format_type(atttypid,"
				+ " atttypmod) FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped"
				+ " ORDER BY attnum")) {
			statement.setString(1, table);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					columns.put(result.getString(1), result.getString(2));
				}
			}
		}
		return columns;
	}

	/** The backfill's options, as a backfill file's directive would give them. */
	static BackfillOptions options(JavaBackfill backfill) {
		return new BackfillOptions(
				(backfill.batchSize() != null) ? backfill.batchSize() : BackfillOptions.DEFAULTS.batchSize(),
				backfill.pause(), (backfill.maxRowsPerSecond() != null) ? backfill.maxRowsPerSecond() : 0,
				(backfill.lockTimeout() != null) ? LockTimeouts.format(backfill.lockTimeout()) : null);
	}

}
