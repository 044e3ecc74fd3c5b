package dev.forge.core;

import java.time.Duration;

/**
 * One migration that was applied or rolled back.
 *
 * @param name the migration's name
 * @param statements how many statements ran
 * @param duration how long it took
 * @param transactional whether it ran in one transaction
 */
public record MigrationExecution(String name, int statements, Duration duration, boolean transactional) {

}
