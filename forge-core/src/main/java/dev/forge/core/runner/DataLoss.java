package dev.forge.core.runner;

import java.util.ArrayList;
import java.util.List;

import dev.forge.core.script.SqlStatement;
import dev.forge.core.script.Token;

/**
 * Spots statements that throw data away: dropped tables, schemas and columns, truncation
 * and unqualified deletes.
 */
final class DataLoss {

	private DataLoss() {
	}

	static List<String> of(List<SqlStatement> statements) {
		List<String> losses = new ArrayList<>();
		for (SqlStatement statement : statements) {
			if (losesData(statement.significantTokens())) {
				losses.add(FailureReport.abbreviate(statement.sql()) + " (line " + statement.line() + ")");
			}
		}
		return losses;
	}

	private static boolean losesData(List<Token> tokens) {
		if (tokens.size() < 2) {
			return false;
		}
		Token first = tokens.get(0);
		Token second = tokens.get(1);
		if (first.is("DROP") && (second.is("TABLE") || second.is("SCHEMA"))) {
			return true;
		}
		if (first.is("TRUNCATE")) {
			return true;
		}
		if (first.is("DELETE")) {
			return tokens.stream().noneMatch((token) -> token.is("WHERE"));
		}
		if (first.is("ALTER") && second.is("TABLE")) {
			for (int i = 2; i + 1 < tokens.size(); i++) {
				if (tokens.get(i).is("DROP") && !isConstraintOrDefault(tokens.get(i + 1))) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean isConstraintOrDefault(Token token) {
		return token.is("CONSTRAINT") || token.is("DEFAULT") || token.is("NOT") || token.is("IDENTITY")
				|| token.is("EXPRESSION");
	}

}
