package dev.forge.core;

import java.time.Duration;
import java.util.List;

/**
 * What {@code apply} did.
 *
 * @param applied the migrations applied, in order
 * @param warnings what the user should know: out-of-order files, shared numbers, missing
 * files
 * @param duration the time the whole run took, waiting for the lock included
 */
public record ApplyResult(List<MigrationExecution> applied, List<String> warnings, Duration duration) {

}
