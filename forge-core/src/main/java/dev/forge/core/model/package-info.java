/**
 * Reads {@link dev.forge.model.ForgeModel @ForgeModel} classes into a
 * {@link dev.forge.core.schema.Schema}.
 */
@NullMarked
package dev.forge.core.model;

import org.jspecify.annotations.NullMarked;
