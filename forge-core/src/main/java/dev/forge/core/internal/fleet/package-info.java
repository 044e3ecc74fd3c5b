/**
 * The fleet: the nodes table, each node's heartbeats, and what a deferred file removes
 * checked against what the live nodes use. Internal: use {@link dev.forge.core.Fleet}.
 */
@NullMarked
package dev.forge.core.internal.fleet;

import org.jspecify.annotations.NullMarked;
