package dev.forge.core;

import java.util.List;
import java.util.Map;

/**
 * Everything a reviewer sees about the migrations at one moment: their status, the plan of
 * what {@code apply} would run, and the safety findings of every file. Made from one read
 * of each file and one connection.
 *
 * @param status every migration with its state
 * @param plan what {@code apply} would run
 * @param findings the findings of each migration that has a file, by name: for a pending
 * one as the plan gives them, for any other as if it ran on its own now
 */
public record MigrationReview(StatusReport status, MigrationPlan plan, Map<String, List<Finding>> findings) {

	/**
	 * Creates a review.
	 * @param status the status
	 * @param plan the plan
	 * @param findings the findings by migration name
	 */
	public MigrationReview {
		findings = Map.copyOf(findings);
	}

	/**
	 * Returns the findings of one migration.
	 * @param name the migration's name
	 * @return its findings in statement order, empty when it has none or no file
	 */
	public List<Finding> findings(String name) {
		return this.findings.getOrDefault(name, List.of());
	}

}
