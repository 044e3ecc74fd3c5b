package dev.forge.core.internal.model.jpa;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.forge.core.schema.ColumnType;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL types Hibernate 7 creates for basic Java types (its
 * {@code PostgreSQLDialect}), as the catalogs report them: {@code float(53)} is
 * {@code double precision}, {@code float4} is {@code real}.
 */
final class JpaTypes {

	/** Hibernate's default length of character columns. */
	static final int DEFAULT_LENGTH = 255;

	private static final ColumnType TIMESTAMPTZ_6 = new ColumnType("timestamptz", List.of(6), false);

	private static final Map<Class<?>, ColumnType> FIXED = Map.ofEntries(Map.entry(UUID.class, ColumnType.UUID),
			Map.entry(int.class, ColumnType.INTEGER), Map.entry(Integer.class, ColumnType.INTEGER),
			Map.entry(long.class, ColumnType.BIGINT), Map.entry(Long.class, ColumnType.BIGINT),
			Map.entry(short.class, ColumnType.of("smallint")), Map.entry(Short.class, ColumnType.of("smallint")),
			Map.entry(byte.class, ColumnType.of("smallint")), Map.entry(Byte.class, ColumnType.of("smallint")),
			Map.entry(boolean.class, ColumnType.BOOLEAN), Map.entry(Boolean.class, ColumnType.BOOLEAN),
			Map.entry(double.class, ColumnType.of("double precision")),
			Map.entry(Double.class, ColumnType.of("double precision")), Map.entry(float.class, ColumnType.of("real")),
			Map.entry(Float.class, ColumnType.of("real")),
			Map.entry(char.class, new ColumnType("char", List.of(1), false)),
			Map.entry(Character.class, new ColumnType("char", List.of(1), false)),
			Map.entry(BigInteger.class, ColumnType.numeric(38, 0)), Map.entry(Instant.class, TIMESTAMPTZ_6),
			Map.entry(OffsetDateTime.class, TIMESTAMPTZ_6), Map.entry(ZonedDateTime.class, TIMESTAMPTZ_6),
			Map.entry(LocalDateTime.class, new ColumnType("timestamp", List.of(6), false)),
			Map.entry(LocalDate.class, ColumnType.of("date")),
			Map.entry(LocalTime.class, new ColumnType("time", List.of(0), false)),
			Map.entry(Duration.class, ColumnType.numeric(21, 0)), Map.entry(byte[].class, ColumnType.of("bytea")));

	private JpaTypes() {
	}

	/**
	 * Returns the type of a basic attribute, or {@code null} when Hibernate has no default
	 * mapping for it.
	 * @param javaType the attribute's type
	 * @param lob whether it is a {@code @Lob}
	 * @param length the length for character types, or {@code 0} for the default
	 * @param precision the precision for decimals, or {@code 0} for the default
	 * @param scale the scale for decimals
	 */
	static @Nullable ColumnType basic(Class<?> javaType, boolean lob, int length, int precision, int scale) {
		if (lob && (javaType == String.class || javaType == byte[].class || javaType == char[].class)) {
			// Hibernate stores both CLOB and BLOB as large objects on PostgreSQL
			return ColumnType.of("oid");
		}
		if (javaType == String.class) {
			return ColumnType.varchar((length > 0) ? length : DEFAULT_LENGTH);
		}
		if (javaType == BigDecimal.class) {
			return (precision > 0) ? ColumnType.numeric(precision, scale) : ColumnType.numeric(38, 2);
		}
		return FIXED.get(javaType);
	}

}
