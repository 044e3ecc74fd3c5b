package dev.forge.sample;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a team with Docker tests its application: a PostgreSQL container wired in with
 * {@link ServiceConnection @ServiceConnection}; the sample's embedded PostgreSQL steps
 * aside. Skipped, with the reason in the test report, where no Docker engine runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Testcontainers(disabledWithoutDocker = true)
class SampleTestcontainersIT {

	@Container
	@ServiceConnection
	static PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

	@Autowired
	private JdbcClient jdbc;

	@Test
	void migrationsAreAppliedToTheContainer() {
		assertThat(this.jdbc.sql("SELECT count(*) FROM forge_migrations").query(Integer.class).single()).isEqualTo(5);
	}

}
