package dev.forge.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.forge.core.BreakingChangePolicy;
import dev.forge.core.Forge;
import dev.forge.core.MigrationInfo;
import dev.forge.core.MigrationPlan;
import dev.forge.core.MigrationState;
import dev.forge.core.PlannedMigration;
import dev.forge.core.PlannedStatement;
import dev.forge.core.schema.SchemaChange;
import dev.forge.core.schema.SchemaDiff;
import dev.forge.core.DriftReport;
import dev.forge.core.internal.generate.DdlRenderer;
import dev.forge.core.GeneratedMigration;
import dev.forge.core.GenerationResult;
import dev.forge.core.Finding;

/**
 * {@link ForgeSchemaTools} on the FORGE engine: the plan with its safety findings, model
 * driven generation, drift and check, each as text for a terminal and as a value for JSON.
 *
 * @author FORGE
 * @since 0.1.0
 */
public final class EngineSchemaTools implements ForgeSchemaTools {

	private final Forge forge;

	/**
	 * Creates the tools.
	 * @param forge the engine
	 */
	public EngineSchemaTools(Forge forge) {
		this.forge = forge;
	}

	@Override
	public Report plan() {
		MigrationPlan plan = this.forge.plan();
		if (plan.isEmpty()) {
			return new Report(true, "No pending migrations: apply has nothing to run.", plan);
		}
		List<PlannedMigration> waiting = plan.waiting();
		boolean refused = this.forge.configuration().onBreaking() == BreakingChangePolicy.FAIL
				&& plan.runnable().stream().anyMatch(PlannedMigration::needsBreakingAcceptance);
		StringBuilder text = new StringBuilder();
		for (PlannedMigration migration : plan.migrations()) {
			text.append(migration.name())
				.append(migration.transactional() ? " (one transaction)" : " (statement by statement, no transaction)");
			plan.whyWaiting(migration).ifPresent((why) -> text.append(" — ").append(why));
			text.append('\n');
			for (PlannedStatement statement : migration.statements()) {
				text.append("  line ").append(statement.line()).append(": ").append(oneLine(statement.sql())).append('\n');
			}
			for (Finding finding : migration.findings()) {
				if (finding.needsAttention()) {
					text.append("    ! ").append(finding.describe()).append('\n');
				}
			}
			if (migration.needsBreakingAcceptance()) {
				text.append('\n').append(migration.breakingChanges().text()).append('\n');
			}
			text.append('\n');
		}
		if (refused) {
			text.append("apply would refuse this plan: add '-- forge:allow-breaking' to the files above once every"
					+ " node runs code that no longer uses what they change, or set 'forge.migrations.on-breaking'.");
		}
		else if (!waiting.isEmpty()) {
			text.append("apply would run ").append(plan.runnable().size()).append(" of ")
				.append(plan.migrations().size()).append(" and leave ").append(waiting.get(0).name())
				.append(" and what follows pending: add '-- forge:allow-breaking' to it once every node runs code"
						+ " that no longer uses the old schema.");
		}
		return new Report(!refused, text.toString().stripTrailing(), plan);
	}

	@Override
	public Report generate(String name) {
		GenerationResult result = this.forge.generate(name);
		StringBuilder text = new StringBuilder(result.message());
		for (GeneratedMigration migration : result.scripts()) {
			text.append("\n\n").append(migration.fileName()).append(":\n").append(migration.content().stripTrailing());
		}
		if (result.hasChanges()) {
			text.append("\n\nReview the files, then run 'migrate apply' and commit them.");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", result.message());
		body.put("files", result.files().stream().map(String::valueOf).toList());
		body.put("migrations", result.scripts());
		return new Report(true, text.toString(), body);
	}

	@Override
	public Report drift() {
		DriftReport report = this.forge.drift();
		return new Report(!report.hasDrift(), report.render(), report);
	}

	@Override
	public Report check() {
		SchemaDiff diff = this.forge.check();
		if (diff.isEmpty()) {
			return new Report(true, "✓ The migration files hold every change of the models.", diff);
		}
		DdlRenderer renderer = new DdlRenderer();
		List<String> lines = new ArrayList<>();
		for (SchemaChange change : diff.changes()) {
			renderer.render(change).forEach((sql) -> lines.add("  - " + oneLine(sql)));
		}
		return new Report(false, "✗ The models have " + diff.changes().size() + " change"
				+ ((diff.changes().size() == 1) ? "" : "s") + " that no migration file holds:\n" + String.join("\n", lines)
				+ "\nRun 'migrate generate <name>' to write them into a migration.", diff);
	}

	@Override
	public List<String> findings(MigrationInfo migration) {
		if (migration.state() == MigrationState.MISSING_FILE) {
			return List.of();
		}
		return this.forge.findings(migration.name())
			.stream()
			.filter(Finding::needsAttention)
			.map(Finding::describe)
			.toList();
	}

	private static String oneLine(String sql) {
		String line = sql.strip().replaceAll("\\s*\\R\\s*", " ");
		return (line.length() > 160) ? line.substring(0, 157) + "..." : line;
	}

}
