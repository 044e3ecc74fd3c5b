package dev.forge.core;

import java.time.Duration;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A separate JVM that runs the engine until the test kills it. Arguments: the JDBC URL,
 * the migration location, and {@code apply} or {@code rollback-to <name>}. It prints
 * {@code READY} once the engine is configured and has read the files and the history, just
 * before the command, so that the test measures its kill delay from there rather than from
 * the JVM's start.
 */
public final class CrashingNode {

	/** The node name, which the test finds the node's sessions by. */
	static final String NODE_NAME = "crashing-node";

	private CrashingNode() {
	}

	public static void main(String[] args) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(args[0]);
		if (!args[0].contains("user=")) {
			dataSource.setUser("postgres");
		}
		Forge forge = Forge.configure()
			.dataSource(dataSource)
			.locations(args[1])
			.nodeName(NODE_NAME)
			.clusterLockWait(Duration.ofSeconds(30))
			.load();
		// reads the files and the history once, so that the kill window starts with a warm engine
		forge.status();
		System.out.println("READY");
		System.out.flush();
		if (args[2].equals("apply")) {
			forge.apply();
		}
		else {
			forge.rollbackTo(args[3]);
		}
		System.out.println("DONE");
	}

}
