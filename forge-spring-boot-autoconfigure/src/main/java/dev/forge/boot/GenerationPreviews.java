package dev.forge.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.forge.boot.ForgeOperations.GenerationPreview;
import dev.forge.core.GeneratedMigration;
import dev.forge.core.schema.SchemaDiff;

/**
 * The previews that wait for a reviewer's decision: a few, for a while. Bounded, so that
 * previews nobody applies or cancels cannot fill the memory.
 */
final class GenerationPreviews {

	private static final int MAX_PREVIEWS = 16;

	private static final Duration LIFETIME = Duration.ofMinutes(30);

	private final Map<String, Kept> previews = new LinkedHashMap<>();

	private final Clock clock;

	GenerationPreviews(Clock clock) {
		this.clock = clock;
	}

	GenerationPreview remember(String name, SchemaDiff diff, List<GeneratedMigration> files) {
		GenerationPreview preview = new GenerationPreview(UUID.randomUUID().toString(), name, diff, files);
		keep(preview);
		return preview;
	}

	synchronized void keep(GenerationPreview preview) {
		Instant oldest = this.clock.instant().minus(LIFETIME);
		this.previews.values().removeIf((kept) -> kept.created().isBefore(oldest));
		Iterator<String> ids = this.previews.keySet().iterator();
		while (this.previews.size() >= MAX_PREVIEWS && ids.hasNext()) {
			ids.next();
			ids.remove();
		}
		this.previews.put(preview.id(), new Kept(preview, this.clock.instant()));
	}

	synchronized GenerationPreview take(String id) {
		Kept kept = this.previews.remove(id);
		if (kept == null || kept.created().isBefore(this.clock.instant().minus(LIFETIME))) {
			throw new ForgeOperations.PreviewNotFoundException();
		}
		return kept.preview();
	}

	synchronized boolean forget(String id) {
		return this.previews.remove(id) != null;
	}

	static void delete(List<Path> files) {
		for (Path file : files) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// the file then shows as pending, where the user sees it
			}
		}
	}

	private record Kept(GenerationPreview preview, Instant created) {

	}

}
