/**
 * The {@code migrate} command line that every application using the starter offers.
 */
@NullMarked
package dev.forge.boot.command;

import org.jspecify.annotations.NullMarked;
