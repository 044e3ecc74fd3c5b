/**
 * Turns {@link dev.forge.core.schema.SchemaChange changes} into SQL and writes migration
 * files with {@code -- Up} and {@code -- Down} sections, in the safe forms of DESIGN §6.
 */
@NullMarked
package dev.forge.core.internal.generate;

import org.jspecify.annotations.NullMarked;

