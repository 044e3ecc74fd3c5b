package dev.forge.core.internal.script;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SqlStatement#canRunInTransaction()}.
 */
class SqlStatementTests {

	@ParameterizedTest
	@ValueSource(strings = { "CREATE INDEX CONCURRENTLY users_email_idx ON users (email)",
			"create unique index concurrently if not exists i ON t (x)",
			"CREATE /* c */ UNIQUE\n  INDEX\n  CONCURRENTLY i ON t (x)", "CREATE INDEX CONCURRENTLY ON t (x)",
			"DROP INDEX CONCURRENTLY IF EXISTS users_email_idx", "REINDEX INDEX CONCURRENTLY users_email_idx",
			"REINDEX TABLE CONCURRENTLY users", "REINDEX (VERBOSE, CONCURRENTLY) TABLE users",
			"REINDEX DATABASE app", "REINDEX SYSTEM app", "REINDEX SCHEMA public",
			"ALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY",
			"ALTER TABLE IF EXISTS ONLY m DETACH PARTITION p CONCURRENTLY", "VACUUM", "vacuum (analyze) users",
			"VACUUM FULL users", "CREATE DATABASE app", "DROP DATABASE IF EXISTS app",
			"CREATE TABLESPACE fast LOCATION '/ssd'", "DROP TABLESPACE fast", "ALTER SYSTEM SET work_mem = '64MB'",
			"ALTER SYSTEM RESET ALL",
			"CREATE SUBSCRIPTION s CONNECTION 'dbname=app' PUBLICATION p",
			"DROP SUBSCRIPTION s", "DISCARD ALL", "ALTER DATABASE app SET TABLESPACE fast",
			"ALTER SUBSCRIPTION s REFRESH PUBLICATION", "ALTER SUBSCRIPTION s SET PUBLICATION p",
			"ALTER SUBSCRIPTION s ADD PUBLICATION p2", "ALTER SUBSCRIPTION s DROP PUBLICATION p2",
			"CLUSTER", "CLUSTER VERBOSE", "COMMIT PREPARED 'tx1'", "ROLLBACK PREPARED 'tx1'" })
	void statementsThatPostgresRefusesInATransactionBlockMustRunInAutocommit(String sql) {
		assertThat(statement(sql).canRunInTransaction()).as(sql).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE INDEX concurrently_idx ON t (x)", "CREATE INDEX \"concurrently\" ON t (x)",
			"CREATE INDEX users_email_idx ON users (email)", "DROP INDEX users_email_idx",
			"REINDEX TABLE users", "REINDEX INDEX users_email_idx",
			"ALTER TABLE measurements DETACH PARTITION measurements_2023",
			"ALTER TABLE m DETACH PARTITION p FINALIZE", "ALTER TABLE t ADD COLUMN vacuum_at timestamptz",
			"SELECT 'VACUUM'", "SELECT 'CREATE INDEX CONCURRENTLY i ON t (x)'",
			"-- VACUUM\nSELECT 1", "/* CREATE DATABASE x */ SELECT 1",
			"COMMENT ON TABLE t IS 'run VACUUM; CREATE DATABASE'", "CREATE TABLE vacuum_log (id int)",
			"ANALYZE users", "INSERT INTO t VALUES (1)", "UPDATE t SET x = 1",
			"DELETE FROM t", "CREATE TABLE t (id int)", "ALTER TABLE t ADD COLUMN x int",
			"ALTER DATABASE app SET work_mem = '64MB'", "ALTER SUBSCRIPTION s DISABLE",
			"CLUSTER users USING users_pkey",
			"CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ VACUUM $$", "DISCARD TEMP", "SELECT 1", "" })
	void everythingElseRunsInATransaction(String sql) {
		assertThat(statement(sql).canRunInTransaction()).as(sql).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE INDEX CONCURRENTLY ON t (x)", "create unique index concurrently i ON t (x)",
			"DROP INDEX CONCURRENTLY IF EXISTS users_email_idx", "REINDEX INDEX CONCURRENTLY users_email_idx",
			"REINDEX TABLE CONCURRENTLY users", "REINDEX (VERBOSE, CONCURRENTLY) TABLE users",
			"ALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY" })
	void concurrentIndexStatementsWaitForOlderTransactions(String sql) {
		assertThat(statement(sql).waitsForOlderTransactions()).as(sql).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE INDEX concurrently_idx ON t (x)", "DROP INDEX users_email_idx",
			"REINDEX INDEX users_email_idx", "REINDEX DATABASE app", "VACUUM",
			"ALTER TABLE m DETACH PARTITION p", "SELECT 'CREATE INDEX CONCURRENTLY i ON t (x)'", "" })
	void otherStatementsDoNotWaitForOlderTransactions(String sql) {
		assertThat(statement(sql).waitsForOlderTransactions()).as(sql).isFalse();
	}

	private static SqlStatement statement(String sql) {
		List<SqlStatement> statements = SqlSplitter.split(sql + ";");
		assertThat(statements).hasSize(1);
		return statements.get(0);
	}

}
