/**
 * Reads {@link dev.forge.model.ForgeModel @ForgeModel} classes into a
 * {@link dev.forge.core.schema.Schema}.
 */
@NullMarked
package dev.forge.core.internal.model;

import org.jspecify.annotations.NullMarked;

