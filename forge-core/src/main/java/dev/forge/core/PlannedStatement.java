package dev.forge.core;

/**
 * One statement {@code apply} would run.
 *
 * @param line the line of the statement in its file
 * @param sql the statement's SQL, without the terminating semicolon
 */
public record PlannedStatement(int line, String sql) {

}
