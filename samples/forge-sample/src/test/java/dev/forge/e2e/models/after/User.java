package dev.forge.e2e.models.after;

import java.time.Instant;
import java.util.UUID;

import dev.forge.model.ForgeModel;
import dev.forge.model.Id;
import dev.forge.model.Unique;

/**
 * A user, as in the sample: the model after the change: projects get a priority.
 *
 * @param id the id
 * @param email the e-mail address
 * @param name the display name
 * @param createdAt when the user signed up
 */
@ForgeModel
public record User(@Id UUID id, @Unique String email, String name, Instant createdAt) {

}
