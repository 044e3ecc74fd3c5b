package dev.forge.core.internal.backfill;

/**
 * Keeps the workers of one node under {@code max-rows-per-second}: each batch books the time
 * its rows are worth at that rate, and a worker waits until its booking starts.
 */
final class Throttle {

	private final int maxRowsPerSecond;

	private long next = System.nanoTime();

	Throttle(int maxRowsPerSecond) {
		this.maxRowsPerSecond = maxRowsPerSecond;
	}

	void after(long rows) throws InterruptedException {
		if (this.maxRowsPerSecond <= 0 || rows == 0) {
			return;
		}
		long wait;
		synchronized (this) {
			long now = System.nanoTime();
			this.next = Math.max(this.next, now) + rows * 1_000_000_000L / this.maxRowsPerSecond;
			wait = this.next - now;
		}
		if (wait > 0) {
			Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
		}
	}

}
