package dev.forge.core.internal.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings FORGE's statements run with ({@code lock_timeout}, {@code application_name},
 * …). They are set for one transaction at a time ({@code set_config(…, true)}), so that no
 * connection keeps them, not even a server connection behind a pooler in transaction mode
 * that the next client gets. Around a statement that cannot run in a transaction block they
 * are set for the session and given back after it.
 */
final class StatementSettings {

	private static final Logger logger = LoggerFactory.getLogger(StatementSettings.class);

	private final Map<String, String> values;

	StatementSettings(Map<String, String> values) {
		this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	/**
	 * Returns these settings with one value changed.
	 * @param name the setting
	 * @param value its value
	 * @return the settings
	 */
	StatementSettings with(String name, String value) {
		Map<String, String> values = new LinkedHashMap<>(this.values);
		values.put(name, value);
		return new StatementSettings(values);
	}

	/**
	 * Sets the values for the current transaction, which the call opens when the connection
	 * is not in autocommit mode.
	 * @param connection the connection
	 * @return the session's own {@code lock_timeout}, as it was before, so that a statement
	 * that changes it for the session can be undone
	 */
	String setLocal(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT current_setting('lock_timeout')"
				+ String.join("", this.values.keySet().stream().map((name) -> ", set_config(?, ?, true)").toList()))) {
			int parameter = 1;
			for (Map.Entry<String, String> value : this.values.entrySet()) {
				statement.setString(parameter++, value.getKey());
				statement.setString(parameter++, value.getValue());
			}
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getString(1);
			}
		}
	}

	/**
	 * Sets the values for the session, for a statement that cannot run in a transaction
	 * block.
	 * @param connection the connection, in autocommit mode
	 * @return the previous values, to give back with {@link Previous#restore}
	 */
	Previous setForSession(Connection connection) throws SQLException {
		List<String> names = List.copyOf(this.values.keySet());
		try (PreparedStatement statement = connection.prepareStatement("SELECT " + String.join(", ",
				names.stream().map((name) -> "current_setting(?), set_config(?, ?, false)").toList()))) {
			int parameter = 1;
			for (String name : names) {
				statement.setString(parameter++, name);
				statement.setString(parameter++, name);
				statement.setString(parameter++, this.values.get(name));
			}
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				Map<String, String> previous = new LinkedHashMap<>();
				for (int i = 0; i < names.size(); i++) {
					previous.put(names.get(i), result.getString(2 * i + 1));
				}
				return new Previous(previous);
			}
		}
	}

	/**
	 * Gives a session setting back, in autocommit mode or inside a transaction, where it
	 * takes effect at commit.
	 * @param connection the connection
	 * @param name the setting
	 * @param value the value to give back
	 */
	static void restore(Connection connection, String name, String value) throws SQLException {
		new Previous(Map.of(name, value)).restoreOrThrow(connection);
	}

	/** Session values as they were before {@link #setForSession}. */
	static final class Previous {

		private final Map<String, String> values;

		private Previous(Map<String, String> values) {
			this.values = values;
		}

		/** The session's {@code lock_timeout} before, or {@code null} when it was not set. */
		@Nullable String lockTimeout() {
			return this.values.get("lock_timeout");
		}

		/** Gives the values back; a failure is logged, never thrown over the real outcome. */
		void restore(Connection connection) {
			try {
				if (!connection.isClosed()) {
					restoreOrThrow(connection);
				}
			}
			catch (SQLException ex) {
				logger.warn("Could not restore the session settings {}: {}", this.values.keySet(), ex.getMessage());
			}
		}

		private void restoreOrThrow(Connection connection) throws SQLException {
			List<String> names = List.copyOf(this.values.keySet());
			try (PreparedStatement statement = connection.prepareStatement(
					"SELECT " + String.join(", ", names.stream().map((name) -> "set_config(?, ?, false)").toList()))) {
				int parameter = 1;
				for (String name : names) {
					statement.setString(parameter++, name);
					statement.setString(parameter++, this.values.get(name));
				}
				statement.execute();
			}
		}

	}

}
