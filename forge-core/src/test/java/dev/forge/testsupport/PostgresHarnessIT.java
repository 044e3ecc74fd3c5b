package dev.forge.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresTest
class PostgresHarnessIT {

	@Test
	void eachTestClassGetsItsOwnEmptyDatabase(TestDatabase database) {
		assertThat(database.value("SELECT current_database()")).isEqualTo(database.name());
		assertThat(database.value("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo(0L);
	}

}
