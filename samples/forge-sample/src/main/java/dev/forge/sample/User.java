package dev.forge.sample;

import java.time.Instant;
import java.util.UUID;

import dev.forge.model.Column;
import dev.forge.model.ForgeModel;
import dev.forge.model.Id;
import dev.forge.model.Unique;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A user who owns projects. Table {@code users}.
 *
 * @param id the id
 * @param email the e-mail address, unique
 * @param name the display name
 * @param createdAt when the user signed up
 */
@ForgeModel
public record User(@Id UUID id, @Unique @Size(max = 320) String email, @NotBlank @Size(max = 200) String name,
		@Column(defaultValue = "now()") Instant createdAt) {

}
