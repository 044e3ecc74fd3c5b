/**
 * A lexer and statement splitter for PostgreSQL SQL.
 */
@NullMarked
package dev.forge.core.script;

import org.jspecify.annotations.NullMarked;
