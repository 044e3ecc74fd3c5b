package dev.forge.core.internal.safety;

import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * Column types learned from earlier pending statements over the types of a source that
 * knows the database; every other fact is the source's.
 */
final class OverlaidColumnTypes implements ColumnTypes {

	private final ColumnTypes learned;

	private final ColumnTypes source;

	OverlaidColumnTypes(ColumnTypes learned, ColumnTypes source) {
		this.learned = learned;
		this.source = source;
	}

	@Override
	public Optional<String> typeOf(@Nullable String schema, String table, String column) {
		return this.learned.typeOf(schema, table, column).or(() -> this.source.typeOf(schema, table, column));
	}

	@Override
	public OptionalLong estimatedRows(@Nullable String schema, String table) {
		return this.source.estimatedRows(schema, table);
	}

	@Override
	public OptionalLong plannedRows(String sql) {
		return this.source.plannedRows(sql);
	}

	@Override
	public Optional<Character> constraintType(@Nullable String schema, String table, String constraint) {
		return this.source.constraintType(schema, table, constraint);
	}

}
