/**
 * The cluster-wide migration lock.
 */
@NullMarked
package dev.forge.core.lock;

import org.jspecify.annotations.NullMarked;
