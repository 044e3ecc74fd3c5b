/**
 * Actuator support for FORGE Migrations: the forge health indicator.
 */
@NullMarked
package dev.forge.boot.actuate.health;

import org.jspecify.annotations.NullMarked;
