/**
 * Backfill jobs: their table, registration at apply time and execution in batches keyed on
 * the primary key. Internal: use {@link dev.forge.core.BackfillJobs}.
 */
@NullMarked
package dev.forge.core.internal.backfill;

import org.jspecify.annotations.NullMarked;
