package dev.forge.sample;

import java.time.Instant;
import java.util.UUID;

/**
 * A task in a project. Table {@code tasks}.
 *
 * @param id the id
 * @param projectId the project (indexed)
 * @param title the title, at most 200 characters
 * @param done whether it is done
 * @param createdAt when it was created
 */
public record Task(UUID id, UUID projectId, String title, boolean done, Instant createdAt) {

}
