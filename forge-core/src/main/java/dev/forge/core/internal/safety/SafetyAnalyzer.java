package dev.forge.core.internal.safety;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.forge.core.Finding;
import dev.forge.core.LockLevel;
import dev.forge.core.SafetyClass;
import dev.forge.core.internal.migration.MigrationScript;
import dev.forge.core.internal.script.SqlSplitter;
import dev.forge.core.internal.script.SqlStatement;
import dev.forge.core.internal.script.Token;
import org.jspecify.annotations.Nullable;

import static dev.forge.core.SafetyClass.NOT_ANALYSED;
import static dev.forge.core.SafetyClass.SAFE;

/**
 * Reads the statements of a migration and says, for each operation, what it means for a
 * database that keeps serving the old code while the migration runs: the
 * {@link SafetyClass class} of section 6 of FORGE's design, the {@link LockLevel lock}
 * PostgreSQL takes, whether the table is scanned or rewritten, and the safe alternative.
 * <p>
 * The analysis works on the lexer's tokens, so text inside strings, comments and
 * dollar-quoted bodies is never read as DDL. It knows the DDL that matters for rolling
 * deployments ({@code ALTER TABLE} and its sub-commands, indexes, constraints, drops,
 * renames, type changes, {@code TRUNCATE}, unqualified {@code UPDATE} and {@code DELETE}) and
 * the harmless statements; anything else is reported {@link SafetyClass#NOT_ANALYSED}, never
 * silently safe. Operations on a table created earlier in the same section are safe.
 * <p>
 * It is version-aware (a constant default rewrites the table only before PostgreSQL 11) and
 * type-aware through {@link ColumnTypes} (widening {@code varchar} or {@code numeric}
 * changes only the catalog). Immutable and thread-safe.
 */
public final class SafetyAnalyzer {

	/** The server version assumed when none is given: PostgreSQL 14.0. */
	public static final int DEFAULT_SERVER_VERSION = 140000;

	private final int serverVersionNum;

	private final ColumnTypes columnTypes;

	private final @Nullable Duration statementTimeout;

	/**
	 * Creates an analyser for a server, knowing no column types.
	 * @param serverVersionNum the server's {@code server_version_num}, e.g. {@code 150004}
	 */
	public SafetyAnalyzer(int serverVersionNum) {
		this(serverVersionNum, ColumnTypes.unknown());
	}

	/**
	 * Creates an analyser for a server.
	 * @param serverVersionNum the server's {@code server_version_num}, e.g. {@code 150004}
	 * @param columnTypes the current types of existing columns
	 */
	public SafetyAnalyzer(int serverVersionNum, ColumnTypes columnTypes) {
		this(serverVersionNum, columnTypes, null);
	}

	private SafetyAnalyzer(int serverVersionNum, ColumnTypes columnTypes, @Nullable Duration statementTimeout) {
		this.serverVersionNum = serverVersionNum;
		this.columnTypes = Objects.requireNonNull(columnTypes, "columnTypes");
		this.statementTimeout = statementTimeout;
	}

	/**
	 * Returns the server version the analysis is for.
	 * @return the {@code server_version_num}
	 */
	public int serverVersionNum() {
		return this.serverVersionNum;
	}

	/**
	 * Returns an analyser for the same server with other column types.
	 * @param columnTypes the column types
	 * @return the analyser
	 */
	public SafetyAnalyzer withColumnTypes(ColumnTypes columnTypes) {
		return new SafetyAnalyzer(this.serverVersionNum, columnTypes, this.statementTimeout);
	}

	/**
	 * Returns an analyser that knows the configured statement timeout, and reports a
	 * statement that holds a blocking lock while it scans or rewrites a table when neither
	 * that timeout, the file's {@code -- forge:statement-timeout} nor an earlier
	 * {@code SET statement_timeout} bounds it. An analyser without it does not check.
	 * @param statementTimeout the configured timeout; zero for none
	 * @return the analyser
	 */
	public SafetyAnalyzer withStatementTimeout(Duration statementTimeout) {
		return new SafetyAnalyzer(this.serverVersionNum, this.columnTypes, statementTimeout);
	}

	/**
	 * Analyses the Up section of a migration.
	 * @param script the migration
	 * @return the findings, in statement order
	 */
	public List<Finding> analyzeUp(MigrationScript script) {
		return analyze(script.up(), Section.UP, !script.upRunsWithoutTransaction(),
				script.directives().statementTimeout() != null, script.directives().backfill() != null);
	}

	/**
	 * Analyses the Down section of a migration: what a rollback does. The Down of an added
	 * column drops data; the Down of {@code SET NOT NULL} drops a guarantee.
	 * @param script the migration
	 * @return the findings, in statement order; empty without a Down section
	 */
	public List<Finding> analyzeDown(MigrationScript script) {
		return analyze(script.down(), Section.DOWN, !script.downRunsWithoutTransaction(),
				script.directives().statementTimeout() != null, false);
	}

	/**
	 * Analyses SQL as the Up section of a transactional migration.
	 * @param sql one or more statements
	 * @return the findings, in statement order
	 */
	public List<Finding> analyze(String sql) {
		return analyze(SqlSplitter.split(sql).stream().filter((statement) -> !statement.isEmpty()).toList(),
				Section.UP, true);
	}

	/**
	 * Analyses the statements of one section.
	 * @param statements the statements, in order
	 * @param section which section they are
	 * @param transactional whether they run in one transaction (then a lock taken by one
	 * statement is held until the last one is done)
	 * @return the findings, in statement order; at least one for every statement
	 */
	public List<Finding> analyze(List<SqlStatement> statements, Section section, boolean transactional) {
		return analyze(statements, section, transactional, false, false);
	}

	private List<Finding> analyze(List<SqlStatement> statements, Section section, boolean transactional,
			boolean fileSetsStatementTimeout, boolean backfill) {
		AnalysisContext context = new AnalysisContext(this.serverVersionNum, section, transactional,
				this.columnTypes);
		if (backfill) {
			context.runsInBatches();
		}
		StatementTimeoutRule timeout = (this.statementTimeout != null)
				? new StatementTimeoutRule(!this.statementTimeout.isZero() || fileSetsStatementTimeout) : null;
		List<Finding> findings = new ArrayList<>();
		for (SqlStatement statement : statements) {
			if (statement.isEmpty()) {
				continue;
			}
			FindingCollector out = new FindingCollector(statement, context);
			List<Token> tokens = statement.significantTokens();
			analyzeStatement(new TokenCursor(tokens), context, out);
			if (out.isEmpty()) {
				out.add(NOT_ANALYSED, "?", "").reason("FORGE could not read this statement.");
			}
			if (timeout != null) {
				timeout.check(statement, context, out);
			}
			findings.addAll(out.findings());
			context.learn(tokens);
		}
		// a transaction is seen by others only at commit: what it drops and creates again never goes missing
		return List.copyOf(transactional ? context.endState().judge(findings) : findings);
	}

	private static void analyzeStatement(TokenCursor cursor, AnalysisContext context, FindingCollector out) {
		String word = cursor.peekWord();
		cursor.next();
		switch (word) {
			case "CREATE" -> CreateRules.analyze(cursor, context, out);
			case "ALTER" -> alter(cursor, context, out);
			case "DROP" -> DropRules.analyze(cursor, context, out);
			case "TRUNCATE" -> DataRules.truncate(cursor, out);
			case "UPDATE" -> DataRules.update(cursor, context, out);
			case "DELETE" -> DataRules.delete(cursor, context, out);
			case "INSERT" -> DataRules.insert(cursor, out);
			case "SELECT", "VALUES", "TABLE" -> DataRules.select(cursor, out);
			case "SET" -> UtilityRules.set(cursor, context, out);
			case "LOCK" -> UtilityRules.lock(cursor, out);
			case "VACUUM" -> UtilityRules.vacuum(cursor, out);
			case "CLUSTER" -> UtilityRules.cluster(out);
			case "REINDEX" -> UtilityRules.reindex(cursor, out);
			case "REFRESH" -> UtilityRules.refresh(cursor, out);
			case "COMMENT" -> UtilityRules.comment(cursor, out);
			case "ANALYZE", "ANALYSE" -> out.add(SAFE, "ANALYZE", "")
				.lock(LockLevel.SHARE_UPDATE_EXCLUSIVE)
				.reason("Statistics are gathered while reads and writes go on.");
			case "RESET" -> UtilityRules.reset(cursor, context, out);
			case "SHOW", "DISCARD" -> UtilityRules.harmless(word, "A session setting.", out);
			case "GRANT", "REVOKE" -> UtilityRules.harmless(word, "Only privileges change.", out);
			case "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "ABORT" ->
				UtilityRules.transactionControl(word, out);
			case "DO", "CALL", "WITH", "MERGE", "COPY", "EXECUTE", "PREPARE" -> UtilityRules.code(word, out);
			default -> out.add(NOT_ANALYSED, word.isEmpty() ? "?" : word, "")
				.reason("FORGE does not analyse " + (word.isEmpty() ? "this statement" : word) + " statements.");
		}
	}

	private static void alter(TokenCursor cursor, AnalysisContext context, FindingCollector out) {
		String kind = cursor.peekWord();
		cursor.next();
		if (kind.equals("TABLE")) {
			AlterTableRules.analyze(cursor, context, out);
		}
		else {
			AlterObjectRules.analyze(kind, cursor, context, out);
		}
	}

}
