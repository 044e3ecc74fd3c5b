/**
 * The annotations that describe FORGE models: {@link dev.forge.model.ForgeModel} on a
 * record or class, and column-level annotations on its components or fields.
 */
@NullMarked
package dev.forge.model;

import org.jspecify.annotations.NullMarked;
