package dev.forge.core;

import java.util.List;

/**
 * What a rollback did.
 *
 * @param rolledBack the migrations rolled back, newest first
 * @param warnings e.g. that a Down section dropped data
 */
public record RollbackResult(List<MigrationExecution> rolledBack, List<String> warnings) {

}
