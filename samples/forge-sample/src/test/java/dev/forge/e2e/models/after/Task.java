package dev.forge.e2e.models.after;

import java.time.Instant;
import java.util.UUID;

import dev.forge.model.ForgeModel;
import dev.forge.model.Id;
import dev.forge.model.Indexed;
import dev.forge.model.References;

/**
 * A task, as in the sample: the model after the change: projects get a priority.
 *
 * @param id the id
 * @param projectId the project
 * @param title the title
 * @param done whether it is done
 * @param createdAt when it was created
 */
@ForgeModel
public record Task(@Id UUID id, @References(Project.class) @Indexed UUID projectId, String title, boolean done,
		Instant createdAt) {

}
