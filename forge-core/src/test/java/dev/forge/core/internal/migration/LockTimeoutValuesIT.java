package dev.forge.core.internal.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks {@link LockTimeouts#parse} against the server: each value is set with
 * {@code SET lock_timeout} in a transaction that is rolled back, and FORGE must accept what
 * PostgreSQL accepts, as the same number of milliseconds, and reject what it rejects.
 */
@PostgresTest
class LockTimeoutValuesIT {

	private final TestDatabase database;

	LockTimeoutValuesIT(TestDatabase database) {
		this.database = database;
	}

	@ParameterizedTest(name = "[{0}] -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			"500ms"       | 500
			"10s"         | 10000
			"1.5s"        | 1500
			"3 S"         | invalid
			"3S"          | invalid
			"3 s"         | 3000
			" 3s "        | 3000
			"5 ms "       | 5
			"750"         | 750
			"1.5"         | 2
			"0.4"         | 0
			"0"           | 0
			"2min"        | 120000
			"1 min"       | 60000
			"1.5min"      | 90000
			"1h"          | 3600000
			"1d"          | 86400000
			"1.01d"       | 86400000
			"500us"       | 0
			"1500us"      | 2
			".5s"         | 500
			"1e3"         | 1000
			"1e3ms"       | 1000
			"+5s"         | 5000
			"010"         | 8
			"0x10"        | 16
			"1.0000001s"  | 1000
			"2147483647"  | 2147483647
			"2147483648"  | invalid
			"25d"         | invalid
			"-1s"         | invalid
			"10sec"       | invalid
			"1 m s"       | invalid
			"1MS"         | invalid
			"s"           | invalid
			"soon"        | invalid
			"1,5s"        | invalid
			"5s5"         | invalid
			""            | invalid
			""" )
	void acceptsExactlyWhatPostgresAccepts(String value, String expected) throws SQLException {
		Duration postgres = postgresLockTimeout(value);
		Duration forge = LockTimeouts.parse(value);

		assertThat(postgres).as("PostgreSQL's reading of '%s'", value).isEqualTo(expectation(expected));
		assertThat(forge).as("FORGE's reading of '%s'", value).isEqualTo(postgres);
	}

	private static @Nullable Duration expectation(String expected) {
		return expected.equals("invalid") ? null : Duration.ofMillis(Long.parseLong(expected));
	}

	private @Nullable Duration postgresLockTimeout(String value) throws SQLException {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			try {
				statement.execute("SET lock_timeout = '" + value.replace("'", "''") + "'");
				try (ResultSet rows = statement
					.executeQuery("SELECT setting::bigint FROM pg_settings WHERE name = 'lock_timeout'")) {
					rows.next();
					return Duration.ofMillis(rows.getLong(1));
				}
			}
			catch (SQLException ex) {
				if ("22023".equals(ex.getSQLState())) {
					return null;
				}
				throw ex;
			}
			finally {
				connection.rollback();
			}
		}
	}

}
