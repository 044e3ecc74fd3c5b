package dev.forge.core.internal.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The primary key of a backfill's table, read from the live database.
 *
 * @param columns the key's columns, in key order
 * @param types their types as {@code format_type} spells them
 * @param estimatedRows the table's row estimate from {@code pg_class.reltuples}
 */
record TableKey(List<String> columns, List<String> types, long estimatedRows) {

	/**
	 * Reads the primary key of a table.
	 * @param table the table as a file names it
	 * @return the key, with no columns when the table has no primary key; empty when there is
	 * no such table
	 */
	static Optional<TableKey> of(Connection connection, String table) throws SQLException {
		long estimate;
		try (PreparedStatement statement = connection.prepareStatement("SELECT greatest(c.reltuples, 0)::bigint"
				+ " FROM pg_class c WHERE c.oid = to_regclass(?)")) {
			statement.setString(1, table);
			try (ResultSet result = statement.executeQuery()) {
				if (!result.next()) {
					return Optional.empty();
				}
				estimate = result.getLong(1);
			}
		}
		List<String> columns = new ArrayList<>();
		List<String> types = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement("SELECT a.attname,"
				+ " format_type(a.atttypid, a.atttypmod) FROM pg_index i JOIN pg_attribute a"
				+ " ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
				+ " WHERE i.indrelid = to_regclass(?) AND i.indisprimary"
				+ " ORDER BY array_position(i.indkey::int2[], a.attnum)")) {
			statement.setString(1, table);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					columns.add(result.getString(1));
					types.add(result.getString(2));
				}
			}
		}
		return Optional.of(new TableKey(columns, types, estimate));
	}

}
