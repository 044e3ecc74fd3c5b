package dev.forge.core.internal.backfill;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress lines of a job: how often, and their ETA.
 */
class ProgressLogTests {

	@Test
	void aLineIsDueEveryHundredBatchesOfTheNode() {
		ProgressLog progress = new ProgressLog("backfill_word_count");
		int due = 0;
		for (int i = 0; i < 250; i++) {
			due += progress.batchCommitted() ? 1 : 0;
		}
		assertThat(due).isEqualTo(2);
	}

	@Test
	void theEtaIsTheRowsLeftAtTheRate() {
		assertThat(ProgressLog.eta(0, 0)).isEqualTo("0s");
		assertThat(ProgressLog.eta(1000, 0)).isEqualTo("unknown");
		assertThat(ProgressLog.eta(1000, 300)).isEqualTo("4s");
		assertThat(ProgressLog.eta(150_000, 2000)).isEqualTo("1m 15s");
		assertThat(ProgressLog.eta(10_000_000, 2000)).isEqualTo("1h 23m");
	}

}
