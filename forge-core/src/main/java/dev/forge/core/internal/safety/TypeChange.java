package dev.forge.core.internal.safety;

import java.util.List;
import java.util.Set;

import dev.forge.core.schema.ColumnType;
import org.jspecify.annotations.Nullable;

/**
 * What {@code ALTER COLUMN ... TYPE} does to the rows of a table, from the old type to the
 * new one. Follows PostgreSQL's rules for binary-coercible changes and the length,
 * precision and scale checks it can skip.
 *
 * @param kind the kind of change
 * @param explanation why, in a sentence
 */
record TypeChange(Kind kind, String explanation) {

	private static final Set<String> TEXTUAL = Set.of("varchar", "text");

	private static final Set<String> WITH_PRECISION = Set.of("timestamp", "timestamptz", "time", "timetz",
			"interval", "varbit");

	private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");

	private static final Set<String> FRACTIONAL = Set.of("numeric", "real", "double precision");

	static TypeChange between(@Nullable ColumnType from, ColumnType to) {
		if (from == null) {
			return new TypeChange(Kind.UNKNOWN, "The column's current type is not known, so FORGE assumes"
					+ " PostgreSQL rewrites the table.");
		}
		if (from.equals(to)) {
			return new TypeChange(Kind.NO_REWRITE, "The type does not change.");
		}
		String change = from + " to " + to;
		if (from.array() != to.array()) {
			return rewrite(change);
		}
		if (TEXTUAL.contains(from.name()) && TEXTUAL.contains(to.name())) {
			return textual(from, to, change);
		}
		if (from.name().equals("numeric") && to.name().equals("numeric")) {
			return numeric(from, to, change);
		}
		if (from.name().equals(to.name()) && WITH_PRECISION.contains(from.name())) {
			if (to.modifiers().isEmpty()
					|| (!from.modifiers().isEmpty() && SqlTypes.modifier(to, 0) >= SqlTypes.modifier(from, 0))) {
				return new TypeChange(Kind.NO_REWRITE, "Changing " + change + " keeps every value as it is;"
						+ " PostgreSQL changes only the catalog.");
			}
			return narrowing(change, "values are rounded or cut to the smaller precision");
		}
		if (from.name().equals("cidr") && to.name().equals("inet")) {
			return new TypeChange(Kind.NO_REWRITE, "cidr to inet is binary-coercible; PostgreSQL changes only the"
					+ " catalog.");
		}
		if (isTimestampZoneChange(from, to)) {
			return new TypeChange(Kind.REWRITE, "Changing " + change + " rewrites the table (PostgreSQL 12+ skips"
					+ " the rewrite only when the session time zone is UTC) and changes what old code reads.");
		}
		int fromRank = INTEGERS.indexOf(from.name());
		int toRank = INTEGERS.indexOf(to.name());
		if (fromRank >= 0 && toRank >= 0) {
			return (toRank < fromRank) ? narrowing(change, "values outside the smaller range make it fail")
					: rewrite(change);
		}
		if (FRACTIONAL.contains(from.name()) && toRank >= 0) {
			return narrowing(change, "fractions are rounded away");
		}
		if (from.name().equals("double precision") && to.name().equals("real")) {
			return narrowing(change, "digits beyond real's precision are lost");
		}
		return rewrite(change);
	}

	private static TypeChange textual(ColumnType from, ColumnType to, String change) {
		boolean toUnlimited = to.name().equals("text") || to.modifiers().isEmpty();
		if (toUnlimited) {
			return widening(change);
		}
		boolean fromLimited = from.name().equals("varchar") && !from.modifiers().isEmpty();
		if (fromLimited && SqlTypes.modifier(to, 0) >= SqlTypes.modifier(from, 0)) {
			return widening(change);
		}
		return narrowing(change, "longer values make it fail");
	}

	private static TypeChange numeric(ColumnType from, ColumnType to, String change) {
		if (to.modifiers().isEmpty()) {
			return widening(change);
		}
		if (from.modifiers().isEmpty()) {
			return narrowing(change, "values are rounded to the new scale or fail beyond the new precision");
		}
		int fromPrecision = SqlTypes.modifier(from, 0);
		int fromScale = SqlTypes.modifier(from, 1);
		int toPrecision = SqlTypes.modifier(to, 0);
		int toScale = SqlTypes.modifier(to, 1);
		if (toScale == fromScale && toPrecision >= fromPrecision) {
			return widening(change);
		}
		if (toScale < fromScale || toPrecision - toScale < fromPrecision - fromScale) {
			return narrowing(change, "values are rounded to the new scale or fail beyond the new precision");
		}
		return rewrite(change);
	}

	static boolean isTimestampZoneChange(ColumnType from, ColumnType to) {
		return (from.name().equals("timestamp") && to.name().equals("timestamptz"))
				|| (from.name().equals("timestamptz") && to.name().equals("timestamp"));
	}

	private static TypeChange widening(String change) {
		return new TypeChange(Kind.NO_REWRITE, "Changing " + change + " only widens the type: every value stays"
				+ " valid, PostgreSQL changes only the catalog, and old code cannot tell.");
	}

	private static TypeChange rewrite(String change) {
		return new TypeChange(Kind.REWRITE, "Changing " + change + " is not binary-coercible: PostgreSQL"
				+ " rewrites the table and rebuilds its indexes, and old code may read values it does not expect.");
	}

	private static TypeChange narrowing(String change, String loss) {
		return new TypeChange(Kind.NARROWING, "Changing " + change + " narrows the type: PostgreSQL rewrites the"
				+ " table and " + loss + ".");
	}

	enum Kind {

		/** Only the catalog changes. */
		NO_REWRITE,

		/** Every row is rewritten, and every value survives. */
		REWRITE,

		/** Every row is rewritten, and values may be cut, rounded or rejected. */
		NARROWING,

		/** The old type is not known. */
		UNKNOWN

	}

}
