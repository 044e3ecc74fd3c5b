/**
 * The history table of applied migrations.
 */
@NullMarked
package dev.forge.core.history;

import org.jspecify.annotations.NullMarked;
