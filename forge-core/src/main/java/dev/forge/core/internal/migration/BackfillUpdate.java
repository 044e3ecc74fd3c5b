package dev.forge.core.internal.migration;

import java.util.List;

import dev.forge.core.MigrationFileException;
import dev.forge.core.internal.script.SqlStatement;
import dev.forge.core.internal.script.Token;
import dev.forge.core.internal.script.TokenType;
import org.jspecify.annotations.Nullable;

/**
 * The Up section of a backfill file, {@code UPDATE <table> [[AS] alias] SET ... WHERE <rows
 * still to do>}, taken apart so that it can run in batches keyed on the table's primary key.
 *
 * @param table the table as written, possibly schema-qualified
 * @param alias the alias as written, or {@code null}
 * @param set the assignments after {@code SET}
 * @param predicate the condition after {@code WHERE}
 * @param sql the statement as written
 * @param line the statement's line in its file
 */
public record BackfillUpdate(String table, @Nullable String alias, String set, String predicate, String sql,
		int line) {

	/**
	 * Returns the name that qualifies the table's columns in the batch statement.
	 * @return the alias, or the table as written
	 */
	public String reference() {
		return (this.alias != null) ? this.alias : this.table;
	}

	/**
	 * Checks the Up section of a backfill file and takes its {@code UPDATE} apart.
	 * @param location the file, for messages
	 * @param directiveLine the line of {@code -- forge:backfill}, for a file without statements
	 * @param up the statements of the Up section
	 * @return the update
	 * @throws MigrationFileException when the section is not exactly one supported {@code UPDATE}
	 */
	public static BackfillUpdate of(String location, int directiveLine, List<SqlStatement> up) {
		if (up.isEmpty()) {
			throw new MigrationFileException(location, directiveLine, "a backfill file needs one statement in its Up"
					+ " section, 'UPDATE <table> SET ... WHERE <rows still to do>', and has none");
		}
		if (up.size() > 1) {
			throw new MigrationFileException(location, up.get(1).line(), "a backfill file holds exactly one statement,"
					+ " 'UPDATE <table> SET ... WHERE <rows still to do>'; this is a second one (the UPDATE is on line "
					+ up.get(0).line() + "). Put other statements in a migration of their own");
		}
		SqlStatement statement = up.get(0);
		List<Token> tokens = statement.significantTokens();
		int line = statement.line();
		if (!tokens.get(0).is("UPDATE")) {
			throw new MigrationFileException(location, line, "a backfill file's statement must be 'UPDATE <table> SET"
					+ " ... WHERE <rows still to do>', not '" + tokens.get(0).text() + " ...'");
		}
		int base = statement.tokens().get(0).offset();
		String text = statement.text();
		int i = 1;
		if (i < tokens.size() && tokens.get(i).is("ONLY")) {
			i++;
		}
		int tableStart = i;
		while (i < tokens.size() && !tokens.get(i).is("SET") && !tokens.get(i).is("AS")
				&& (i == tableStart || isDot(tokens.get(i)) || isDot(tokens.get(i - 1)))) {
			i++;
		}
		if (i == tableStart) {
			throw new MigrationFileException(location, line, "the backfill's UPDATE names no table");
		}
		String table = slice(text, base, tokens.get(tableStart), tokens.get(i - 1));
		String alias = null;
		if (i < tokens.size() && tokens.get(i).is("AS")) {
			i++;
		}
		if (i < tokens.size() && !tokens.get(i).is("SET")) {
			alias = tokens.get(i).text();
			i++;
		}
		if (i >= tokens.size() || !tokens.get(i).is("SET")) {
			throw new MigrationFileException(location, line, "the backfill's UPDATE needs 'SET' after the table");
		}
		int setStart = i + 1;
		int where = -1;
		int depth = 0;
		for (int j = setStart; j < tokens.size(); j++) {
			Token token = tokens.get(j);
			if (token.type() == TokenType.OTHER) {
				depth += count(token.text(), '(') - count(token.text(), ')');
			}
			if (depth != 0) {
				continue;
			}
			// IS [NOT] DISTINCT FROM compares; only a FROM list joins
			if (token.is("FROM") && !tokens.get(j - 1).is("DISTINCT")) {
				throw new MigrationFileException(location, token.line(), "a backfill cannot be 'UPDATE ... FROM': each"
						+ " batch joins the table to the keys it claims. Use a subquery in SET instead, e.g. SET x ="
						+ " (SELECT ... FROM other WHERE other.id = t.other_id)");
			}
			if (token.is("RETURNING")) {
				throw new MigrationFileException(location, token.line(), "a backfill's UPDATE cannot have RETURNING");
			}
			if (token.is("WHERE") && where < 0) {
				where = j;
			}
		}
		if (where < 0) {
			throw new MigrationFileException(location, line, "the backfill's UPDATE has no WHERE: it needs a condition"
					+ " that matches the rows still to do and stops matching a row once it is updated, e.g. 'WHERE"
					+ " word_count IS NULL', so that the job knows when it is done");
		}
		if (where + 1 >= tokens.size()) {
			throw new MigrationFileException(location, tokens.get(where).line(), "the backfill's WHERE has no"
					+ " condition");
		}
		if (tokens.get(where + 1).is("CURRENT")) {
			throw new MigrationFileException(location, tokens.get(where).line(), "a backfill cannot use 'WHERE"
					+ " CURRENT OF'");
		}
		if (where == setStart) {
			throw new MigrationFileException(location, line, "the backfill's UPDATE has nothing after SET");
		}
		String set = slice(text, base, tokens.get(setStart), tokens.get(where - 1));
		String predicate = slice(text, base, tokens.get(where + 1), tokens.get(tokens.size() - 1));
		return new BackfillUpdate(table, alias, set, predicate, statement.sql(), line);
	}

	private static boolean isDot(Token token) {
		return token.type() == TokenType.OTHER && token.text().equals(".");
	}

	private static int count(String text, char c) {
		int count = 0;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == c) {
				count++;
			}
		}
		return count;
	}

	private static String slice(String text, int base, Token first, Token last) {
		return text.substring(first.offset() - base, last.offset() + last.text().length() - base);
	}

}
