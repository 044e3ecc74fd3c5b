/**
 * Adopts a database that FORGE did not build: the baseline file that recreates its schema,
 * and the import of a Flyway history.
 */
@NullMarked
package dev.forge.core.internal.baseline;

import org.jspecify.annotations.NullMarked;
