package dev.forge.core.internal.runner;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FailureReport#abbreviate(String)}: a statement on one line for a list,
 * without the comments that would seem to comment out the rest of it.
 */
class FailureReportTests {

	@Test
	void flattensAStatementAndLeavesOutItsComments() {
		assertThat(FailureReport.abbreviate("ALTER TABLE projects -- the old name\n  DROP COLUMN /* data! */ name"))
			.isEqualTo("ALTER TABLE projects DROP COLUMN name");
	}

	@Test
	void keepsDashesInsideStringLiterals() {
		assertThat(FailureReport.abbreviate("UPDATE t SET note = 'a -- b'\nWHERE id = 1"))
			.isEqualTo("UPDATE t SET note = 'a -- b' WHERE id = 1");
	}

	@Test
	void cutsLongStatementsAt300Characters() {
		assertThat(FailureReport.abbreviate("SELECT " + "x, ".repeat(200) + "y")).hasSize(300).endsWith("...");
	}

}
