package dev.forge.benchmarks;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Flyway's {@code info} (or {@code migrate}) as a plain {@code main} on flyway-core, for
 * {@link CommandLineBenchmark}: Flyway's own command line (flyway-commandline) cannot be
 * resolved from Maven Central here, since one of its dependencies is not served. Prints
 * one line per migration, as {@code flyway info} does.
 */
public final class FlywayInfo {

	private FlywayInfo() {
	}

	/**
	 * Runs Flyway.
	 * @param args the JDBC URL (with its user), the migrations' folder, and {@code info}
	 * or {@code migrate}
	 */
	public static void main(String[] args) {
		Flyway flyway = Flyway.configure().dataSource(args[0], null, null).locations("filesystem:" + args[1]).load();
		if ("migrate".equals(args[2])) {
			System.out.println("Successfully applied " + flyway.migrate().migrationsExecuted + " migrations");
			return;
		}
		MigrationInfo[] migrations = flyway.info().all();
		for (MigrationInfo migration : migrations) {
			System.out.println(migration.getVersion() + " | " + migration.getDescription() + " | "
					+ migration.getInstalledOn() + " | " + migration.getState().getDisplayName());
		}
		System.out.println(migrations.length + " migrations");
	}

}
