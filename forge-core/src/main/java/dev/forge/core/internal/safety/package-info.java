/**
 * Safety analysis of migrations for rolling deployments: which statements break code that
 * is still running, hold strong locks for long, or throw data away, and what to do instead.
 * The entry point is {@link dev.forge.core.internal.safety.SafetyAnalyzer}.
 */
@NullMarked
package dev.forge.core.internal.safety;

import org.jspecify.annotations.NullMarked;

