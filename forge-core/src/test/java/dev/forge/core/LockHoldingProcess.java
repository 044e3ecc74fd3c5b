package dev.forge.core;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A separate JVM that applies a folder of migrations, for tests that kill a node while it
 * holds the migration lock. Arguments: the JDBC URL and the migration location.
 */
public final class LockHoldingProcess {

	private LockHoldingProcess() {
	}

	public static void main(String[] args) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(args[0]);
		if (!args[0].contains("user=")) {
			dataSource.setUser("postgres");
		}
		Forge.configure().dataSource(dataSource).locations(args[1]).nodeName("doomed-node").load().apply();
	}

}
