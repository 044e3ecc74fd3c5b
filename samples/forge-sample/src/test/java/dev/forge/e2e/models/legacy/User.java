package dev.forge.e2e.models.legacy;

import java.time.Instant;
import java.util.UUID;

import dev.forge.model.Column;
import dev.forge.model.ForgeModel;
import dev.forge.model.Id;
import dev.forge.model.Unique;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A user, as the sample's previous release had it: it still reads and writes
 * {@code users.legacy_email}, which the sample's models no longer have.
 *
 * @param id the id
 * @param email the e-mail address, unique
 * @param name the display name
 * @param createdAt when the user signed up
 * @param legacyEmail the address of the old sign-in, which the next release drops
 */
@ForgeModel
public record User(@Id UUID id, @Unique @Size(max = 320) String email, @NotBlank @Size(max = 200) String name,
		@Column(defaultValue = "now()") Instant createdAt, @Nullable @Size(max = 320) String legacyEmail) {

}
