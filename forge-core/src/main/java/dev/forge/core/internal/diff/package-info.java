/**
 * Compares the live schema with the models and yields the ordered
 * {@link dev.forge.core.schema.SchemaChange changes} that turn one into the other.
 */
@NullMarked
package dev.forge.core.internal.diff;

import org.jspecify.annotations.NullMarked;

