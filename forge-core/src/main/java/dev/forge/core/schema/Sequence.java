package dev.forge.core.schema;

import org.jspecify.annotations.Nullable;

/**
 * A sequence: one that a {@code serial} column's default reads ({@code ownedBy} names the
 * column), or one that stands alone, such as the {@code owners_seq} that Hibernate's sequence
 * generator reads. Sequences behind identity columns are part of their column, not listed.
 *
 * @param name the sequence name
 * @param type the value type: {@code smallint}, {@code integer} or {@code bigint}
 * @param start the first value
 * @param increment the step between values (Hibernate's default allocation size is 50)
 * @param ownedBy the column that owns it as {@code table.column}, or {@code null}
 * @author FORGE
 * @since 0.1.0
 */
public record Sequence(String name, ColumnType type, long start, long increment, @Nullable String ownedBy) {

	/**
	 * Creates a {@code bigint} sequence owned by no column.
	 * @param name the sequence name
	 * @param start the first value
	 * @param increment the step between values
	 */
	public Sequence(String name, long start, long increment) {
		this(name, ColumnType.BIGINT, start, increment, null);
	}

}
