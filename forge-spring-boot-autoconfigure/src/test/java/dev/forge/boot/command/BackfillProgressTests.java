package dev.forge.boot.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.forge.core.BackfillJob;
import dev.forge.core.JobStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BackfillProgress}.
 */
class BackfillProgressTests {

	private static final Instant STARTED = Instant.now().minusSeconds(60);

	@Test
	void barShowsPercentRowsRateAndTimeLeft() {
		assertThat(BackfillProgress.bar(job(JobStatus.RUNNING, 90_000, 200_000), 85_000))
			.isEqualTo("[#########...........] 45% 90,000/200,000 rows 85,000 rows/s ETA 2s");
		assertThat(BackfillProgress.bar(job(JobStatus.DONE, 200_000, 200_000), 85_000))
			.isEqualTo("[####################] 100% 200,000/200,000 rows 85,000 rows/s");
		assertThat(BackfillProgress.bar(job(JobStatus.RUNNING, 0, 0), 0))
			.isEqualTo("[....................] 0% 0/0 rows 0 rows/s");
	}

	@Test
	void timeLeftIsShownInSecondsMinutesOrHoursOnlyForARunningJob() {
		assertThat(BackfillProgress.eta(job(JobStatus.RUNNING, 0, 125_000), 1000)).isEqualTo("2m 05s");
		assertThat(BackfillProgress.eta(job(JobStatus.PENDING, 0, 7_380_000), 1000)).isEqualTo("2h 03m");
		assertThat(BackfillProgress.eta(job(JobStatus.PAUSED, 0, 125_000), 1000)).isNull();
		assertThat(BackfillProgress.eta(job(JobStatus.RUNNING, 0, 125_000), 0)).as("no rate yet").isNull();
	}

	@Test
	void onATerminalTheBarIsRedrawnInPlaceAndItsLineEndedOnClose() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		AtomicReference<BackfillJob> current = new AtomicReference<>(job(JobStatus.RUNNING, 50, 100));
		BackfillProgress progress = new BackfillProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true,
				Duration.ofMillis(20));
		try (BackfillProgress.Watch watch = progress.watch(() -> Optional.of(current.get()))) {
			Thread.sleep(200);
			current.set(job(JobStatus.DONE, 100, 100));
		}
		String out = bytes.toString(StandardCharsets.UTF_8);
		assertThat(out).startsWith("\r[##########..........] 50% 50/100 rows ")
			.contains("\r[####################] 100% 100/100 rows ")
			.endsWith("\n");
		assertThat(out.chars().filter((c) -> c == '\n').count()).as("one line, redrawn").isOne();
	}

	@Test
	void elsewhereALineIsPrintedWhenTheJobMoved() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		AtomicReference<BackfillJob> current = new AtomicReference<>(job(JobStatus.RUNNING, 50, 100));
		BackfillProgress progress = new BackfillProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
				Duration.ofMillis(20));
		try (BackfillProgress.Watch watch = progress.watch(() -> Optional.of(current.get()))) {
			Thread.sleep(200);
			current.set(job(JobStatus.DONE, 100, 100));
		}
		assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2)
			.satisfiesExactly((line) -> assertThat(line).startsWith("0002_fill: RUNNING 50% 50/100 rows "),
					(line) -> assertThat(line).startsWith("0002_fill: DONE 100% 100/100 rows "));
	}

	private static BackfillJob job(JobStatus status, long rowsDone, long rowsEstimated) {
		return new BackfillJob("0002_fill", status, "classpath:db/0002_fill.sql", "documents", "id", "", 100, rowsDone,
				rowsEstimated, null, 1, 0, null, STARTED, STARTED, null, null, null);
	}

}
