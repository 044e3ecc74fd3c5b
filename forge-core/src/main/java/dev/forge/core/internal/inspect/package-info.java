/**
 * Reads the live schema of a PostgreSQL database from its catalogs.
 */
@NullMarked
package dev.forge.core.internal.inspect;

import org.jspecify.annotations.NullMarked;

