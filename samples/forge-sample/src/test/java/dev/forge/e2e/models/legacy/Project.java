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
import org.jspecify.annotations.Nullable;

/**
 * A project, as in the sample and its previous release.
 *
 * @param id the id
 * @param name the name, at most 200 characters
 * @param description what the project is about
 * @param ownerId the owning user
 * @param createdAt when it was created (indexed)
 * @param wordCount the words of the description; filled for older projects by the
 * {@code backfill_word_count} job
 */
@ForgeModel
public record Project(@Id UUID id, @NotBlank @Size(max = 200) String name, @Nullable String description,
		@References(User.class) UUID ownerId, @Indexed @Column(defaultValue = "now()") Instant createdAt,
		@Nullable Integer wordCount) {

}
