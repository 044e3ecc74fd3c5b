/**
 * Migration files: names, sections, directives, checksums and where they are read from.
 */
@NullMarked
package dev.forge.core.internal.migration;

import org.jspecify.annotations.NullMarked;

