package dev.forge.core.internal.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.forge.core.ContractCheck;
import dev.forge.core.Finding;
import dev.forge.core.FleetNode;
import dev.forge.core.internal.safety.SafetyAnalyzer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a deferred file removes, read from the safety analysis of its SQL, and which nodes'
 * uses that blocks.
 */
class ContractsTests {

	private final SafetyAnalyzer analyzer = new SafetyAnalyzer(SafetyAnalyzer.DEFAULT_SERVER_VERSION);

	@Test
	void dropsAndRenamesOfColumnsAndTablesAreRemovedWithoutTheDefaultSchema() {
		List<Finding> findings = this.analyzer.analyze("ALTER TABLE users DROP COLUMN legacy_email;\n"
				+ "ALTER TABLE public.projects RENAME COLUMN name TO title;\n" + "DROP TABLE public.audit, \"Old\";\n"
				+ "ALTER TABLE teams RENAME TO groups;\n" + "ALTER TABLE billing.invoices DROP COLUMN fax;\n"
				+ "ALTER TABLE users ADD COLUMN bio text;\n" + "CREATE INDEX users_email ON users (email);\n");

		assertThat(Contracts.removes(findings, "public")).containsExactly("users.legacy_email", "projects.name",
				"audit", "old", "teams", "billing.invoices.fax");
	}

	@Test
	void aColumnThatTheFileCreatesAgainIsNotRemoved() {
		List<Finding> typeChange = this.analyzer.analyze("ALTER TABLE docs DROP COLUMN title;\n"
				+ "ALTER TABLE docs RENAME COLUMN title_new TO title;\n");
		List<Finding> dropAndAdd = this.analyzer.analyze("ALTER TABLE docs DROP COLUMN body;\n"
				+ "ALTER TABLE docs ADD COLUMN body text;\n");

		assertThat(Contracts.removes(typeChange, "public")).containsExactly("docs.title_new");
		assertThat(Contracts.removes(dropAndAdd, "public")).isEmpty();
	}

	@Test
	void aDroppedTableBlocksUsersOfTheTableAndOfItsColumnsAndADroppedColumnOnlyItsUsers() {
		List<Finding> findings = this.analyzer
			.analyze("DROP TABLE audit;\nALTER TABLE users DROP COLUMN legacy_email;\n");
		FleetNode auditReader = node("reports", Set.of("audit.id", "users", "users.email"));
		FleetNode oldWeb = node("web-1", Set.of("users", "users.email", "users.legacy_email"));
		FleetNode newWeb = node("web-2", Set.of("users", "users.email", "audit_log", "audit_log.id"));

		ContractCheck check = Contracts.check("0007_contract", findings, "public", List.of(auditReader, oldWeb, newWeb),
				null);

		assertThat(check.removes()).containsExactly("audit", "users.legacy_email");
		assertThat(check.blockedBy()).extracting(ContractCheck.Blocker::describe)
			.containsExactly("reports (2.0) on host-a pid 7, which uses audit.id",
					"web-1 (2.0) on host-a pid 7, which uses users.legacy_email");
		assertThat(check.safe()).isFalse();
		assertThat(Contracts.check("0007_contract", findings, "public", List.of(newWeb), null).safe()).isTrue();
		assertThat(Contracts.check("0007_contract", findings, "public", List.of(newWeb), "waits for backfill job x")
			.safe()).as("a backfill wait holds it back").isFalse();
	}

	private static FleetNode node(String application, Set<String> uses) {
		return new FleetNode(application + "-id", "host-a", 7, application, "2.0", Instant.EPOCH, Instant.EPOCH, uses);
	}

}
