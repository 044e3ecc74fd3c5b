package dev.forge.core.internal.backfill;

import java.time.Duration;
import java.util.List;

import dev.forge.core.BackfillListener;
import dev.forge.core.internal.migration.BackfillOptions;

/**
 * What the workers of one run of a job on this node share.
 *
 * @param name the job's name
 * @param sql the statements of the job's table and {@code WHERE}
 * @param updater what each batch does to its rows
 * @param options the backfill's options
 * @param lockTimeout the lock timeout of each batch
 * @param throttle this node's limit of rows per second
 * @param node this node's name
 * @param progress the job's progress lines
 * @param listeners the listeners of committed batches
 * @param firstBatchSize the size of each worker's first batch
 */
record JobRun(String name, BatchSql sql, BatchUpdater updater, BackfillOptions options, Duration lockTimeout,
		Throttle throttle, String node, ProgressLog progress, List<BackfillListener> listeners, int firstBatchSize) {

}
