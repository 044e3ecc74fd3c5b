/**
 * A small application of projects, users and tasks whose schema FORGE Migrations manages.
 */
@NullMarked
package dev.forge.sample;

import org.jspecify.annotations.NullMarked;
