package dev.forge.core.internal.generate;

import java.util.List;

import dev.forge.core.BreakingChangeWarning;
import dev.forge.core.GeneratedMigration;
import dev.forge.core.internal.migration.MigrationName;
import dev.forge.core.internal.migration.MigrationScript;
import dev.forge.core.internal.migration.MigrationScriptParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeneratedMigration}: accepting breaking changes in the file, and the
 * wording of its warning.
 */
class GeneratedMigrationTests {

	@Test
	void applyAnywayPutsTheAllowBreakingDirectiveBeforeUpWhereTheParserAcceptsIt() {
		String content = """
				-- Migration: 0002_20240101_000000_drop_legacy
				-- Generated: 2024-01-01T00:00:00Z
				--
				-- ⚠️ WARNING: This migration contains breaking changes
				--
				--   - DROP COLUMN: users.legacy_email

				-- Up
				ALTER TABLE users DROP COLUMN legacy_email;

				-- Down
				ALTER TABLE users ADD COLUMN legacy_email text;
				""";
		String accepted = new GeneratedMigration("0002_20240101_000000_drop_legacy", content, true,
				List.of("DROP COLUMN: users.legacy_email"))
			.withBreakingAccepted("Apply Anyway in the FORGE dashboard")
			.content();
		assertThat(accepted).contains("-- Generated: 2024-01-01T00:00:00Z\n-- Breaking changes accepted with Apply Anyway"
				+ " in the FORGE dashboard\n-- forge:allow-breaking\n--\n");
		MigrationScript script = MigrationScriptParser.parse(new MigrationName("0002_20240101_000000_drop_legacy", "0002"),
				"test", accepted);
		assertThat(script.directives().allowBreaking()).isTrue();
		assertThat(script.checksum()).isEqualTo(MigrationScriptParser
			.parse(new MigrationName("0002_20240101_000000_drop_legacy", "0002"), "test", content)
			.checksum());
	}

	@Test
	void writesTheWarningOfDesignSection6() {
		assertThat(BreakingChangeWarning.text(List.of("DROP COLUMN: users.legacy_email",
				"RENAME COLUMN: projects.name → projects.title")))
			.isEqualTo("""
					⚠️ WARNING: This migration contains breaking changes

					  - DROP COLUMN: users.legacy_email
					  - RENAME COLUMN: projects.name → projects.title

					These changes will break code that references the old schema.
					Ensure all nodes are running code that doesn't use these fields
					before applying this migration.""");
	}

	@Test
	void aFileWithoutBreakingChangesIsWrittenAsItIs() {
		GeneratedMigration file = new GeneratedMigration("0003_x", "-- Up\nSELECT 1;\n", true, List.of());
		assertThat(file.withBreakingAccepted("anyone")).isSameAs(file);
		assertThat(file.warning()).isEmpty();
	}

}
