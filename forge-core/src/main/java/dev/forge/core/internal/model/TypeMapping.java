package dev.forge.core.internal.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import dev.forge.core.schema.ColumnType;
import org.jspecify.annotations.Nullable;

/**
 * The built-in mapping of Java types to PostgreSQL types (DESIGN §2).
 */
final class TypeMapping {

	private static final Map<Class<?>, ColumnType> TYPES = Map.ofEntries(Map.entry(UUID.class, ColumnType.UUID),
			Map.entry(String.class, ColumnType.TEXT), Map.entry(int.class, ColumnType.INTEGER),
			Map.entry(Integer.class, ColumnType.INTEGER), Map.entry(long.class, ColumnType.BIGINT),
			Map.entry(Long.class, ColumnType.BIGINT), Map.entry(short.class, ColumnType.of("smallint")),
			Map.entry(Short.class, ColumnType.of("smallint")), Map.entry(boolean.class, ColumnType.BOOLEAN),
			Map.entry(Boolean.class, ColumnType.BOOLEAN), Map.entry(double.class, ColumnType.of("double precision")),
			Map.entry(Double.class, ColumnType.of("double precision")), Map.entry(float.class, ColumnType.of("real")),
			Map.entry(Float.class, ColumnType.of("real")), Map.entry(BigDecimal.class, ColumnType.of("numeric")),
			Map.entry(Instant.class, ColumnType.TIMESTAMPTZ), Map.entry(OffsetDateTime.class, ColumnType.TIMESTAMPTZ),
			Map.entry(LocalDateTime.class, ColumnType.of("timestamp")), Map.entry(LocalDate.class, ColumnType.of("date")),
			Map.entry(LocalTime.class, ColumnType.of("time")), Map.entry(Duration.class, ColumnType.of("interval")),
			Map.entry(byte[].class, ColumnType.of("bytea")));

	private TypeMapping() {
	}

	/**
	 * Returns the column type of a Java type, or {@code null} if there is no built-in
	 * mapping.
	 */
	static @Nullable ColumnType columnType(Class<?> javaType) {
		if (javaType.isEnum()) {
			return ColumnType.TEXT;
		}
		return TYPES.get(javaType);
	}

}
