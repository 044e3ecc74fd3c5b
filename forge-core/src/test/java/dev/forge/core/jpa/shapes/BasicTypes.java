package dev.forge.core.jpa.shapes;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Every basic type, primitive and boxed. */
@Entity
public class BasicTypes {

	@Id
	UUID id;

	boolean flag;

	Boolean boxedFlag;

	int count;

	Integer boxedCount;

	long total;

	Long boxedTotal;

	short small;

	Short boxedSmall;

	byte tiny;

	double ratio;

	Double boxedRatio;

	float weight;

	Float boxedWeight;

	char initial;

	Character boxedInitial;

	BigDecimal amount;

	BigInteger huge;

	Instant createdAt;

	LocalDateTime localCreated;

	LocalDate birthDay;

	LocalTime alarm;

	OffsetDateTime offsetAt;

	ZonedDateTime zonedAt;

	Duration timeout;

	byte[] payload;

	String label;

	UUID reference;

}
