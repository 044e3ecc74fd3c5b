package dev.forge.core.internal.script;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs split statements against a real PostgreSQL: if the splitter cut a statement in the
 * wrong place, the server would reject the pieces.
 */
@PostgresTest
class SqlSplitterIT {

	private static final String TRICKY_SCRIPT = """
			-- Tables whose names hold semicolons and quotes
			CREATE TABLE "Order;Lines" (id int PRIMARY KEY, "a""b" text DEFAULT 'it''s; fine');
			CREATE TABLE audit_log (id int, note text);
			COMMENT ON TABLE "Order;Lines" IS E'line one;\\nline two \\'quoted\\'';

			/* A PL/pgSQL function: /* nested */ its body is full of ; and ' */
			CREATE FUNCTION describe_line(line_id int) RETURNS text
			LANGUAGE plpgsql AS $fn$
			DECLARE
			  result text;
			BEGIN
			  SELECT format($q$%s;%s$q$, id, "a""b") INTO result FROM "Order;Lines" WHERE id = line_id; -- ;
			  RETURN coalesce(result, 'none;');
			END
			$fn$;

			CREATE RULE order_lines_audit AS ON INSERT TO "Order;Lines"
			  DO ALSO (INSERT INTO audit_log VALUES (NEW.id, 'first;'); INSERT INTO audit_log VALUES (NEW.id, 'second;'));

			INSERT INTO "Order;Lines" (id) VALUES (1);
			INSERT INTO "Order;Lines" VALUES (2, U&'caf\\00e9;'), (3, $$dollar's;$$), (4, e'back\\\\slash;');
			SELECT 'order_lines_audit'::text, '"Order;Lines"'::regclass
			""";

	@Test
	void trickyScriptRunsStatementByStatement(TestDatabase database) throws SQLException {
		List<SqlStatement> statements = execute(database, TRICKY_SCRIPT);
		assertThat(statements).hasSize(8);
		assertThat(database.tableExists("\"Order;Lines\"")).isTrue();
		assertThat(database.columnNames("Order;Lines")).containsExactly("id", "a\"b");
		assertThat(database.value("SELECT obj_description('\"Order;Lines\"'::regclass)"))
			.isEqualTo("line one;\nline two 'quoted'");
		assertThat(database.column("SELECT describe_line(id) FROM generate_series(1, 5) AS id ORDER BY id"))
			.containsExactly("1;it's; fine", "2;café;", "3;dollar's;", "4;back\\slash;", "none;");
		assertThat(database.value("SELECT count(*) FROM audit_log")).isEqualTo(8L);
	}

	@Test
	void sqlStandardFunctionBodyRunsAsOneStatement(TestDatabase database) throws SQLException {
		assumeTrue(database.serverVersionNum() >= 140000, "BEGIN ATOMIC needs PostgreSQL 14");
		List<SqlStatement> statements = execute(database, """
				CREATE TABLE grades (who text, grade text);
				CREATE FUNCTION grade(score int) RETURNS text
				LANGUAGE sql IMMUTABLE
				BEGIN ATOMIC
				  SELECT CASE
				    WHEN score >= 90 THEN 'A;'
				    WHEN score >= 50 THEN CASE WHEN score >= 75 THEN 'B' ELSE 'C' END
				    ELSE 'F'
				  END;
				END;
				CREATE PROCEDURE record_grade(who text, score int)
				LANGUAGE sql
				BEGIN ATOMIC
				  INSERT INTO grades VALUES (who, grade(score));
				  INSERT INTO grades VALUES (who || ';', grade(score - 50));
				END;
				CALL record_grade('ann', 95);
				""");
		assertThat(statements).hasSize(4);
		assertThat(database.column("SELECT grade(s) FROM unnest(ARRAY[95, 80, 60, 10]) AS s"))
			.containsExactly("A;", "B", "C", "F");
		assertThat(database.column("SELECT who || '=' || grade FROM grades ORDER BY who"))
			.containsExactly("ann=A;", "ann;=F");
	}

	/**
	 * The server joins {@code E'a'} and a string on a later line into one escape string.
	 * pgjdbc's client-side parser does not know this rule and refuses such a statement, so
	 * the server is asked to run each split statement through {@code EXECUTE}.
	 */
	@Test
	void escapeStringContinuedOnTheNextLineKeepsBackslashEscapes(TestDatabase database) {
		String script = "CREATE TABLE continued AS SELECT E'a' -- c\n'\\';' AS v;\nSELECT 'b'\n'\\' AS w;";
		List<SqlStatement> statements = SqlSplitter.split(script).stream().filter((s) -> !s.isEmpty()).toList();
		assertThat(statements).hasSize(2);
		statements.forEach((statement) -> database
			.execute("DO $do$ BEGIN EXECUTE $sql$" + statement.sql() + "$sql$; END $do$"));
		assertThat(database.value("SELECT v FROM continued")).isEqualTo("a';");
	}

	@Test
	void statementsThatMustRunInAutocommitAreRefusedInATransactionBlock(TestDatabase database) throws SQLException {
		database.execute("CREATE TABLE refused (x int); CREATE INDEX refused_x ON refused (x)");
		String script = """
				CREATE INDEX CONCURRENTLY refused_x2 ON refused (x);
				DROP INDEX CONCURRENTLY refused_x;
				REINDEX TABLE CONCURRENTLY refused;
				REINDEX SCHEMA public;
				VACUUM refused;
				CREATE DATABASE never_created;
				DROP DATABASE IF EXISTS never_created;
				CREATE TABLESPACE never_created LOCATION '/nonexistent';
				DROP TABLESPACE IF EXISTS never_created;
				ALTER SYSTEM SET work_mem = '64MB';
				ALTER DATABASE %s SET TABLESPACE pg_default;
				CLUSTER;
				DISCARD ALL;
				COMMIT PREPARED 'never_prepared';
				""".formatted(database.name());
		for (SqlStatement statement : SqlSplitter.split(script)) {
			if (!statement.isEmpty()) {
				assertThat(statement.canRunInTransaction()).as(statement.sql()).isFalse();
				assertThatExceptionOfType(SQLException.class).as(statement.sql())
					.isThrownBy(() -> executeInTransaction(database, statement.sql()))
					.satisfies((ex) -> assertThat(ex.getSQLState()).as(ex.getMessage()).isEqualTo("25001"));
			}
		}
	}

	@Test
	void statementsThatLookLikeAutocommitOnesRunInATransactionBlock(TestDatabase database) throws SQLException {
		database.execute("CREATE TABLE accepted (x int)");
		String script = """
				CREATE INDEX concurrently_idx ON accepted (x);
				SELECT 'VACUUM; CREATE INDEX CONCURRENTLY i ON t (x)';
				/* VACUUM */ CREATE TABLE vacuum_log (id int);
				REINDEX TABLE accepted;
				""";
		for (SqlStatement statement : SqlSplitter.split(script)) {
			if (!statement.isEmpty()) {
				assertThat(statement.canRunInTransaction()).as(statement.sql()).isTrue();
				executeInTransaction(database, statement.sql());
			}
		}
		assertThat(database.tableExists("vacuum_log")).isTrue();
	}

	private static List<SqlStatement> execute(TestDatabase database, String script) throws SQLException {
		List<SqlStatement> statements = SqlSplitter.split(script).stream().filter((s) -> !s.isEmpty()).toList();
		try (Connection connection = database.connect(); Statement jdbc = connection.createStatement()) {
			for (SqlStatement statement : statements) {
				try {
					jdbc.execute(statement.sql());
				}
				catch (SQLException ex) {
					throw new SQLException("Statement at line " + statement.line() + " failed: " + statement.sql(), ex);
				}
			}
		}
		return statements;
	}

	private static void executeInTransaction(TestDatabase database, String sql) throws SQLException {
		try (Connection connection = database.connect(); Statement jdbc = connection.createStatement()) {
			connection.setAutoCommit(false);
			jdbc.execute(sql);
			connection.commit();
		}
	}

}
