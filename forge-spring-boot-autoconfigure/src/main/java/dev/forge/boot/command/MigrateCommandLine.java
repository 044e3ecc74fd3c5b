package dev.forge.boot.command;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.command.MigrateCommand.JobControl;
import dev.forge.core.ApplyResult;
import dev.forge.core.BackfillJob;
import dev.forge.core.BackfillRun;
import dev.forge.core.BaselineResult;
import dev.forge.core.ContractCheck;
import dev.forge.core.FlywayImportResult;
import dev.forge.core.ForgeException;
import dev.forge.core.JavaBackfill;
import dev.forge.core.JobStatus;
import dev.forge.core.MigrationExecution;
import dev.forge.core.MigrationInfo;
import dev.forge.core.MigrationState;
import dev.forge.core.RepairResult;
import dev.forge.core.RollbackResult;
import dev.forge.core.StatusReport;

/**
 * Runs one {@link MigrateCommand} and prints its outcome for a person at a terminal.
 * Results go to {@code out}, errors and the usage text to {@code err}.
 *
 * @author FORGE
 * @since 0.1.0
 */
class MigrateCommandLine {

	/** Exit code of a command that succeeded. */
	public static final int SUCCESS = 0;

	/** Exit code of a command that failed, or found drift. */
	public static final int FAILURE = 1;

	/** Exit code of arguments that are not a valid command. */
	public static final int USAGE = 2;

	private static final DateTimeFormatter APPLIED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.systemDefault());

	private final ForgeOperations operations;

	private final PrintStream out;

	private final PrintStream err;

	private final BackfillProgress progress;

	/**
	 * Creates a command line that prints the progress of a backfill as plain lines.
	 * @param operations the operations the commands run
	 * @param out where results go
	 * @param err where errors go
	 */
	public MigrateCommandLine(ForgeOperations operations, PrintStream out, PrintStream err) {
		this(operations, out, err, false);
	}

	/**
	 * Creates a command line.
	 * @param operations the operations the commands run
	 * @param out where results go
	 * @param err where errors go
	 * @param terminal whether {@code out} is a terminal, where the progress of a backfill is
	 * a bar redrawn in place
	 */
	public MigrateCommandLine(ForgeOperations operations, PrintStream out, PrintStream err, boolean terminal) {
		this(operations, out, err, new BackfillProgress(out, terminal,
				terminal ? BackfillProgress.TERMINAL_REFRESH : BackfillProgress.LINE_INTERVAL));
	}

	MigrateCommandLine(ForgeOperations operations, PrintStream out, PrintStream err, BackfillProgress progress) {
		this.operations = operations;
		this.out = out;
		this.err = err;
		this.progress = progress;
	}

	/**
	 * Parses the arguments and runs the command.
	 * @param args the application's arguments, {@code migrate} among them
	 * @return the exit code
	 */
	public int run(String... args) {
		MigrateCommand command;
		try {
			command = MigrateCommand.parse(args);
		}
		catch (MigrateCommand.UsageException ex) {
			this.err.println("migrate: " + ex.getMessage());
			this.err.println();
			this.err.print(MigrateCommand.USAGE);
			return USAGE;
		}
		return run(command);
	}

	/**
	 * Runs a command.
	 * @param command the command
	 * @return the exit code
	 */
	public int run(MigrateCommand command) {
		try {
			return switch (command.action()) {
				case STATUS -> status();
				case APPLY -> apply();
				case ROLLBACK -> rollback(command.name());
				case MARK_ROLLED_BACK -> markRolledBack(command.name());
				case REPAIR -> repair();
				case PLAN -> report(CommandReports.plan(this.operations.plan(),
						this.operations.getForge().configuration().onBreaking()));
				case NODES -> report(CommandReports.nodes(this.operations.nodes()));
				case GENERATE -> report(CommandReports.generate(this.operations.generate(command.name())));
				case DRIFT -> report(CommandReports.drift(this.operations.drift()));
				case CHECK -> report(CommandReports.check(this.operations.check(), this.operations::sql));
				case JOBS -> (command.control() != null) ? control(command.control(), command.name())
						: report(CommandReports.jobs(this.operations.jobs(), Instant.now()));
				case BACKFILL -> backfill(command.name());
				case BASELINE -> baseline();
				case IMPORT_FLYWAY -> importFlyway(command.flywayLocations());
				case HELP -> {
					this.out.print(MigrateCommand.USAGE);
					yield SUCCESS;
				}
			};
		}
		catch (ForgeException ex) {
			// what the run completed stays done: say so before the error
			String verb = (command.action() == MigrateCommand.Action.ROLLBACK) ? "Rolled back " : "Applied ";
			ex.completed().forEach((execution) -> this.out.println(verb + describe(execution)));
			this.err.println("migrate " + command.words() + " failed: " + ex.getMessage());
			return FAILURE;
		}
		catch (RuntimeException ex) {
			this.err.println("migrate " + command.words() + " failed: " + describe(ex));
			return FAILURE;
		}
	}

	private int status() {
		StatusReport report = this.operations.status();
		List<String> warnings = new ArrayList<>(report.warnings());
		TextTable table = new TextTable("Migration", "Status", "Applied At", "Warnings");
		for (MigrationInfo migration : report.migrations()) {
			List<String> marks = new ArrayList<>();
			for (int i = 0; i < warnings.size(); i++) {
				if (mentions(warnings.get(i), migration.name())) {
					marks.add("[" + (i + 1) + "]");
				}
			}
			table.row(migration.name(), migration.state().name(),
					(migration.appliedAt() != null) ? APPLIED_AT.format(migration.appliedAt()) : "-",
					String.join(" ", marks));
		}
		if (report.migrations().isEmpty()) {
			this.out.println("No migrations found in " + this.operations.getForge().configuration().sources() + ".");
		}
		else {
			this.out.print(table.render());
			this.out.println();
			this.out.println(summary(report));
		}
		if (report.lockHolder() != null) {
			this.out.println("Migration lock held by " + report.lockHolder());
		}
		List<ContractCheck> checks = this.operations.contractChecks();
		if (!checks.isEmpty()) {
			this.out.println();
			this.out.println("Deferred files:");
			for (ContractCheck check : checks) {
				List<String> lines = CommandReports.contract(check);
				this.out.println("  " + check.migration() + " " + lines.get(0));
				lines.stream().skip(1).forEach((line) -> this.out.println("    " + line));
			}
		}
		if (!warnings.isEmpty()) {
			this.out.println();
			this.out.println("Warnings:");
			for (int i = 0; i < warnings.size(); i++) {
				this.out.println("  [" + (i + 1) + "] " + warnings.get(i));
			}
		}
		return SUCCESS;
	}

	private static boolean mentions(String warning, String name) {
		int at = warning.indexOf(name);
		while (at >= 0) {
			int end = at + name.length();
			boolean wordEnd = end >= warning.length() || !Character.isLetterOrDigit(warning.charAt(end))
					&& warning.charAt(end) != '_';
			if (wordEnd) {
				return true;
			}
			at = warning.indexOf(name, at + 1);
		}
		return false;
	}

	static String summary(StatusReport report) {
		List<String> parts = new ArrayList<>();
		for (Map.Entry<MigrationState, Integer> count : report.counts().entrySet()) {
			if (count.getValue() > 0) {
				parts.add(count.getValue() + " " + count.getKey().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
			}
		}
		int total = report.migrations().size();
		return total + " migration" + ((total != 1) ? "s" : "") + ": " + String.join(", ", parts);
	}

	private int apply() {
		ApplyResult result = this.operations.apply();
		warnings(result.warnings());
		if (result.applied().isEmpty()) {
			this.out.println("Schema is up to date: no pending migration.");
			return SUCCESS;
		}
		for (MigrationExecution execution : result.applied()) {
			this.out.println("Applied " + describe(execution));
		}
		this.out.println(result.applied().size() + " migration" + ((result.applied().size() != 1) ? "s" : "")
				+ " applied in " + result.duration().toMillis() + " ms.");
		return SUCCESS;
	}

	private int rollback(String to) {
		RollbackResult result = (to != null) ? this.operations.rollbackTo(to) : this.operations.rollback();
		warnings(result.warnings());
		if (result.rolledBack().isEmpty()) {
			this.out.println((to != null) ? "Nothing applied after " + to + ": nothing to roll back."
					: "No applied migration: nothing to roll back.");
			return SUCCESS;
		}
		for (MigrationExecution execution : result.rolledBack()) {
			this.out.println("Rolled back " + describe(execution));
		}
		return SUCCESS;
	}

	private int markRolledBack(String name) {
		this.operations.markRolledBack(name);
		this.out.println("Marked " + name + " as rolled back: its history row is removed and nothing was run.");
		return SUCCESS;
	}

	private int repair() {
		RepairResult result = this.operations.repair();
		result.checksumsAccepted().forEach((name) -> this.out.println("Accepted the new checksum of " + name));
		result.failedRunsRemoved().forEach((name) -> this.out.println("Forgot the failed run of " + name));
		if (result.checksumsAccepted().isEmpty() && result.failedRunsRemoved().isEmpty()) {
			this.out.println("Nothing to repair.");
		}
		return SUCCESS;
	}

	private int baseline() {
		BaselineResult result = this.operations.baseline("baseline");
		this.out.println("Wrote " + result.file() + " and recorded " + result.name()
				+ " as applied: it was not run here; on an empty database 'migrate apply' runs it.");
		if (!result.notWritten().isEmpty()) {
			this.out.println("Not recreated by the file (recreate by hand on a new database):");
			result.notWritten().forEach((object) -> this.out.println("  - " + object));
		}
		return SUCCESS;
	}

	private int importFlyway(List<String> locations) {
		FlywayImportResult result = this.operations.importFlyway(locations);
		result.files().forEach((file) -> this.out.println("Imported " + file));
		this.out.println(result.files().size() + " Flyway migration" + ((result.files().size() != 1) ? "s" : "")
				+ " recorded as applied without running; flyway_schema_history was not changed.");
		if (!result.notImported().isEmpty()) {
			this.out.println("Not imported (carry them over by hand):");
			result.notImported().forEach((row) -> this.out.println("  - " + row));
		}
		return SUCCESS;
	}

	private int control(JobControl control, String name) {
		BackfillJob job = switch (control) {
			case PAUSE -> this.operations.pauseJob(name);
			case RESUME -> this.operations.resumeJob(name);
			case CANCEL -> this.operations.cancelJob(name);
			case RETRY -> this.operations.retryJob(name);
		};
		this.out.println("Backfill job " + name + " is " + job.status() + ": " + switch (control) {
			case PAUSE -> "its workers on every node stop after their current batch; 'migrate jobs resume " + name
					+ "' continues it.";
			case CANCEL -> "its workers on every node stop after their current batch; the rows it updated stay"
					+ " updated, and files waiting for it keep waiting. 'migrate jobs retry " + name
					+ "' continues it.";
			case RESUME, RETRY -> "it continues where it stopped, on the nodes with forge.jobs.enabled, or here"
					+ " with 'migrate backfill " + name + "'.";
		});
		return SUCCESS;
	}

	/**
	 * Runs a job in the foreground until it is {@code DONE}; a declared Java backfill whose
	 * job is not registered is started first.
	 */
	private int backfill(String name) {
		Optional<BackfillJob> registered = this.operations.job(name);
		BackfillJob job;
		if (registered.isPresent()) {
			job = registered.get();
		}
		else if (declaresJavaBackfill(name)) {
			job = this.operations.startBackfill(name);
			this.out.println("Started Java backfill " + name + ".");
		}
		else {
			return failed("No backfill job " + name + ": 'migrate jobs' lists the jobs. A backfill file's job"
					+ " is registered by 'migrate apply'; a Java backfill must be declared as a bean of this"
					+ " application to be started.");
		}
		if (job.status() == JobStatus.DONE) {
			this.out.println("Backfill job " + name + " is already DONE: " + BackfillProgress.rows(job.rowsDone())
					+ " rows.");
			return SUCCESS;
		}
		if (!job.status().isRunnable()) {
			return failed(notRunning(job));
		}
		this.out.println("Running backfill job " + name + " on " + job.table() + ": " + job.status() + ", "
				+ BackfillProgress.rows(job.rowsDone()) + " rows done, ~" + BackfillProgress.rows(job.rowsLeft())
				+ " left.");
		BackfillRun run;
		try (BackfillProgress.Watch watch = this.progress.watch(() -> this.operations.job(name))) {
			run = this.operations.runBackfill(name);
		}
		job = run.job();
		if (job.status() != JobStatus.DONE) {
			return failed(notRunning(job));
		}
		this.out.println(String.format(Locale.ROOT,
				"Backfill job %s is DONE: %s rows in all; this run updated %s rows in %s batches in %s (%s rows/s).",
				name, BackfillProgress.rows(job.rowsDone()), BackfillProgress.rows(run.rows()),
				BackfillProgress.rows(run.batches()), seconds(run.duration()),
				BackfillProgress.rows(Math.round(run.rowsPerSecond()))));
		return SUCCESS;
	}

	private boolean declaresJavaBackfill(String name) {
		return this.operations.declaredBackfills().stream().map(JavaBackfill::name).anyMatch(name::equals);
	}

	private static String notRunning(BackfillJob job) {
		String name = job.name();
		return "Backfill job " + name + " is " + job.status() + " (" + BackfillProgress.rows(job.rowsDone())
				+ " rows done)" + switch (job.status()) {
					case FAILED -> ": " + job.lastError() + "\nFix the cause, then 'migrate jobs retry " + name
							+ "' continues it.";
					case CANCELLED -> ". 'migrate jobs retry " + name + "' continues it.";
					case PAUSED -> ". 'migrate jobs resume " + name + "' continues it.";
					default -> ": it stopped before it was DONE; run 'migrate backfill " + name + "' again.";
				};
	}

	private int failed(String message) {
		this.err.println("migrate backfill failed: " + message);
		return FAILURE;
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	/** A report is the command's output, so it goes to standard output even when it fails. */
	private int report(CommandReports.Report report) {
		this.out.print(report.text().endsWith("\n") ? report.text() : report.text() + "\n");
		return report.ok() ? SUCCESS : FAILURE;
	}

	private void warnings(List<String> warnings) {
		warnings.forEach((warning) -> this.out.println("Warning: " + warning));
	}

	private static String describe(MigrationExecution execution) {
		return execution.name() + " (" + execution.statements() + " statement"
				+ ((execution.statements() != 1) ? "s" : "") + ", " + execution.duration().toMillis() + " ms"
				+ (execution.transactional() ? "" : ", no transaction") + ")";
	}

	private static String describe(Throwable ex) {
		StringBuilder message = new StringBuilder(String.valueOf(ex.getMessage()));
		Throwable cause = ex.getCause();
		while (cause != null && cause != ex) {
			if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
				message.append(": ").append(cause.getMessage());
			}
			ex = cause;
			cause = cause.getCause();
		}
		return message.toString();
	}

}
