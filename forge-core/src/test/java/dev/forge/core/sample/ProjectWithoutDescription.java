package dev.forge.core.sample;

import java.time.Instant;
import java.util.UUID;

import dev.forge.model.ForgeModel;
import dev.forge.model.Id;
import dev.forge.model.Indexed;
import dev.forge.model.References;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@link Project} as it was before it had a description. */
@ForgeModel(table = "projects")
public record ProjectWithoutDescription(@Id UUID id, @NotBlank @Size(max = 200) String name,
		@References(User.class) UUID ownerId, @Indexed Instant createdAt) {

}
