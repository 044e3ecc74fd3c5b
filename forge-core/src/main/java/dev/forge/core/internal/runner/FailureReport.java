package dev.forge.core.internal.runner;

import java.sql.SQLException;
import java.util.List;

import dev.forge.core.internal.migration.MigrationScript;
import dev.forge.core.internal.script.SqlLexer;
import dev.forge.core.internal.script.SqlStatement;
import dev.forge.core.internal.script.Token;
import dev.forge.core.internal.script.TokenType;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns a failed statement into a message that names the migration, the file, the line and
 * PostgreSQL's own words.
 */
final class FailureReport {

	static final String LOCK_NOT_AVAILABLE = "55P03";

	/** SQLSTATE query_canceled, also given for a statement that ran into statement_timeout. */
	static final String QUERY_CANCELED = "57014";

	private static final String STATEMENT = "  Statement: ";

	/** Lines of a quoted statement kept before the rest is left out. */
	private static final int MAX_LINES = 20;

	/** Characters of one line of a quoted statement kept before the rest is left out. */
	private static final int MAX_LINE_LENGTH = 300;

	private FailureReport() {
	}

	/** Whether PostgreSQL cancelled the statement because it ran longer than {@code statement_timeout}. */
	static boolean isStatementTimeout(SQLException ex) {
		return QUERY_CANCELED.equals(ex.getSQLState()) && ex.getMessage() != null
				&& ex.getMessage().contains("statement timeout");
	}

	static boolean isLockTimeout(SQLException ex) {
		return LOCK_NOT_AVAILABLE.equals(ex.getSQLState());
	}

	/** The line of the failing token when PostgreSQL reports a position, else of the statement. */
	static int line(SqlStatement statement, SQLException ex) {
		ServerErrorMessage server = serverMessage(ex);
		int position = (server != null) ? server.getPosition() : 0;
		String sql = statement.sql();
		if (position <= 0 || position > sql.length() + 1) {
			return statement.line();
		}
		int line = statement.line();
		for (int i = 0; i < position - 1; i++) {
			char c = sql.charAt(i);
			if (c == '\n' || (c == '\r' && (i + 1 >= sql.length() || sql.charAt(i + 1) != '\n'))) {
				line++;
			}
		}
		return line;
	}

	static String postgresMessage(SQLException ex) {
		ServerErrorMessage server = serverMessage(ex);
		if (server == null) {
			return ex.getMessage();
		}
		StringBuilder message = new StringBuilder();
		message.append(server.getSeverity()).append(": ").append(server.getMessage());
		if (server.getSQLState() != null) {
			message.append(" (SQL state ").append(server.getSQLState()).append(')');
		}
		if (server.getDetail() != null) {
			message.append("\n  Detail: ").append(server.getDetail());
		}
		if (server.getHint() != null) {
			message.append("\n  Hint: ").append(server.getHint());
		}
		return message.toString();
	}

	static String describe(MigrationScript script, String section, SqlStatement statement, SQLException ex) {
		return "Migration " + script.name() + " failed in its " + section + " section at " + script.location()
				+ ", line " + line(statement, ex) + ":\n  " + postgresMessage(ex) + "\n" + quote(statement);
	}

	/**
	 * Quotes a failed statement for a message, {@code "  Statement: "} and the statement as
	 * it is written: flattened onto one line, a {@code --} comment would seem to comment out
	 * the rest. The lines after the first are indented to line up under it; the first 20
	 * lines are kept, each up to 300 characters, and {@code ...} marks what is left out.
	 */
	static String quote(SqlStatement statement) {
		String indent = " ".repeat(STATEMENT.length());
		List<String> lines = statement.sql().strip().lines().map(String::stripTrailing).toList();
		StringBuilder quoted = new StringBuilder(STATEMENT);
		for (int i = 0; i < Math.min(lines.size(), MAX_LINES); i++) {
			String line = lines.get(i);
			quoted.append((i > 0) ? "\n" + indent : "")
				.append((line.length() > MAX_LINE_LENGTH) ? line.substring(0, MAX_LINE_LENGTH - 3) + "..." : line);
		}
		if (lines.size() > MAX_LINES) {
			quoted.append('\n').append(indent).append("...");
		}
		return quoted.toString();
	}

	/**
	 * One line for a list of findings: the statement flattened, cut at 300 characters. Its
	 * comments are left out, since a {@code --} comment on one line would seem to comment out
	 * the rest.
	 */
	static String abbreviate(String sql) {
		String code = sql;
		if (sql.contains("--") || sql.contains("/*")) {
			StringBuilder text = new StringBuilder();
			for (Token token : SqlLexer.tokenize(sql)) {
				boolean comment = token.type() == TokenType.LINE_COMMENT || token.type() == TokenType.BLOCK_COMMENT;
				text.append(comment ? " " : token.text());
			}
			code = text.toString();
		}
		String oneLine = code.strip().replaceAll("\\s+", " ");
		return (oneLine.length() > 300) ? oneLine.substring(0, 297) + "..." : oneLine;
	}

	private static ServerErrorMessage serverMessage(SQLException ex) {
		return (ex instanceof PSQLException psql) ? psql.getServerErrorMessage() : null;
	}

}
