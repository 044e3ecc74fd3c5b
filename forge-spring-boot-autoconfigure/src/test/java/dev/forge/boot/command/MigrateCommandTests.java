package dev.forge.boot.command;

import dev.forge.boot.command.MigrateCommand.Action;
import dev.forge.boot.command.MigrateCommand.JobControl;
import dev.forge.boot.command.MigrateCommand.UsageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MigrateCommand}.
 */
class MigrateCommandTests {

	@Test
	void isRequestedWhenTheFirstNonOptionArgumentIsMigrate() {
		assertThat(MigrateCommand.isRequested("migrate", "status")).isTrue();
		assertThat(MigrateCommand.isRequested("--spring.datasource.url=jdbc:x", "migrate", "apply")).isTrue();
		assertThat(MigrateCommand.isRequested("serve", "migrate")).isFalse();
		assertThat(MigrateCommand.isRequested("--migrate")).isFalse();
		assertThat(MigrateCommand.isRequested()).isFalse();
	}

	@Test
	void parsesEveryCommand() {
		assertThat(MigrateCommand.parse("migrate", "status")).isEqualTo(new MigrateCommand(Action.STATUS, null));
		assertThat(MigrateCommand.parse("migrate", "apply").action()).isEqualTo(Action.APPLY);
		assertThat(MigrateCommand.parse("migrate", "plan").action()).isEqualTo(Action.PLAN);
		assertThat(MigrateCommand.parse("migrate", "repair").action()).isEqualTo(Action.REPAIR);
		assertThat(MigrateCommand.parse("migrate", "drift").action()).isEqualTo(Action.DRIFT);
		assertThat(MigrateCommand.parse("migrate", "check").action()).isEqualTo(Action.CHECK);
		assertThat(MigrateCommand.parse("migrate", "help").action()).isEqualTo(Action.HELP);
		assertThat(MigrateCommand.parse("migrate", "--help").action()).isEqualTo(Action.HELP);
		assertThat(MigrateCommand.parse("migrate", "generate", "add_description"))
			.isEqualTo(new MigrateCommand(Action.GENERATE, "add_description"));
		assertThat(MigrateCommand.parse("migrate", "mark-rolled-back", "0004_seed"))
			.isEqualTo(new MigrateCommand(Action.MARK_ROLLED_BACK, "0004_seed"));
		assertThat(MigrateCommand.parse("migrate", "rollback")).isEqualTo(new MigrateCommand(Action.ROLLBACK, null));
		assertThat(MigrateCommand.parse("migrate", "rollback", "--to", "0002_users"))
			.isEqualTo(new MigrateCommand(Action.ROLLBACK, "0002_users"));
		assertThat(MigrateCommand.parse("migrate", "rollback", "--to=0002_users"))
			.isEqualTo(new MigrateCommand(Action.ROLLBACK, "0002_users"));
	}

	@Test
	void parsesTheNodesCommandWhichTakesNoArgument() {
		assertThat(MigrateCommand.parse("migrate", "nodes")).isEqualTo(new MigrateCommand(Action.NODES, null));
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> MigrateCommand.parse("migrate", "nodes", "web"))
			.withMessage("'nodes' takes no argument, got [web]");
		assertThat(MigrateCommand.USAGE).contains("  nodes                    list the live nodes of the fleet")
			.contains("deferred file is safe to contract or which live nodes block it");
	}

	@Test
	void parsesBaselineAndImportFlywayWithItsLocations() {
		assertThat(MigrateCommand.parse("migrate", "baseline")).isEqualTo(new MigrateCommand(Action.BASELINE, null));
		assertThat(MigrateCommand.parse("migrate", "import-flyway").flywayLocations()).isEmpty();
		assertThat(MigrateCommand.parse("migrate", "import-flyway",
				"--flyway-locations=classpath:db/migration, filesystem:/srv/flyway").flywayLocations())
			.containsExactly("classpath:db/migration", "filesystem:/srv/flyway");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> MigrateCommand.parse("migrate", "import-flyway", "--flyway-locations="))
			.withMessageContaining("--flyway-locations needs at least one location");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> MigrateCommand.parse("migrate", "apply", "--flyway-locations=classpath:db/migration"))
			.withMessage("--flyway-locations is an option of 'import-flyway' only");
		assertThat(MigrateCommand.USAGE).contains("  baseline                 adopt a database FORGE did not build",
				"  import-flyway [--flyway-locations=LOCATION,...]");
	}

	@Test
	void parsesTheJobCommands() {
		assertThat(MigrateCommand.parse("migrate", "jobs")).isEqualTo(new MigrateCommand(Action.JOBS, null, null));
		assertThat(MigrateCommand.parse("migrate", "jobs", "pause", "0002_fill"))
			.isEqualTo(new MigrateCommand(Action.JOBS, "0002_fill", JobControl.PAUSE));
		assertThat(MigrateCommand.parse("migrate", "jobs", "resume", "0002_fill").control())
			.isEqualTo(JobControl.RESUME);
		assertThat(MigrateCommand.parse("migrate", "jobs", "cancel", "0002_fill").control())
			.isEqualTo(JobControl.CANCEL);
		assertThat(MigrateCommand.parse("migrate", "jobs", "retry", "0002_fill").words()).isEqualTo("jobs retry");
		assertThat(MigrateCommand.parse("migrate", "backfill", "backfill_word_count"))
			.isEqualTo(new MigrateCommand(Action.BACKFILL, "backfill_word_count", null));
		assertThat(MigrateCommand.USAGE).contains("jobs pause|resume|cancel|retry NAME", "backfill NAME");
	}

	@Test
	void badJobCommandsAreUsageErrors() {
		assertUsage("'jobs pause' takes one job NAME", "migrate", "jobs", "pause");
		assertUsage("'jobs retry' takes one job NAME, got [a, b]", "migrate", "jobs", "retry", "a", "b");
		assertUsage("unknown jobs command 'stop'", "migrate", "jobs", "stop", "a");
		assertUsage("'backfill' needs a job NAME", "migrate", "backfill");
		assertUsage("'backfill' takes one job NAME", "migrate", "backfill", "a", "b");
	}

	@Test
	void springOptionsAnywhereAreIgnored() {
		assertThat(MigrateCommand.parse("--spring.datasource.url=jdbc:x", "migrate", "--debug", "status",
				"--forge.migrations.lock-timeout=1s"))
			.isEqualTo(new MigrateCommand(Action.STATUS, null));
	}

	@Test
	void badArgumentsAreUsageErrorsThatSayWhatIsWrong() {
		assertUsage("no command given", "migrate");
		assertUsage("unknown command 'upgrade'", "migrate", "upgrade");
		assertUsage("'generate' needs a NAME", "migrate", "generate");
		assertUsage("NAME must be lower-case letters, digits and underscores", "migrate", "generate", "Add-Thing");
		assertUsage("'mark-rolled-back' needs a NAME", "migrate", "mark-rolled-back");
		assertUsage("'status' takes no argument", "migrate", "status", "now");
		assertUsage("--to needs a migration name", "migrate", "rollback", "--to");
		assertUsage("--to is an option of 'rollback' only", "migrate", "apply", "--to", "x");
		assertUsage("'generate' takes one NAME", "migrate", "generate", "a", "b");
	}

	private static void assertUsage(String message, String... args) {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> MigrateCommand.parse(args))
			.withMessageContaining(message);
	}

}
