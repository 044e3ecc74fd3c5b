/**
 * A lexer and statement splitter for PostgreSQL SQL.
 */
@NullMarked
package dev.forge.core.internal.script;

import org.jspecify.annotations.NullMarked;

