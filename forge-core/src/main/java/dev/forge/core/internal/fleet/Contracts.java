package dev.forge.core.internal.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.forge.core.ContractCheck;
import dev.forge.core.Finding;
import dev.forge.core.FleetNode;
import org.jspecify.annotations.Nullable;

/**
 * What a deferred file removes, read from the breaking findings of the safety analysis, and
 * which live nodes' models still use any of it. A removed table blocks every node that uses
 * the table or any of its columns; a removed column blocks the nodes that use that column.
 */
public final class Contracts {

	private static final Set<String> REMOVING = Set.of("DROP TABLE", "DROP COLUMN", "RENAME TABLE",
			"RENAME COLUMN", "SET SCHEMA");

	private Contracts() {
	}

	/**
	 * Returns the tables and columns that findings drop or rename away, lower case, without
	 * the default schema's prefix.
	 * @param findings the findings of one file
	 * @param defaultSchema the schema whose names are written unqualified
	 * @return e.g. {@code users.legacy_email}, in the order found
	 */
	public static List<String> removes(List<Finding> findings, String defaultSchema) {
		return removals(findings, defaultSchema).stream().map(Removal::name).toList();
	}

	/**
	 * The removals of a file in statement order. A name that a later statement of the file
	 * creates again is not removed: the second phase of a type change drops {@code t.c} and
	 * renames {@code t.c_new} to {@code t.c}, which code keeps using.
	 */
	private static List<Removal> removals(List<Finding> findings, String defaultSchema) {
		Map<String, Removal> removals = new LinkedHashMap<>();
		for (Finding finding : findings) {
			String operation = finding.operation();
			boolean column = operation.endsWith("COLUMN");
			String target = finding.target().toLowerCase(Locale.ROOT);
			int arrow = target.indexOf(" \u2192 ");
			if (finding.isBreaking() && REMOVING.contains(operation)) {
				String old = unqualified(((arrow >= 0) ? target.substring(0, arrow) : target).trim(), column,
						defaultSchema);
				removals.put(old, new Removal(old, !column));
			}
			if (arrow >= 0 && (operation.startsWith("RENAME") || operation.equals("SET SCHEMA"))) {
				removals.remove(unqualified(target.substring(arrow + 3).trim(), column, defaultSchema));
			}
			else if (operation.equals("ADD COLUMN") || operation.equals("CREATE TABLE")) {
				removals.remove(unqualified(target.trim(), column, defaultSchema));
			}
		}
		return List.copyOf(removals.values());
	}

	private static String unqualified(String name, boolean column, String defaultSchema) {
		String prefix = defaultSchema.toLowerCase(Locale.ROOT) + ".";
		long dots = name.chars().filter((c) -> c == '.').count();
		boolean qualified = column ? dots >= 2 : dots >= 1;
		return (qualified && name.startsWith(prefix)) ? name.substring(prefix.length()) : name;
	}

	/**
	 * Checks what a file removes against the live nodes.
	 * @param migration the file's migration name
	 * @param findings the file's findings
	 * @param defaultSchema the schema whose names are written unqualified
	 * @param live the live nodes
	 * @param backfillWait why it waits for a backfill, or {@code null}
	 * @return the check
	 */
	public static ContractCheck check(String migration, List<Finding> findings, String defaultSchema,
			List<FleetNode> live, @Nullable String backfillWait) {
		List<Removal> removals = removals(findings, defaultSchema);
		List<ContractCheck.Blocker> blockers = new ArrayList<>();
		for (FleetNode node : live) {
			List<String> used = node.uses()
				.stream()
				.map((use) -> use.toLowerCase(Locale.ROOT))
				.sorted()
				.filter((use) -> removals.stream().anyMatch((removal) -> removal.covers(use)))
				.toList();
			if (!used.isEmpty()) {
				blockers.add(new ContractCheck.Blocker(node, used));
			}
		}
		return new ContractCheck(migration, removals.stream().map(Removal::name).toList(), blockers, backfillWait);
	}

	/** A removed table, which covers its columns too, or a removed column. */
	private record Removal(String name, boolean table) {

		boolean covers(String use) {
			return use.equals(this.name) || (this.table && use.startsWith(this.name + "."));
		}

	}

	/**
	 * Describes a safe check for the history and the log: e.g. {@code no live node uses
	 * users.legacy_email; 2 live nodes checked}.
	 * @param check the check
	 * @param live how many live nodes were checked
	 * @return the description
	 */
	public static String whySafe(ContractCheck check, int live) {
		return "no live node uses " + String.join(", ", check.removes()) + "; " + live + " live node"
				+ ((live == 1) ? "" : "s") + " checked";
	}

}
