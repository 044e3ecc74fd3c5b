package dev.forge.core.internal.runner;

import java.util.List;

import dev.forge.core.internal.script.SqlSplitter;
import dev.forge.core.internal.script.SqlStatement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how {@link InvalidIndexes} reads the index and table of a
 * {@code CREATE INDEX CONCURRENTLY} statement.
 */
class InvalidIndexesTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			CREATE INDEX CONCURRENTLY users_email_idx ON users (email)             | users_email_idx | users
			create unique index concurrently if not exists Users_Key on app.users (email) | users_key | app.users
			CREATE INDEX CONCURRENTLY \"Mixed \"\"Idx\"\"\" ON ONLY "App"."Users" (email) | Mixed "Idx" | "App"."Users"
			CREATE INDEX CONCURRENTLY ON users (email)                              | -               | users
			CREATE INDEX CONCURRENTLY ON users USING btree (lower(email))           | -               | users
			""")
	void readsTheIndexAndTheTable(String sql, String index, String table) {
		SqlStatement statement = statement(sql);

		assertThat(InvalidIndexes.isCreateIndexConcurrently(statement)).isTrue();
		assertThat(InvalidIndexes.indexName(statement)).isEqualTo(index);
		assertThat(InvalidIndexes.tableName(statement)).isEqualTo(table);
	}

	private static SqlStatement statement(String sql) {
		List<SqlStatement> statements = SqlSplitter.split(sql + ";");
		assertThat(statements).hasSize(1);
		return statements.get(0);
	}

}
