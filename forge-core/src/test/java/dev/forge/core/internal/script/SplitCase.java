package dev.forge.core.internal.script;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One row of a table-driven splitter test: a script and the statements it must split into.
 *
 * @param name what the case shows, used as the display name
 * @param script the script
 * @param expected the non-empty statements, in order
 */
record SplitCase(String name, String script, List<Expected> expected) {

	static SplitCase of(String name, String script, Expected... expected) {
		return new SplitCase(name, script, Arrays.asList(expected));
	}

	static Expected at(int line, String sql) {
		return new Expected(line, sql);
	}

	/**
	 * Splits the script and checks the non-empty statements, and that nothing was lost.
	 */
	void verify() {
		List<SqlStatement> statements = SqlSplitter.split(this.script);
		assertThat(statements).extracting(SqlStatement::text).as("texts join to the script").satisfies((texts) ->
			assertThat(String.join("", texts)).isEqualTo(this.script));
		assertThat(statements.stream().filter((statement) -> !statement.isEmpty()).map(Expected::of))
			.containsExactlyElementsOf(this.expected);
	}

	@Override
	public String toString() {
		return this.name;
	}

	/**
	 * A statement as the tests expect it.
	 *
	 * @param line the line of its first significant token
	 * @param sql its {@link SqlStatement#sql()}
	 */
	record Expected(int line, String sql) {

		static Expected of(SqlStatement statement) {
			return new Expected(statement.line(), statement.sql());
		}

		@Override
		public String toString() {
			return "line " + this.line + ": [" + this.sql + "]";
		}

	}

}
