/**
 * The public API of FORGE's migration engine: {@link dev.forge.core.Forge} and its results.
 */
@NullMarked
package dev.forge.core;

import org.jspecify.annotations.NullMarked;
