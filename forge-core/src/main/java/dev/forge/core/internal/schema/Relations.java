package dev.forge.core.internal.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Questions about relations of the live database that FORGE's own tables ask before they
 * read or create themselves.
 */
public final class Relations {

	private Relations() {
	}

	/**
	 * Returns whether a relation exists, without failing the caller's transaction when it
	 * does not.
	 * @param connection the connection
	 * @param qualifiedName the relation's schema-qualified, quoted name
	 * @return whether it exists
	 * @throws SQLException on database errors
	 */
	public static boolean exists(Connection connection, String qualifiedName) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
			statement.setString(1, qualifiedName);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

}
