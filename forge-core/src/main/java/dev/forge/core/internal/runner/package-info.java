/**
 * Applies, rolls back and repairs migrations. Internal: use {@link dev.forge.core.Forge}.
 */
@NullMarked
package dev.forge.core.internal.runner;

import org.jspecify.annotations.NullMarked;

