/**
 * Auto-configuration for FORGE Migrations: properties, the engine bean, when migrations
 * run, the {@code migrate} command line and model scanning.
 */
@NullMarked
package dev.forge.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
