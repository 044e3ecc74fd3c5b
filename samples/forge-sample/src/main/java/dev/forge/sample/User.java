package dev.forge.sample;

import java.time.Instant;
import java.util.UUID;

/**
 * A user who owns projects. Table {@code users}.
 *
 * @param id the id
 * @param email the e-mail address, unique
 * @param name the display name
 * @param createdAt when the user signed up
 */
public record User(UUID id, String email, String name, Instant createdAt) {

}
