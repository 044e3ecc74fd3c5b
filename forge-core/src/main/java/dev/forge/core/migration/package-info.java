/**
 * Migration files: names, sections, directives, checksums and where they are read from.
 */
@NullMarked
package dev.forge.core.migration;

import org.jspecify.annotations.NullMarked;
