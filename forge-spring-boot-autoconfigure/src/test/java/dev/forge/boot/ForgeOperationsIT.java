package dev.forge.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.forge.core.Forge;
import dev.forge.core.MigrationSource;
import dev.forge.core.MigrationState;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status that health and metrics read is cached: read once per refresh interval, and
 * again after every run through {@link ForgeOperations}.
 */
@PostgresTest
class ForgeOperationsIT {

	@Test
	void currentStatusIsReadOncePerIntervalAndAgainAfterARun(TestDatabase database, @TempDir Path folder)
			throws IOException {
		database.reset();
		Files.writeString(folder.resolve("0001_create_t.sql"), "CREATE TABLE t (id int);\n");
		AtomicInteger listings = new AtomicInteger();
		MigrationSource counting = () -> {
			listings.incrementAndGet();
			return MigrationSource.directory(folder).resources();
		};
		MutableClock clock = new MutableClock();
		ForgeOperations operations = new ForgeOperations(
				Forge.configure().dataSource(database.dataSource()).migrationSource(counting).load(), List::of, clock);

		assertThat(operations.currentStatus().report().inState(MigrationState.PENDING)).hasSize(1);
		clock.advance(ForgeOperations.STATUS_REFRESH.minusSeconds(1));
		assertThat(operations.currentStatus().report().inState(MigrationState.PENDING)).hasSize(1);
		assertThat(listings).hasValue(1);

		clock.advance(Duration.ofSeconds(2));
		operations.currentStatus();
		assertThat(listings).hasValue(2);

		operations.apply();
		int afterApply = listings.get();
		assertThat(operations.currentStatus().report().inState(MigrationState.APPLIED)).hasSize(1);
		assertThat(listings).hasValue(afterApply + 1);
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
