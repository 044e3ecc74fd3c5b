package dev.forge.core.internal.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session settings FORGE needs while it migrates ({@code lock_timeout},
 * {@code application_name}, …), set by one statement that also returns their previous
 * values and given back by one more, so that a pooled connection returns to the pool as it
 * came. The statements go to the server together with others ({@link LockedSession}).
 */
final class SessionSettings {

	private static final Logger logger = LoggerFactory.getLogger(SessionSettings.class);

	private final Map<String, String> values;

	private Map<String, String> previous = Map.of();

	SessionSettings(Map<String, String> values) {
		this.values = values;
	}

	/** The statement that sets the values and answers with the previous ones, in one row. */
	String setStatement() {
		return "SELECT " + String.join(", ",
				this.values.keySet().stream().map((name) -> "current_setting(?), set_config(?, ?, false)").toList());
	}

	/**
	 * Binds the parameters of {@link #setStatement()}.
	 * @return the index of the next parameter
	 */
	int bindSet(PreparedStatement statement, int first) throws SQLException {
		int parameter = first;
		for (Map.Entry<String, String> value : this.values.entrySet()) {
			statement.setString(parameter++, value.getKey());
			statement.setString(parameter++, value.getKey());
			statement.setString(parameter++, value.getValue());
		}
		return parameter;
	}

	/** Reads the answer of {@link #setStatement()}: the values to give back. */
	void readPrevious(ResultSet result) throws SQLException {
		result.next();
		Map<String, String> previous = new LinkedHashMap<>();
		List<String> names = List.copyOf(this.values.keySet());
		for (int i = 0; i < names.size(); i++) {
			previous.put(names.get(i), result.getString(2 * i + 1));
		}
		this.previous = previous;
	}

	/** The statement that gives the previous values back. */
	String restoreStatement() {
		return "SELECT " + String.join(", ",
				this.previous.keySet().stream().map((name) -> "set_config(?, ?, false)").toList());
	}

	/**
	 * Binds the parameters of {@link #restoreStatement()}.
	 * @return the index of the next parameter
	 */
	int bindRestore(PreparedStatement statement, int first) throws SQLException {
		int parameter = first;
		for (Map.Entry<String, String> value : this.previous.entrySet()) {
			statement.setString(parameter++, value.getKey());
			statement.setString(parameter++, value.getValue());
		}
		return parameter;
	}

	/** Gives the settings back on their own; a failure is logged, never thrown over the real outcome. */
	void restore(Connection connection) {
		try {
			if (this.previous.isEmpty() || connection.isClosed()) {
				return;
			}
			try (PreparedStatement statement = connection.prepareStatement(restoreStatement())) {
				bindRestore(statement, 1);
				statement.execute();
			}
		}
		catch (SQLException ex) {
			logger.warn("Could not restore the session settings {}: {}", this.previous.keySet(), ex.getMessage());
		}
	}

}
