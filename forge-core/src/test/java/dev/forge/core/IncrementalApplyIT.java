package dev.forge.core;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an apply with one pending file costs the database: two connections (one holds the
 * cluster lock) and a handful of round trips, the history read once, after the lock, in the
 * lock's round trip.
 */
class IncrementalApplyIT extends EngineTestSupport {

	IncrementalApplyIT(TestDatabase database) {
		super(database);
	}

	@Test
	void onePendingFileCostsTwoConnectionsAndSevenRoundTrips() {
		for (int i = 1; i <= 5; i++) {
			this.folder.write(String.format("%04d_table_%d.sql", i, i), "CREATE TABLE t" + i + " (id int);\n");
		}
		configure().load().apply();
		this.folder.write("0006_table_6.sql", "CREATE TABLE t6 (id int);\n");
		RecordingDataSource recording = new RecordingDataSource(this.database.dataSource());

		ApplyResult result = configure().dataSource(recording).load().apply();

		assertThat(result.applied()).extracting(MigrationExecution::name).containsExactly("0006_table_6");
		assertThat(recording.connections).hasSize(2);
		List<String> roundTrips = recording.roundTrips;
		assertThat(roundTrips).hasSize(7);
		assertThat(roundTrips.get(0)).as("names and checksums, without the lock")
			.startsWith("SELECT name, CASE WHEN success THEN checksum END,");
		assertThat(roundTrips.get(1)).as("lock, history and holding the lock together, in that order")
			.containsSubsequence("pg_try_advisory_xact_lock(", "ORDER BY applied_at, name",
					"SET LOCAL idle_in_transaction_session_timeout");
		assertThat(roundTrips.get(2)).as("the transaction's settings")
			.containsSubsequence("current_setting('lock_timeout')", "set_config(?, ?, true)");
		assertThat(roundTrips.get(3)).isEqualTo("CREATE TABLE t6 (id int)");
		assertThat(roundTrips.get(4)).startsWith("INSERT INTO public.forge_migrations");
		assertThat(roundTrips.get(5)).as("the migration's commit").isEqualTo("COMMIT");
		assertThat(roundTrips.get(6)).as("the lock's commit, which releases it").isEqualTo("COMMIT");
		assertThat(roundTrips.stream().filter((sql) -> sql.contains("ORDER BY applied_at"))).hasSize(1);
	}

	/** Hands out the connections of a data source and notes what each sends to the server. */
	private static final class RecordingDataSource extends ConnectionSourceSupport {

		final List<Connection> connections = new CopyOnWriteArrayList<>();

		final List<String> roundTrips = new CopyOnWriteArrayList<>();

		private final DataSource delegate;

		RecordingDataSource(DataSource delegate) {
			this.delegate = delegate;
		}

		@Override
		public Connection getConnection() throws SQLException {
			Connection connection = this.delegate.getConnection();
			this.connections.add(connection);
			return proxy(Connection.class, connection, (method, args) -> {
				if (method.getName().equals("commit")) {
					this.roundTrips.add("COMMIT");
				}
				Object value = method.invoke(connection, args);
				if (value instanceof PreparedStatement prepared && args != null && args[0] instanceof String sql) {
					return proxy(PreparedStatement.class, prepared, (call, callArgs) -> {
						if (call.getName().startsWith("execute")) {
							this.roundTrips.add(sql);
						}
						return call.invoke(prepared, callArgs);
					});
				}
				if (value instanceof Statement statement && !(value instanceof PreparedStatement)) {
					return proxy(Statement.class, statement, (call, callArgs) -> {
						if (call.getName().startsWith("execute") && callArgs != null && callArgs[0] instanceof String sql) {
							this.roundTrips.add(sql);
						}
						return call.invoke(statement, callArgs);
					});
				}
				return value;
			});
		}

		private static <T> T proxy(Class<T> type, T target, Handler handler) {
			return type.cast(Proxy.newProxyInstance(RecordingDataSource.class.getClassLoader(), new Class<?>[] { type },
					(proxy, method, args) -> {
						try {
							return handler.handle(method, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					}));
		}

		@FunctionalInterface
		private interface Handler {

			Object handle(Method method, Object[] args) throws Exception;

		}

	}

}
