package dev.forge.boot.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.fixtures.WordCountBackfill;
import dev.forge.core.BackfillSettings;
import dev.forge.core.Forge;
import dev.forge.core.MigrationSource;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.forge.boot.fixtures.WordCountBackfill.JOB;
import static dev.forge.boot.fixtures.WordCountBackfill.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrate jobs}, {@code migrate jobs pause|resume|cancel|retry NAME} and
 * {@code migrate backfill NAME} in-process against a real database: what the user reads
 * and the exit codes.
 */
@PostgresTest
class MigrateCommandJobsIT {

	/** Small batches with a pause, so that a job of a few thousand rows runs for a few progress lines. */
	private static final BackfillSettings SLOW = new BackfillSettings(1, Duration.ofMillis(5), 50, 100, 2,
			Duration.ofMillis(10));

	private static TestDatabase database;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@TempDir
	private Path folder;

	private ForgeOperations operations;

	private MigrateCommandLine commandLine;

	@BeforeAll
	static void useDatabase(TestDatabase testDatabase) {
		database = testDatabase;
	}

	@BeforeEach
	void reset() {
		database.reset();
		Forge forge = Forge.configure()
			.dataSource(database.dataSource())
			.migrationSource(MigrationSource.directory(this.folder))
			.load();
		this.operations = new ForgeOperations(forge, List.of());
		this.operations.setBackfillSettings(SLOW);
		PrintStream out = new PrintStream(this.out, true, StandardCharsets.UTF_8);
		this.commandLine = new MigrateCommandLine(this.operations, out,
				new PrintStream(this.err, true, StandardCharsets.UTF_8),
				new BackfillProgress(out, false, Duration.ofMillis(100)));
	}

	@Test
	void jobsSaysWhenThereAreNone() {
		assertThat(run("migrate", "jobs")).isZero();
		assertThat(out()).isEqualTo("No backfill jobs.\n");
	}

	@Test
	void jobsListsEachJobWithItsRowsRateAndTimeLeft() throws Exception {
		WordCountBackfill.write(this.folder, 3000, "batch-size=100 pause=10ms");
		Path backfillFile = this.folder.resolve(JOB + ".sql");
		String backfill = Files.readString(backfillFile);
		Files.delete(backfillFile);
		this.operations.apply();
		database.execute("ANALYZE documents");
		Files.writeString(backfillFile, backfill);
		this.operations.apply();

		assertThat(run("migrate", "jobs")).isZero();
		assertThat(out()).startsWith("Job                      | Status  | Rows Done | Rows Left | Rows/s | ETA\n")
			.contains("0002_backfill_word_count | PENDING | 0         | ~3,000    | 0      | -\n");

		assertThat(run("migrate", "backfill", JOB)).isZero();
		assertThat(run("migrate", "jobs")).isZero();
		assertThat(out())
			.containsPattern("0002_backfill_word_count \\| DONE   \\| 3,000     \\| 0         \\| [1-9][0-9,]* +\\| -\n");
	}

	@Test
	void backfillRunsTheJobToTheEndPrintingProgressLines() {
		WordCountBackfill.write(this.folder, 4000, "batch-size=100 pause=10ms");
		this.operations.apply();

		assertThat(run("migrate", "backfill", JOB)).isZero();

		System.out.print(out());
		assertThat(out()).startsWith("Running backfill job " + JOB + " on documents: PENDING")
			.containsPattern(JOB + ": RUNNING \\d{1,2}% [0-9,]+/4,000 rows [0-9,]+ rows/s( ETA \\d+s)?\n")
			.contains(JOB + ": DONE 100% 4,000/4,000 rows")
			.containsPattern("Backfill job " + JOB + " is DONE: 4,000 rows in all; this run updated 4,000 rows in"
					+ " \\d+ batches in [0-9.]+ s \\([0-9,]+ rows/s\\)\\.\n$");
		assertThat(err()).isEmpty();
		assertThat(count(database, "updates = 1")).isEqualTo(4000);
		assertThat(out().lines().filter((line) -> line.startsWith(JOB + ": RUNNING")).count())
			.as("a line every 100 ms").isGreaterThan(1);

		assertThat(run("migrate", "backfill", JOB)).isZero();
		assertThat(out()).isEqualTo("Backfill job " + JOB + " is already DONE: 4,000 rows.\n");
	}

	@Test
	void backfillWithTheDefaultSettingsUpdatesEveryRowOnce() {
		int rows = Integer.getInteger("forge.it.backfill-rows", 50_000);
		WordCountBackfill.write(this.folder, rows, "");
		this.operations.apply();
		this.operations.setBackfillSettings(BackfillSettings.DEFAULTS);

		long start = System.nanoTime();
		assertThat(run("migrate", "backfill", JOB)).isZero();
		double seconds = (System.nanoTime() - start) / 1e9;

		System.out.printf("migrate backfill of %,d rows with the default settings: %.1f s, %,.0f rows/s%n", rows,
				seconds, rows / seconds);
		assertThat(out()).contains(JOB + ": DONE 100% " + BackfillProgress.rows(rows) + "/"
				+ BackfillProgress.rows(rows) + " rows");
		assertThat(count(database, "updates = 1")).isEqualTo(rows);
		assertThat(count(database, "updates <> 1 OR word_count <> id % 7 + 2")).isZero();
	}

	@Test
	void backfillOfAJobThatFailsExitsOneWithTheJobsError() {
		WordCountBackfill.write(this.folder, 1000, "batch-size=100");
		this.operations.apply();
		WordCountBackfill.failAtRow600(database);

		assertThat(run("migrate", "backfill", JOB)).isOne();

		assertThat(out()).contains(JOB + ": FAILED ");
		assertThat(err()).startsWith("migrate backfill failed: Backfill job " + JOB + " is FAILED (")
			.contains("a batch failed 2 times", "short_documents", "0002_backfill_word_count.sql (line 3)")
			.contains("Fix the cause, then 'migrate jobs retry " + JOB + "' continues it.");
		assertThat(count(database, "updates > 1")).isZero();

		assertThat(run("migrate", "backfill", JOB)).as("a failed job is not run again").isOne();
		assertThat(err()).startsWith("migrate backfill failed: Backfill job " + JOB + " is FAILED (");
	}

	@Test
	void backfillOfAnUnknownJobExitsOne() {
		assertThat(run("migrate", "backfill", "0009_nothing")).isOne();
		assertThat(err()).startsWith("migrate backfill failed: No backfill job 0009_nothing: 'migrate jobs' lists"
				+ " the jobs.");
	}

	@Test
	void pauseResumeCancelAndRetryChangeTheJobOrSayWhyNot() {
		WordCountBackfill.write(this.folder, 1000, "");
		this.operations.apply();

		assertThat(run("migrate", "jobs", "pause", JOB)).isZero();
		assertThat(out()).startsWith("Backfill job " + JOB + " is PAUSED: its workers on every node stop");
		assertThat(run("migrate", "backfill", JOB)).isOne();
		assertThat(err()).isEqualTo("migrate backfill failed: Backfill job " + JOB + " is PAUSED (0 rows done)."
				+ " 'migrate jobs resume " + JOB + "' continues it.\n");
		assertThat(count(database, "word_count IS NOT NULL")).isZero();
		assertThat(run("migrate", "jobs", "retry", JOB)).isOne();
		assertThat(err()).isEqualTo("migrate jobs retry failed: Cannot retry backfill job " + JOB + ": it is PAUSED;"
				+ " only a job that is FAILED or CANCELLED can be retried.\n");

		assertThat(run("migrate", "jobs", "resume", JOB)).isZero();
		assertThat(out()).startsWith("Backfill job " + JOB + " is PENDING: it continues where it stopped");
		assertThat(run("migrate", "jobs", "cancel", JOB)).isZero();
		assertThat(out()).startsWith("Backfill job " + JOB + " is CANCELLED: ");
		assertThat(run("migrate", "jobs")).isZero();
		assertThat(out()).contains(JOB + " | CANCELLED |");
		assertThat(run("migrate", "jobs", "retry", JOB)).isZero();
		assertThat(out()).startsWith("Backfill job " + JOB + " is PENDING: ");

		assertThat(run("migrate", "backfill", JOB)).isZero();
		assertThat(count(database, "updates = 1")).isEqualTo(1000);
		assertThat(run("migrate", "jobs", "cancel", JOB)).isOne();
		assertThat(err()).isEqualTo("migrate jobs cancel failed: Cannot cancel backfill job " + JOB + ": it is DONE;"
				+ " only a job that is PENDING or RUNNING or PAUSED or FAILED can be cancelled.\n");
	}

	@Test
	void controllingAnUnknownJobExitsOneAndBadUsageExitsTwo() {
		assertThat(run("migrate", "jobs", "pause", "0009_nothing")).isOne();
		assertThat(err()).startsWith("migrate jobs pause failed: No backfill job 0009_nothing in public.forge_jobs");
		assertThat(run("migrate", "jobs", "pause")).isEqualTo(2);
		assertThat(err()).startsWith("migrate: 'jobs pause' takes one job NAME\n").contains("Usage:");
		assertThat(run("migrate", "jobs", "stop", JOB)).isEqualTo(2);
		assertThat(err()).startsWith("migrate: unknown jobs command 'stop'");
		assertThat(run("migrate", "backfill")).isEqualTo(2);
		assertThat(err()).startsWith("migrate: 'backfill' needs a job NAME");
	}

	private int run(String... args) {
		this.out.reset();
		this.err.reset();
		return this.commandLine.run(args);
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
