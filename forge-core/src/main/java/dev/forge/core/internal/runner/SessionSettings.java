package dev.forge.core.internal.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session settings FORGE needs while it migrates ({@code lock_timeout},
 * {@code application_name}, …), set in one round trip and given back in one, so that a
 * pooled connection returns to the pool as it came.
 */
final class SessionSettings {

	private static final Logger logger = LoggerFactory.getLogger(SessionSettings.class);

	private final Map<String, String> previous;

	private SessionSettings(Map<String, String> previous) {
		this.previous = previous;
	}

	static SessionSettings apply(Connection connection, Map<String, String> values) throws SQLException {
		return new SessionSettings(set(connection, values));
	}

	/** Gives the settings back; a failure is logged, never thrown over the real outcome. */
	void restore(Connection connection) {
		try {
			if (!connection.isClosed()) {
				set(connection, this.previous);
			}
		}
		catch (SQLException ex) {
			logger.warn("Could not restore the session settings {}: {}", this.previous.keySet(), ex.getMessage());
		}
	}

	private static Map<String, String> set(Connection connection, Map<String, String> values) throws SQLException {
		List<String> names = new ArrayList<>(values.keySet());
		StringBuilder sql = new StringBuilder("SELECT ");
		for (int i = 0; i < names.size(); i++) {
			sql.append((i > 0) ? ", " : "").append("current_setting(?), set_config(?, ?, false)");
		}
		Map<String, String> previous = new LinkedHashMap<>();
		try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
			int parameter = 1;
			for (String name : names) {
				statement.setString(parameter++, name);
				statement.setString(parameter++, name);
				statement.setString(parameter++, values.get(name));
			}
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				for (int i = 0; i < names.size(); i++) {
					previous.put(names.get(i), result.getString(2 * i + 1));
				}
			}
		}
		return previous;
	}

}
