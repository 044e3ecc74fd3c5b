package dev.forge.sample;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A project, owned by a user. Table {@code projects}.
 *
 * @param id the id
 * @param name the name, at most 200 characters
 * @param description what the project is about
 * @param ownerId the owning user
 * @param createdAt when it was created (indexed)
 */
public record Project(UUID id, String name, @Nullable String description, UUID ownerId, Instant createdAt) {

}
