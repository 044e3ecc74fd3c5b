package dev.forge.core;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A running application node as the nodes table records it.
 *
 * @param id the node's id, unique while it runs
 * @param host the host it runs on
 * @param pid its process id
 * @param application the application's name ({@code spring.application.name})
 * @param version the application's version (build info), or {@code null}
 * @param startedAt when it registered
 * @param heartbeatAt its last heartbeat
 * @param uses the tables ({@code users}) and columns ({@code users.legacy_email}) its models use
 */
public record FleetNode(String id, String host, long pid, String application, @Nullable String version,
		Instant startedAt, Instant heartbeatAt, Set<String> uses) {

	/**
	 * Returns how messages name the node, e.g. {@code web-2 (1.4.2)}.
	 * @return the name
	 */
	public String describe() {
		return this.application + ((this.version != null) ? " (" + this.version + ")" : "") + " on " + this.host
				+ " pid " + this.pid;
	}

}
