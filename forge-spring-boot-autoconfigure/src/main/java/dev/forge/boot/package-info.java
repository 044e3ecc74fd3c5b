/**
 * Spring Boot integration for FORGE Migrations.
 */
@NullMarked
package dev.forge.boot;

import org.jspecify.annotations.NullMarked;
