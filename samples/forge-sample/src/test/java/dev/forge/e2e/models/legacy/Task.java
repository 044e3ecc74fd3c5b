package dev.forge.e2e.models.legacy;

import java.time.Instant;
import java.util.UUID;

import dev.forge.model.Column;
import dev.forge.model.ForgeModel;
import dev.forge.model.Id;
import dev.forge.model.Indexed;
import dev.forge.model.References;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A task, as in the sample and its previous release.
 *
 * @param id the id
 * @param projectId the project (indexed)
 * @param title the title, at most 200 characters
 * @param done whether it is done
 * @param createdAt when it was created
 */
@ForgeModel
public record Task(@Id UUID id, @References(Project.class) @Indexed UUID projectId,
		@NotBlank @Size(max = 200) String title, @Column(defaultValue = "false") boolean done,
		@Column(defaultValue = "now()") Instant createdAt) {

}
