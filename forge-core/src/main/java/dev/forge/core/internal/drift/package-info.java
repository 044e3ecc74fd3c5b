/**
 * Schema drift (DESIGN §7): where the live database differs from the models.
 */
@NullMarked
package dev.forge.core.internal.drift;

import org.jspecify.annotations.NullMarked;

