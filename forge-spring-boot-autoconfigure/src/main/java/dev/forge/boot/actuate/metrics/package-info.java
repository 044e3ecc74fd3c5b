/**
 * Actuator support for FORGE Migrations: Micrometer metrics of applied and pending migrations.
 */
@NullMarked
package dev.forge.boot.actuate.metrics;

import org.jspecify.annotations.NullMarked;
