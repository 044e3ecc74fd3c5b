/**
 * The cluster-wide migration lock.
 */
@NullMarked
package dev.forge.core.internal.lock;

import org.jspecify.annotations.NullMarked;

