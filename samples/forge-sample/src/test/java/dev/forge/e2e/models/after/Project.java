package dev.forge.e2e.models.after;

import java.time.Instant;
import java.util.UUID;

import dev.forge.model.ForgeModel;
import dev.forge.model.Id;
import dev.forge.model.Indexed;
import dev.forge.model.References;
import org.jspecify.annotations.Nullable;

/**
 * A project, as in the sample: the model after the change: projects get a priority.
 *
 * @param id the id
 * @param name the name
 * @param description what the project is about
 * @param priority how urgent it is (the change of model: a new nullable column)
 * @param ownerId the owning user
 * @param createdAt when it was created
 */
@ForgeModel
public record Project(@Id UUID id, String name, @Nullable String description,
		@Nullable Integer priority,
		@References(User.class) UUID ownerId, @Indexed Instant createdAt) {

}
