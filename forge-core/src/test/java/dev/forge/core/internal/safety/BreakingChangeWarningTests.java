package dev.forge.core.internal.safety;

import dev.forge.core.BreakingChangeWarning;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BreakingChangeWarningTests {

	/** The text of section 6 of DESIGN.md, word for word. */
	static final String DESIGN_EXAMPLE = """
			⚠️ WARNING: This migration contains breaking changes

			  - DROP COLUMN: users.legacy_email
			  - RENAME COLUMN: projects.name → projects.title

			These changes will break code that references the old schema.
			Ensure all nodes are running code that doesn't use these fields
			before applying this migration.""";

	@Test
	void warningForTheDesignExampleIsTheDesignText() {
		SafetyAnalyzer analyzer = new SafetyAnalyzer(150000);

		BreakingChangeWarning warning = BreakingChangeWarning.of(analyzer.analyze(
				"ALTER TABLE users DROP COLUMN legacy_email;\nALTER TABLE projects RENAME COLUMN name TO title;"));

		assertThat(warning.text()).isEqualTo(DESIGN_EXAMPLE);
	}

	@Test
	void eachChangeIsListedOnceAndSafeOnesNotAtAll() {
		SafetyAnalyzer analyzer = new SafetyAnalyzer(150000);

		BreakingChangeWarning warning = BreakingChangeWarning
			.of(analyzer.analyze("ALTER TABLE users ADD COLUMN bio text, ALTER COLUMN email SET NOT NULL"));

		assertThat(warning.changes()).containsExactly("SET NOT NULL: users.email");
	}

	@Test
	void warningWithoutBreakingChangesIsEmpty() {
		assertThat(BreakingChangeWarning.of(new SafetyAnalyzer(150000).analyze("CREATE TABLE t (id int)")).isEmpty())
			.isTrue();
	}

}
