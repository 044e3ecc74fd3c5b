package dev.forge.core;

/**
 * Whether a database is one FORGE can adopt: it holds tables, FORGE has recorded nothing,
 * and perhaps Flyway migrated it. The dashboard offers Baseline and Import from Flyway from it.
 *
 * @param tables how many tables and views the schema holds, FORGE's and Flyway's own aside
 * @param historyRows how many rows {@code forge_migrations} has
 * @param migrationFiles how many FORGE migration files the locations hold
 * @param flywayHistory whether {@code flyway_schema_history} exists in the schema
 * @author FORGE
 * @since 0.1.0
 */
public record AdoptionStatus(int tables, int historyRows, int migrationFiles, boolean flywayHistory) {

	/**
	 * Returns whether {@link Forge#baseline(String)} would write a baseline now.
	 * @return {@code true} when the schema has tables and FORGE has neither history nor files
	 */
	public boolean canBaseline() {
		return this.tables > 0 && this.historyRows == 0 && this.migrationFiles == 0;
	}

	/**
	 * Returns whether {@link Forge#importFlyway(java.util.List)} may import now.
	 * @return {@code true} when Flyway's history exists and FORGE has neither history nor files
	 */
	public boolean canImportFlyway() {
		return this.flywayHistory && this.historyRows == 0 && this.migrationFiles == 0;
	}

}
