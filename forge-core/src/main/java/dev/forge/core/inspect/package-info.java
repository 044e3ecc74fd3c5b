/**
 * Reads the live schema of a PostgreSQL database from its catalogs.
 */
@NullMarked
package dev.forge.core.inspect;

import org.jspecify.annotations.NullMarked;
