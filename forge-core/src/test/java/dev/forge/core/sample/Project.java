package dev.forge.core.sample;

import java.time.Instant;
import java.util.UUID;

import dev.forge.model.ForgeModel;
import dev.forge.model.Id;
import dev.forge.model.Indexed;
import dev.forge.model.References;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@ForgeModel
public record Project(@Id UUID id, @NotBlank @Size(max = 200) String name, @Nullable String description,
		@References(User.class) UUID ownerId, @Indexed Instant createdAt) {

}
