package dev.forge.core.internal.runner;

import java.io.IOException;

import dev.forge.core.MigrationResource;
import org.jspecify.annotations.Nullable;

/**
 * A migration file that is read from its source once and parsed from memory the second
 * time, for a review that both checksums and analyses every file. The content is let go
 * after the second read, so a review holds at most the files between the two reads.
 */
final class ReadOnce implements MigrationResource {

	private final MigrationResource resource;

	private @Nullable String content;

	ReadOnce(MigrationResource resource) {
		this.resource = resource;
	}

	@Override
	public String fileName() {
		return this.resource.fileName();
	}

	@Override
	public String location() {
		return this.resource.location();
	}

	@Override
	public synchronized String read() throws IOException {
		String read = this.content;
		if (read != null) {
			this.content = null;
			return read;
		}
		read = this.resource.read();
		this.content = read;
		return read;
	}

}
