package dev.forge.boot.actuate.metrics;

import java.time.Duration;

import dev.forge.core.BackfillListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer metrics of the backfill jobs run on this node: a {@code forge.backfill.rows}
 * counter of the rows updated and a {@code forge.backfill.batch.duration} timer of the
 * committed batches. Both are tagged with the {@code job}'s name, one series per job,
 * which an application has few of. The engine hears its listeners when it is created, so
 * this needs nothing but the registry.
 *
 * @author FORGE
 * @since 0.1.0
 */
public class ForgeBackfillMetrics implements BackfillListener {

	/** Name of the counter of rows updated by backfill batches. */
	public static final String ROWS = "forge.backfill.rows";

	/** Name of the timer of committed backfill batches. */
	public static final String BATCH_DURATION = "forge.backfill.batch.duration";

	private final MeterRegistry registry;

	/**
	 * Creates the metrics.
	 * @param registry the registry
	 */
	public ForgeBackfillMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void batchCommitted(String job, long rows, Duration duration) {
		Counter.builder(ROWS)
			.description("Rows updated by the batches of a backfill job on this node")
			.baseUnit("rows")
			.tag("job", job)
			.register(this.registry)
			.increment(rows);
		Timer.builder(BATCH_DURATION)
			.description("Time taken by a committed batch of a backfill job")
			.tag("job", job)
			.register(this.registry)
			.record(duration);
	}

}
