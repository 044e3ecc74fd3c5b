package dev.forge.core.internal.migration;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that read and hash the migration files of one run: daemon threads named
 * {@code forge-catalog-N}, at most one per available processor, created as work comes and
 * gone once the run closes them. The application's common {@code ForkJoinPool} is never
 * used: a start must not queue behind the application's own parallel work, nor slow it.
 * <p>
 * One set per run rather than per {@link dev.forge.core.Forge} instance: an instance has no
 * end of life to shut threads down at (it may live as long as the application, or be built
 * for a single call), while a run has a clear end. Starting two threads costs a fraction
 * of a millisecond against the milliseconds of reading the files, and nothing of FORGE
 * stays behind in the application between runs.
 */
public final class CatalogThreads implements Executor, AutoCloseable {

	private final ThreadPoolExecutor executor;

	private CatalogThreads(int size) {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory factory = (task) -> {
			Thread thread = new Thread(task, "forge-catalog-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		this.executor = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
				factory);
	}

	/**
	 * Returns threads for one run; none is started before work is given to it.
	 * @return the threads; close them when the run ends
	 */
	public static CatalogThreads start() {
		return new CatalogThreads(Runtime.getRuntime().availableProcessors());
	}

	/**
	 * Returns how many threads may run at once.
	 * @return at least one
	 */
	int size() {
		return this.executor.getMaximumPoolSize();
	}

	@Override
	public void execute(Runnable task) {
		this.executor.execute(task);
	}

	/** Lets the threads end once their work is done; waits for nothing. */
	@Override
	public void close() {
		this.executor.shutdown();
	}

}
