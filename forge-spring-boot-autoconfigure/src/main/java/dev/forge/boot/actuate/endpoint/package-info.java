/**
 * Actuator support for FORGE Migrations: the forge-migrations and forge-drift endpoints.
 */
@NullMarked
package dev.forge.boot.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
