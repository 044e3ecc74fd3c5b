/**
 * An immutable model of a PostgreSQL schema: tables, columns, keys, indexes and
 * constraints. Both the model reader and the inspector produce it; the differ compares two.
 */
@NullMarked
package dev.forge.core.schema;

import org.jspecify.annotations.NullMarked;
