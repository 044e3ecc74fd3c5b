package dev.forge.core.internal.backfill;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.forge.core.BackfillReview;
import dev.forge.core.BackfillReview.RowCount;
import dev.forge.core.BackfillSettings;
import dev.forge.core.internal.migration.BackfillOptions;
import dev.forge.core.internal.migration.BackfillUpdate;
import dev.forge.core.internal.migration.LockTimeouts;
import dev.forge.core.internal.migration.MigrationScript;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reviews a pending backfill file for {@code plan}: its table and key, and the rows its
 * {@code UPDATE} will touch, counted on a small table and estimated by the planner on a large
 * one, so that a review never scans a large table. Every query runs in a transaction of its
 * own that is rolled back, under the configured lock timeout and a statement timeout, so that
 * a table locked by a running migration, or a costly predicate, delays the review by at most
 * that long.
 */
public final class BackfillReviewer {

	private static final Logger logger = LoggerFactory.getLogger(BackfillReviewer.class);

	/** Tables with fewer rows than this, by the planner's estimate, are counted exactly. */
	static final long EXACT_COUNT_BELOW = 10_000;

	/** The longest a review's count may take; a predicate with a costly subquery is estimated instead. */
	private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(10);

	private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*([0-9.eE+]+)");

	private final Duration lockTimeout;

	/**
	 * Creates a reviewer.
	 * @param lockTimeout the configured lock timeout, of batches whose file sets none and of
	 * the review's own queries
	 */
	public BackfillReviewer(Duration lockTimeout) {
		this.lockTimeout = lockTimeout;
	}

	/**
	 * Reviews a backfill file against the live database.
	 * @param connection a connection in auto-commit mode
	 * @param script a file with {@code -- forge:backfill}
	 * @return the review
	 * @throws SQLException on database errors other than a predicate that cannot be evaluated
	 * yet or a lock that is not granted in time
	 */
	public BackfillReview review(Connection connection, MigrationScript script) throws SQLException {
		BackfillUpdate update = BackfillUpdate.of(script.location(), script.directives().directiveLine(),
				script.up());
		BackfillOptions options = (script.directives().backfill() != null) ? script.directives().backfill()
				: BackfillOptions.DEFAULTS;
		Optional<TableKey> key = TableKey.of(connection, update.table());
		List<String> keyColumns = key.map(TableKey::columns).orElse(List.of());
		long rows = 0;
		RowCount rowCount = RowCount.NO_TABLE;
		if (key.isPresent()) {
			String target = update.table() + ((update.alias() != null) ? " AS " + update.alias() : "");
			Long tableRows = planRows(connection, "SELECT 1 FROM " + target);
			Long matching = null;
			if (tableRows != null && tableRows < EXACT_COUNT_BELOW) {
				matching = count(connection, "SELECT count(*) FROM " + target + " WHERE (" + update.predicate() + ")");
				rowCount = RowCount.COUNTED;
			}
			if (matching == null && tableRows != null) {
				matching = planRows(connection, "SELECT 1 FROM " + target + " WHERE (" + update.predicate() + ")");
				rowCount = RowCount.ESTIMATED;
			}
			if (matching != null) {
				rows = matching;
			}
			else {
				rows = (tableRows != null) ? tableRows : key.get().estimatedRows();
				rowCount = RowCount.WHOLE_TABLE;
			}
		}
		return new BackfillReview(update.table(), keyColumns, update.set(), update.predicate(), rows, rowCount,
				options.batchSize(), BackfillSettings.DEFAULTS.targetBatchDuration(),
				options.lockTimeoutOr(this.lockTimeout), options.pause(), options.maxRowsPerSecond());
	}

	/** The planner's row estimate of a query, or {@code null} when it cannot be planned now. */
	private @Nullable Long planRows(Connection connection, String query) throws SQLException {
		String plan = readOne(connection, "EXPLAIN (FORMAT JSON) " + query);
		if (plan == null) {
			return null;
		}
		Matcher matcher = PLAN_ROWS.matcher(plan);
		return matcher.find() ? Math.round(Double.parseDouble(matcher.group(1))) : null;
	}

	private @Nullable Long count(Connection connection, String query) throws SQLException {
		String count = readOne(connection, query);
		return (count != null) ? Long.valueOf(count) : null;
	}

	/**
	 * Reads the first column of the first row of a query, in a transaction that is rolled
	 * back; {@code null} when the query fails, e.g. on a column that an earlier pending file
	 * adds, or when the table is locked for longer than the lock timeout.
	 */
	private @Nullable String readOne(Connection connection, String query) throws SQLException {
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET LOCAL lock_timeout = '" + LockTimeouts.format(this.lockTimeout) + "'");
			statement.execute("SET LOCAL statement_timeout = '" + LockTimeouts.format(STATEMENT_TIMEOUT) + "'");
			try (ResultSet result = statement.executeQuery(query)) {
				return result.next() ? result.getString(1) : null;
			}
		}
		catch (SQLException ex) {
			if (connection.isClosed()) {
				throw ex;
			}
			logger.debug("Cannot evaluate {} for the backfill review: {}", query, ex.getMessage());
			return null;
		}
		finally {
			connection.rollback();
			connection.setAutoCommit(true);
		}
	}

}
