package dev.forge.core.internal.migration;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LockTimeoutsTests {

	@Test
	void readsPostgresDurations() {
		assertThat(LockTimeouts.parse("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(LockTimeouts.parse("10s")).isEqualTo(Duration.ofSeconds(10));
		assertThat(LockTimeouts.parse("2min")).isEqualTo(Duration.ofMinutes(2));
		assertThat(LockTimeouts.parse("1h")).isEqualTo(Duration.ofHours(1));
		assertThat(LockTimeouts.parse("750")).isEqualTo(Duration.ofMillis(750));
		assertThat(LockTimeouts.parse(" 3 s ")).isEqualTo(Duration.ofSeconds(3));
		assertThat(LockTimeouts.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void rejectsWhatPostgresWouldNotAccept() {
		assertThat(LockTimeouts.parse("soon")).isNull();
		assertThat(LockTimeouts.parse("-1s")).isNull();
		assertThat(LockTimeouts.parse("3 S")).as("units are case-sensitive").isNull();
		assertThat(LockTimeouts.parse("")).isNull();
	}

	@Test
	void formatsInMilliseconds() {
		assertThat(LockTimeouts.format(Duration.ofSeconds(5))).isEqualTo("5000ms");
		assertThat(LockTimeouts.format(Duration.ZERO)).isEqualTo("0ms");
	}

}
