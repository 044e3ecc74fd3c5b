/**
 * Reads JPA {@code @Entity} classes into tables the way Hibernate maps them under Spring
 * Boot's defaults. The only package of the engine that uses {@code jakarta.persistence},
 * an optional dependency: it is reached only when an entity is among the models.
 */
@NullMarked
package dev.forge.core.internal.model.jpa;

import org.jspecify.annotations.NullMarked;
