/**
 * The history table of applied migrations.
 */
@NullMarked
package dev.forge.core.internal.history;

import org.jspecify.annotations.NullMarked;

