package dev.forge.boot.dashboard;

import java.time.Instant;

import dev.forge.boot.dashboard.DashboardApi.JobView;
import dev.forge.core.BackfillJob;
import dev.forge.core.JobStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the Jobs tab words a job: progress against the estimate, the rate and the ETA, and the
 * controls each state allows.
 */
class JobViewTests {

	private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

	@Test
	void aRunningJobHasItsRateAndTheTimeLeftAtThatRate() {
		JobView view = JobView.of(job(JobStatus.RUNNING, 1000, 3000, NOW.minusSeconds(10), null), NOW);

		assertThat(view.percent()).isEqualTo(33);
		assertThat(view.rowsLeft()).isEqualTo(2000);
		assertThat(view.rowsTotal()).isEqualTo(3000);
		assertThat(view.rowsPerSecond()).isEqualTo(100);
		assertThat(view.etaSeconds()).isEqualTo(20);
		assertThat(view.actions()).containsExactly("pause", "cancel");
	}

	@Test
	void aJobPastItsEstimateIsNotShownAsDoneUntilItIs() {
		JobView running = JobView.of(job(JobStatus.RUNNING, 3500, 3000, NOW.minusSeconds(10), null), NOW);
		assertThat(running.percent()).isEqualTo(99);
		assertThat(running.rowsTotal()).isEqualTo(3500);
		assertThat(running.etaSeconds()).as("no rows left by the estimate: no guess").isNull();

		JobView done = JobView.of(job(JobStatus.DONE, 3500, 3000, NOW.minusSeconds(10), NOW), NOW);
		assertThat(done.percent()).isEqualTo(100);
		assertThat(done.rowsLeft()).isZero();
		assertThat(done.etaSeconds()).isNull();
		assertThat(done.actions()).isEmpty();
	}

	@Test
	void onlyARunningJobHasAnEta() {
		for (JobStatus status : new JobStatus[] { JobStatus.PENDING, JobStatus.PAUSED, JobStatus.FAILED,
				JobStatus.CANCELLED }) {
			assertThat(JobView.of(job(status, 1000, 3000, NOW.minusSeconds(10), null), NOW).etaSeconds()).as("%s", status)
				.isNull();
		}
	}

	@Test
	void aJobWithoutAnEstimateHasNoPercent() {
		JobView view = JobView.of(job(JobStatus.PENDING, 0, 0, null, null), NOW);

		assertThat(view.percent()).isNull();
		assertThat(view.rowsPerSecond()).isZero();
	}

	@Test
	void eachStateOffersTheControlsTheEngineAccepts() {
		assertThat(actions(JobStatus.PENDING)).containsExactly("pause", "cancel");
		assertThat(actions(JobStatus.PAUSED)).containsExactly("resume", "cancel");
		assertThat(actions(JobStatus.FAILED)).containsExactly("cancel", "retry");
		assertThat(actions(JobStatus.CANCELLED)).containsExactly("retry");
		assertThat(actions(JobStatus.DONE)).isEmpty();
	}

	private static java.util.List<String> actions(JobStatus status) {
		return JobView.of(job(status, 0, 10, null, null), NOW).actions();
	}

	private static BackfillJob job(JobStatus status, long rowsDone, long rowsEstimated, @Nullable Instant startedAt,
			@Nullable Instant finishedAt) {
		return new BackfillJob("0002_backfill_word_count", status, "migrations/0002_backfill_word_count.sql",
				"documents", "id", "batch-size=100", 100, rowsDone, rowsEstimated, null, rowsDone / 100, 0, null,
				NOW.minusSeconds(60), startedAt, finishedAt, null, null);
	}

}
