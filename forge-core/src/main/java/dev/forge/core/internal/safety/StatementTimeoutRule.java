package dev.forge.core.internal.safety;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import dev.forge.core.Estimate;
import dev.forge.core.internal.migration.LockTimeouts;
import dev.forge.core.internal.script.SqlStatement;
import dev.forge.core.internal.script.Token;
import dev.forge.core.internal.script.TokenType;

import static dev.forge.core.SafetyClass.LONG_LOCK;

/**
 * Reports a statement that scans or rewrites a table under a lock that blocks others while
 * no {@code statement_timeout} bounds it: such a statement holds its lock for as long as the
 * table takes, hours on a large one. Only where the database's row estimate says the work
 * takes a second or more. Follows {@code SET statement_timeout} and {@code RESET} in the
 * section.
 */
final class StatementTimeoutRule {

	private boolean bounded;

	StatementTimeoutRule(boolean bounded) {
		this.bounded = bounded;
	}

	void check(SqlStatement statement, AnalysisContext context, FindingCollector out) {
		List<Token> tokens = statement.significantTokens();
		if (!tokens.isEmpty() && (tokens.get(0).is("SET") || tokens.get(0).is("RESET"))) {
			follow(tokens);
			return;
		}
		if (this.bounded) {
			return;
		}
		FindingCollector.Draft scan = out.unboundedScan();
		OptionalLong rows = (scan == null) ? OptionalLong.empty()
				: (scan.rows() >= 0) ? OptionalLong.of(scan.rows()) : context.estimatedRows(scan.table());
		if (scan != null && rows.isPresent()
				&& Estimate.of(rows.getAsLong(), scan.impact()).duration() != Estimate.Duration.MOMENT) {
			out.add(LONG_LOCK, "NO STATEMENT TIMEOUT", scan.target())
				.table(scan.table())
				.lock(scan.lock())
				.impact(scan.impact())
				.rows(scan.rows())
				.reason("No statement_timeout bounds this statement, so its lock is held for as long as the "
						+ scan.operation() + " takes: hours on a large table.")
				.instead("Set 'forge.migrations.statement-timeout', or '-- forge:statement-timeout 30s' in the file:"
						+ " PostgreSQL then cancels the statement and the migration rolls back.");
		}
	}

	private void follow(List<Token> tokens) {
		int name = (tokens.size() > 1 && (tokens.get(1).is("SESSION") || tokens.get(1).is("LOCAL"))) ? 2 : 1;
		if (tokens.size() <= name || !tokens.get(name).is("statement_timeout")) {
			if (tokens.get(0).is("RESET") && tokens.size() > 1 && tokens.get(1).is("ALL")) {
				this.bounded = false;
			}
			return;
		}
		if (tokens.get(0).is("RESET")) {
			this.bounded = false;
			return;
		}
		Token value = tokens.get(tokens.size() - 1);
		String text = value.text();
		if (value.type() == TokenType.STRING && text.endsWith("'") && text.indexOf('\'') < text.length() - 1) {
			text = text.substring(text.indexOf('\'') + 1, text.length() - 1);
		}
		Duration timeout = LockTimeouts.parse(text);
		this.bounded = timeout != null && !timeout.isZero();
	}

}
