package dev.forge.core.internal.migration;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import dev.forge.core.MigrationFileException;
import dev.forge.core.MigrationResource;
import dev.forge.core.internal.script.SqlLexer;
import dev.forge.core.internal.script.SqlSplitter;
import dev.forge.core.internal.script.SqlStatement;
import dev.forge.core.internal.script.SqlSyntaxException;
import dev.forge.core.internal.script.Token;
import dev.forge.core.internal.script.TokenType;
import dev.forge.core.internal.script.TransactionControl;
import org.jspecify.annotations.Nullable;

/**
 * Reads a migration file: its {@code -- Up} and {@code -- Down} sections, its directives
 * and its checksum. Markers and directives are found by the lexer, so a {@code -- Down}
 * inside a dollar-quoted body or a string is never taken for a marker.
 */
public final class MigrationScriptParser {

	private static final String DIRECTIVE_PREFIX = "forge:";

	private MigrationScriptParser() {
	}

	/**
	 * Reads and parses a migration file.
	 * @param resource the file
	 * @return the parsed file
	 * @throws MigrationFileException when the name, a directive or the SQL is invalid
	 */
	public static MigrationScript parse(MigrationResource resource) {
		MigrationName name = MigrationName.ofFileName(resource.fileName(), resource.location());
		return parse(name, resource.location(), read(resource));
	}

	/**
	 * Reads a file's text: a NUL character means a binary file, which would otherwise run as
	 * garbage or be cut at the NUL by the driver.
	 */
	private static String read(MigrationResource resource) {
		try {
			String text = resource.read();
			int nul = text.indexOf('\0');
			if (nul >= 0) {
				throw new MigrationFileException(resource.location(), lineAt(text, nul),
						"holds a NUL character, so it is a binary file rather than SQL text; a migration must be"
								+ " UTF-8 text");
			}
			return text;
		}
		catch (IOException ex) {
			throw new MigrationFileException(resource.location(), 0, "could not be read: " + ex);
		}
	}

	private static int lineAt(String text, int offset) {
		int line = 1;
		for (int i = 0; i < offset; i++) {
			if (text.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}

	/** Where a file's text starts: past a byte-order mark, without copying the rest. */
	private static int textStart(String content) {
		return content.startsWith("\uFEFF") ? 1 : 0;
	}

	/**
	 * Reads a migration file as far as the catalog needs it: name, checksum and whether it
	 * has a Down section. A file with markers or directives is lexed for comments, which also
	 * checks its lexical syntax; a file with neither is hashed whole. Statements are not
	 * split, so that listing many applied files stays cheap.
	 * @param resource the file
	 * @return the catalog entry
	 * @throws MigrationFileException when the name, a directive or the SQL is invalid
	 */
	static MigrationCatalog.Entry summarize(MigrationResource resource) {
		MigrationName name = MigrationName.ofFileName(resource.fileName(), resource.location());
		String text = read(resource);
		int start = textStart(text);
		if (!mayHoldMarkers(text)) {
			// all Up, no directives: its syntax is checked when it is planned, before anything runs
			return new MigrationCatalog.Entry(name, resource, Checksums.sha256(text, start, text.length()), false);
		}
		try {
			Parse parse = new Parse(name, resource.location(), text, start).scan();
			return new MigrationCatalog.Entry(name, resource, parse.upChecksum(), parse.hasDown());
		}
		catch (SqlSyntaxException ex) {
			throw new MigrationFileException(resource.location(), ex.line(), ex.getMessage());
		}
	}

	/**
	 * Returns whether a text may hold a {@code -- Up} or {@code -- Down} marker or a
	 * {@code -- forge:} directive: whether some {@code --}, after blanks, goes on with
	 * {@code up}, {@code down} or {@code forge:}. It finds every marker the lexer finds, and
	 * more (inside strings, say), so a {@code false} needs no lexing to be sure.
	 */
	static boolean mayHoldMarkers(String text) {
		for (int dashes = text.indexOf("--"); dashes >= 0; dashes = text.indexOf("--", dashes + 2)) {
			int word = dashes + 2;
			while (word < text.length() && text.charAt(word) <= ' ' && text.charAt(word) != '\n'
					&& text.charAt(word) != '\r') {
				word++;
			}
			if (text.regionMatches(true, word, "up", 0, 2) || text.regionMatches(true, word, "down", 0, 4)
					|| text.regionMatches(true, word, DIRECTIVE_PREFIX, 0, DIRECTIVE_PREFIX.length())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Parses the content of a migration file.
	 * @param name the migration's name
	 * @param location where the file is, for messages
	 * @param content the file's content
	 * @return the parsed file
	 * @throws MigrationFileException when a directive or the SQL is invalid
	 */
	public static MigrationScript parse(MigrationName name, String location, String content) {
		try {
			return new Parse(name, location, content, textStart(content)).run();
		}
		catch (SqlSyntaxException ex) {
			throw new MigrationFileException(location, ex.line(), ex.getMessage());
		}
	}

	private static final class Parse {

		private final MigrationName name;

		private final String location;

		private final String text;

		private final int start;

		private @Nullable Token up;

		private @Nullable Token down;

		private boolean noTransaction;

		private boolean allowBreaking;

		private boolean deferred;

		private @Nullable String lockTimeout;

		private @Nullable String statementTimeout;

		private @Nullable BackfillOptions backfill;

		private List<String> afterBackfills = List.of();

		private int directiveLine;

		Parse(MigrationName name, String location, String text, int start) {
			this.name = name;
			this.location = location;
			this.text = text;
			this.start = start;
		}

		/** Finds the markers and directives, checking the lexical syntax of the whole file. */
		Parse scan() {
			List<Token> tokens = SqlLexer.comments(this.text, this.start);
			findMarkers(tokens);
			readDirectives(tokens);
			return this;
		}

		private int upStart() {
			return (this.up != null) ? end(this.up) : this.start;
		}

		private int upEnd() {
			return (this.down != null) ? this.down.offset() : this.text.length();
		}

		String upChecksum() {
			return Checksums.sha256(this.text, upStart(), upEnd());
		}

		boolean hasDown() {
			return this.down != null;
		}

		MigrationScript run() {
			scan();
			List<SqlStatement> upStatements = statements(upStart(), upEnd(), (this.up != null) ? this.up.line() : 1);
			List<SqlStatement> downStatements = (this.down != null)
					? statements(end(this.down), this.text.length(), this.down.line()) : List.of();
			Token leadingSet = upStatements.isEmpty() ? null : LeadingLockTimeout.valueOf(upStatements.get(0));
			if (leadingSet != null) {
				String value = LeadingLockTimeout.text(leadingSet);
				if (LockTimeouts.parse(value) == null) {
					throw error(leadingSet, invalidTimeout("SET lock_timeout", value));
				}
				if (this.lockTimeout == null) {
					this.lockTimeout = value;
				}
			}
			Directives directives = new Directives(this.noTransaction, this.allowBreaking, this.deferred,
					this.lockTimeout, this.backfill, this.afterBackfills, this.directiveLine, this.statementTimeout);
			if (this.backfill != null) {
				BackfillUpdate.of(this.location, this.directiveLine, upStatements);
			}
			MigrationScript script = new MigrationScript(this.name, this.location, upChecksum(), directives,
					upStatements, downStatements, this.down != null);
			checkTransactionControl(upStatements, script.upRunsWithoutTransaction());
			checkTransactionControl(downStatements, script.downRunsWithoutTransaction());
			return script;
		}

		/**
		 * A section that runs in one transaction with its history row must not end that
		 * transaction: a failure after a {@code COMMIT} would leave part of the file applied
		 * and unrecorded. A section run statement by statement may hold transaction blocks,
		 * but each must be closed, or the history row would wait inside it.
		 */
		private void checkTransactionControl(List<SqlStatement> statements, boolean autocommit) {
			@Nullable SqlStatement open = null;
			for (SqlStatement statement : statements) {
				TransactionControl control = statement.transactionControl();
				if (control == TransactionControl.NONE) {
					if (open != null && !statement.canRunInTransaction()) {
						// PostgreSQL refuses it only once the block's earlier statements ran
						throw new MigrationFileException(this.location, statement.line(), "'"
								+ String.join(" ", statement.significantTokens().stream().limit(4).map(Token::text).toList())
								+ "' cannot run inside a transaction block, and the '" + firstWords(open) + "' on line "
								+ open.line() + " opens one; move it out of the block (a '-- forge:no-transaction'"
								+ " file runs each statement on its own).");
					}
					continue;
				}
				if (!autocommit) {
					throw new MigrationFileException(this.location, statement.line(), "'" + firstWords(statement)
							+ "' controls the transaction that FORGE runs this section in, together with its history"
							+ " row, so a failure after it would leave part of the file applied and unrecorded. Remove"
							+ " it, or add '-- forge:no-transaction' to run the file statement by statement.");
				}
				open = (control == TransactionControl.OPENS) ? statement : null;
			}
			if (open != null) {
				throw new MigrationFileException(this.location, open.line(), "'" + firstWords(open)
						+ "' opens a transaction block that the section never ends; add a COMMIT after it.");
			}
		}

		private static String firstWords(SqlStatement statement) {
			List<Token> tokens = statement.significantTokens();
			String first = tokens.get(0).text();
			return (first.equalsIgnoreCase("START") && tokens.size() > 1) ? first + " " + tokens.get(1).text() : first;
		}

		private void findMarkers(List<Token> tokens) {
			for (Token token : tokens) {
				if (token.type() != TokenType.LINE_COMMENT || !startsLine(token)) {
					continue;
				}
				String marker = token.text().substring(2).trim();
				if (marker.equalsIgnoreCase("Up")) {
					if (this.up != null) {
						throw error(token, "second '-- Up' marker (the first is on line " + this.up.line() + ")");
					}
					if (this.down != null) {
						throw error(token, "'-- Up' must come before '-- Down' (line " + this.down.line() + ")");
					}
					this.up = token;
				}
				else if (marker.equalsIgnoreCase("Down")) {
					if (this.down != null) {
						throw error(token, "second '-- Down' marker (the first is on line " + this.down.line() + ")");
					}
					this.down = token;
				}
			}
			if (this.down != null && this.up == null) {
				// otherwise everything above '-- Down', header comments or not, would run as Up
				throw error(this.down, "'-- Down' without '-- Up': a file with a Down section must mark where its Up"
						+ " section starts; add '-- Up' above the Up statements");
			}
		}

		private void readDirectives(List<Token> tokens) {
			int headerEnd = headerEnd(tokens);
			for (Token token : tokens) {
				if (token.type() != TokenType.LINE_COMMENT) {
					continue;
				}
				String body = token.text().substring(2).trim();
				if (!body.toLowerCase(Locale.ROOT).startsWith(DIRECTIVE_PREFIX)) {
					continue;
				}
				if (token.offset() >= headerEnd) {
					throw error(token, "directive '" + body + "' must stand before '-- Up' (or before the first"
							+ " statement in a file without markers)");
				}
				directive(token, body.substring(DIRECTIVE_PREFIX.length()).trim());
			}
		}

		private int headerEnd(List<Token> tokens) {
			if (this.up != null) {
				return this.up.offset();
			}
			int end = (this.down != null) ? this.down.offset() : this.text.length();
			for (Token token : tokens) {
				if (!token.isTrivia() && token.offset() < end) {
					return token.offset();
				}
			}
			return end;
		}

		private void directive(Token token, String directive) {
			String[] words = directive.split("\\s+", 2);
			String keyword = words[0].toLowerCase(Locale.ROOT);
			String argument = (words.length > 1) ? words[1].trim() : "";
			switch (keyword) {
				case "no-transaction" -> {
					requireNoArgument(token, keyword, argument);
					this.noTransaction = true;
				}
				case "allow-breaking" -> {
					requireNoArgument(token, keyword, argument);
					this.allowBreaking = true;
				}
				case "deferred" -> {
					requireNoArgument(token, keyword, argument);
					this.deferred = true;
				}
				case "lock-timeout" -> {
					if (LockTimeouts.parse(argument) == null) {
						throw error(token, invalidTimeout("-- forge:lock-timeout", argument));
					}
					this.lockTimeout = argument;
				}
				case "statement-timeout" -> {
					if (LockTimeouts.parse(argument) == null) {
						throw error(token, invalidTimeout("-- forge:statement-timeout", argument));
					}
					this.statementTimeout = argument;
				}
				case "backfill" -> {
					if (this.backfill != null || !this.afterBackfills.isEmpty()) {
						throw error(token, backfillConflict());
					}
					this.backfill = BackfillOptions.parse(argument, this.location, token.line());
					this.directiveLine = token.line();
				}
				case "after-backfill" -> {
					if (this.backfill != null || !this.afterBackfills.isEmpty()) {
						throw error(token, backfillConflict());
					}
					List<String> names = List.of(argument.trim().split("[\\s,]+"));
					for (String name : names) {
						if (!name.matches("[0-9]{4,}_[a-z0-9_]+|[a-z][a-z0-9_]*")) {
							throw error(token, "'-- forge:after-backfill' needs the names of backfill files (file names"
									+ " without .sql, e.g. 0004_backfill_word_count) or of Java backfills (e.g."
									+ " backfill_word_count), separated by spaces, not '" + name + "'");
						}
					}
					this.afterBackfills = names;
					this.directiveLine = token.line();
				}
				default -> throw error(token, "unknown directive '-- forge:" + directive + "'; known directives are"
						+ " forge:no-transaction, forge:allow-breaking, forge:deferred, forge:lock-timeout <duration>,"
						+ " forge:statement-timeout <duration>, forge:backfill [options] and forge:after-backfill <backfill file or Java backfill>");
			}
		}

		private String backfillConflict() {
			return "a file holds at most one '-- forge:backfill' or '-- forge:after-backfill' (the first is on line "
					+ this.directiveLine + ")";
		}

		private static String invalidTimeout(String where, String value) {
			return "'" + where + "' needs a duration that PostgreSQL accepts, such as 500ms, 10s or 1min (a number,"
					+ " fractions allowed, then one of the case-sensitive units us, ms, s, min, h and d; a bare number"
					+ " is milliseconds), not '" + value + "'";
		}

		private void requireNoArgument(Token token, String keyword, String argument) {
			if (!argument.isEmpty()) {
				throw error(token, "'-- forge:" + keyword + "' takes no argument, found '" + argument + "'");
			}
		}

		private boolean startsLine(Token token) {
			for (int i = token.offset() - 1; i >= this.start; i--) {
				char c = this.text.charAt(i);
				if (c == '\n' || c == '\r') {
					return true;
				}
				if (c != ' ' && c != '\t') {
					return false;
				}
			}
			return true;
		}

		private List<SqlStatement> statements(int from, int to, int firstLine) {
			return SqlSplitter.split(this.text, from, to, firstLine)
				.stream()
				.filter((statement) -> !statement.isEmpty())
				.toList();
		}

		private static int end(Token token) {
			return token.offset() + token.text().length();
		}

		private MigrationFileException error(Token token, String problem) {
			return new MigrationFileException(this.location, token.line(), problem);
		}

	}

}
