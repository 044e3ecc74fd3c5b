package dev.forge.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresTest
class PostgresHarnessIT {

	@Test
	void eachTestClassGetsItsOwnEmptyDatabase(TestDatabase database) {
		assertThat(database.value("SELECT current_database()")).isEqualTo(database.name());
		assertThat(database.value("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo(0L);
		assertThat(database.serverVersionNum()).isGreaterThanOrEqualTo(140000);
		System.out.println("Integration tests run on PostgreSQL " + database.value("SHOW server_version") + ", "
				+ TestPostgres.server());
	}

}
