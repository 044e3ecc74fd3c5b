package dev.forge.core;


import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConcurrentIndexIT extends EngineTestSupport {

	ConcurrentIndexIT(TestDatabase database) {
		super(database);
	}

	@BeforeEach
	void reset() {
		this.database.execute("CREATE TABLE users (id int, email text); INSERT INTO users VALUES (1, 'a@x'), (2, 'a@x')");
	}

	private Forge forge() {
		return configure().load();
	}

	@Test
	void createIndexConcurrentlyRunsOutsideATransactionAndLeavesAValidIndex() {
		this.folder.write("0001_index.sql", "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");

		ApplyResult result = forge().apply();

		assertThat(result.applied()).singleElement()
			.satisfies((execution) -> assertThat(execution.transactional()).isFalse());
		assertThat(this.database.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_email_idx'::regclass"))
			.isEqualTo(true);
		assertThat(this.database.column("SELECT name FROM forge_migrations WHERE success")).containsExactly("0001_index");
	}

	@Test
	void aFailedConcurrentIndexLeavesNoInvalidIndexAndTheMigrationIsFailed() {
		this.folder.write("0001_unique.sql", "-- Up\nCREATE TABLE audit (id int);\n"
				+ "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n");

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().apply())
			.withMessageContaining("0001_unique.sql, line 3")
			.withMessageContaining("could not create unique index")
			.withMessageContaining("Its first 1 statement took effect")
			.withMessageContaining("marked FAILED");

		assertThat(this.database.value("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isEqualTo(0L);
		assertThat(this.database.value("SELECT to_regclass('users_email_key')")).isNull();
		assertThat(forge().status().inState(MigrationState.FAILED)).extracting(MigrationInfo::name)
			.containsExactly("0001_unique");
	}

	@Test
	void aFailedNoTransactionMigrationResumesAtTheStatementThatFailed() {
		this.folder.write("0001_unique.sql", "-- Up\nCREATE TABLE audit (id int);\n"
				+ "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n"
				+ "CREATE INDEX CONCURRENTLY audit_id_idx ON audit (id);\n");
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().apply());
		this.database.execute("DELETE FROM users WHERE id = 2");

		ApplyResult result = forge().apply();

		assertThat(result.applied()).singleElement().satisfies((execution) -> {
			assertThat(execution.name()).isEqualTo("0001_unique");
			assertThat(execution.statements()).isEqualTo(2);
		});
		assertThat(this.database.value("SELECT indisunique FROM pg_index WHERE indexrelid = 'users_email_key'::regclass"))
			.isEqualTo(true);
		assertThat(forge().status().inState(MigrationState.APPLIED)).hasSize(1);
	}

	@Test
	void anInvalidIndexLeftByAKilledRunIsDroppedBeforeTheRetry() {
		this.folder.write("0001_index.sql", "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");
		this.database.execute("CREATE INDEX users_email_idx ON users (email);"
				+ " UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'users_email_idx'::regclass;");

		forge().apply();

		assertThat(this.database.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_email_idx'::regclass"))
			.isEqualTo(true);
	}

	@Test
	void repairForgetsAFailedRunSoItStartsOver() {
		this.folder.write("0001_unique.sql", "-- Up\nCREATE TABLE audit (id int);\n"
				+ "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n");
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().apply());
		this.database.execute("DROP TABLE audit; DELETE FROM users WHERE id = 2");

		RepairResult repair = forge().repair();
		forge().apply();

		assertThat(repair.failedRunsRemoved()).containsExactly("0001_unique");
		assertThat(this.database.tableExists("audit")).isTrue();
		assertThat(forge().status().inState(MigrationState.APPLIED)).hasSize(1);
	}

	@Test
	void theNoTransactionDirectiveRunsEachStatementOnItsOwn() {
		this.folder.write("0001_each.sql", "-- forge:no-transaction\n-- Up\nCREATE TABLE a (id int);\n"
				+ "CREATE TABLE a (id int);\n");

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> forge().apply());

		assertThat(this.database.tableExists("a")).as("the first statement was committed on its own").isTrue();
	}

}
