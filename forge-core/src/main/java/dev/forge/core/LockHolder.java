package dev.forge.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The session that holds the cluster-wide migration lock.
 *
 * @param pid the backend process id of the holding session
 * @param applicationName the session's {@code application_name}, which names the node
 * @param clientAddress the client's address, or {@code null} for a local socket
 * @param since when the holding session connected
 */
public record LockHolder(int pid, String applicationName, @Nullable String clientAddress, @Nullable Instant since) {

	@Override
	public String toString() {
		return "pid " + this.pid + " (" + (this.applicationName.isEmpty() ? "no application name"
				: this.applicationName) + ((this.clientAddress != null) ? ", from " + this.clientAddress : "")
				+ ((this.since != null) ? ", connected " + this.since : "") + ")";
	}

}
