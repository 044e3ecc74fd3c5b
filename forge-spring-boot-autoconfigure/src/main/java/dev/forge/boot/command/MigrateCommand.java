package dev.forge.boot.command;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One {@code migrate} command, parsed from the application's arguments.
 *
 * @param action what to do
 * @param name the migration name, slug or job name the action needs, or {@code null}
 * @param control what {@code jobs} does to the job {@code name}, or {@code null} to list the
 * jobs
 * @param flywayLocations where {@code import-flyway} reads Flyway's files; empty for its default
 * @author FORGE
 * @since 0.1.0
 */
record MigrateCommand(Action action, @Nullable String name, @Nullable JobControl control,
		List<String> flywayLocations) {

	/** The first argument that selects the command line. */
	public static final String MIGRATE = "migrate";

	private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_]*");

	/** The usage text shown for bad arguments and for {@code migrate help}. */
	public static final String USAGE = """
			Usage: java -jar app.jar migrate <command>

			Commands:
			  status                   list every migration with its status
			  apply                    apply the pending migrations
			  plan                     show what apply would run, with safety findings, and whether each
			                           deferred file is safe to contract or which live nodes block it
			  generate NAME            write a migration for the model changes (NAME: a-z 0-9 _)
			  rollback [--to NAME]     roll back the last migration, or every one applied after NAME
			  mark-rolled-back NAME    forget a migration that was undone by hand
			  repair                   accept edited checksums and forget failed runs
			  drift                    compare the database with the models
			  check                    fail when the models have changes no migration holds
			  jobs                     list the backfill jobs: status, rows done and left, rows/s, ETA
			  jobs pause|resume|cancel|retry NAME
			                           control a backfill job on every node
			  backfill NAME            run a backfill job here until it is DONE, showing its progress
			                           (starts a declared Java backfill first)
			  nodes                    list the live nodes of the fleet: application, version, host, pid,
			                           start and last heartbeat
			  baseline                 adopt a database FORGE did not build: write one migration that
			                           creates its schema and record it as applied without running it
			  import-flyway [--flyway-locations=LOCATION,...]
			                           adopt a Flyway project: write a FORGE file for each migration in
			                           flyway_schema_history (files from classpath:db/migration by
			                           default) and record them as applied without running them
			  help                     show this text

			Exit codes: 0 success, 1 failure or drift, 2 bad usage.
			""";

	/**
	 * Creates a command.
	 * @param action what to do
	 * @param name the name the action needs, or {@code null}
	 * @param control what {@code jobs} does, or {@code null}
	 */
	MigrateCommand(Action action, @Nullable String name, @Nullable JobControl control) {
		this(action, name, control, List.of());
	}

	/**
	 * Creates a command that is not {@code jobs} with a control.
	 * @param action what to do
	 * @param name the name the action needs, or {@code null}
	 */
	MigrateCommand(Action action, @Nullable String name) {
		this(action, name, null);
	}

	/**
	 * Returns the words of the command, as the user typed them, for messages.
	 * @return e.g. {@code jobs pause}
	 */
	String words() {
		return (this.control != null) ? this.action.word() + " " + this.control.word() : this.action.word();
	}

	/**
	 * Tells whether the arguments ask for the command line: the first argument that is
	 * not an option ({@code --name=value}) is {@code migrate}.
	 * @param args the application's arguments
	 * @return whether they do
	 */
	public static boolean isRequested(String... args) {
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				return MIGRATE.equals(arg);
			}
		}
		return false;
	}

	/**
	 * Parses the arguments after {@code migrate}; options of Spring Boot
	 * ({@code --name=value}) may stand anywhere and are ignored.
	 * @param args the application's arguments
	 * @return the command
	 * @throws UsageException when the arguments are not a valid command
	 */
	public static MigrateCommand parse(String... args) {
		List<String> words = new ArrayList<>();
		String to = null;
		boolean toSeen = false;
		List<String> flywayLocations = null;
		boolean migrateSeen = false;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--to")) {
				if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
					throw new UsageException("--to needs a migration name");
				}
				to = args[++i];
				toSeen = true;
			}
			else if (arg.startsWith("--to=")) {
				to = arg.substring("--to=".length());
				toSeen = true;
			}
			else if (arg.startsWith("--flyway-locations=")) {
				flywayLocations = new ArrayList<>();
				for (String location : arg.substring("--flyway-locations=".length()).split(",")) {
					if (!location.isBlank()) {
						flywayLocations.add(location.strip());
					}
				}
				if (flywayLocations.isEmpty()) {
					throw new UsageException("--flyway-locations needs at least one location, e.g."
							+ " --flyway-locations=classpath:db/migration");
				}
			}
			else if (arg.equals("--help")) {
				words.add("help");
			}
			else if (!arg.startsWith("--")) {
				if (!migrateSeen) {
					if (!MIGRATE.equals(arg)) {
						throw new UsageException("the first argument must be 'migrate'");
					}
					migrateSeen = true;
				}
				else {
					words.add(arg);
				}
			}
		}
		if (words.isEmpty()) {
			throw new UsageException("no command given");
		}
		Action action = Action.of(words.get(0));
		List<String> operands = words.subList(1, words.size());
		if (toSeen && action != Action.ROLLBACK) {
			throw new UsageException("--to is an option of 'rollback' only");
		}
		if (flywayLocations != null && action != Action.IMPORT_FLYWAY) {
			throw new UsageException("--flyway-locations is an option of 'import-flyway' only");
		}
		return switch (action) {
			case GENERATE -> new MigrateCommand(action, slug(single(action, operands, "NAME")));
			case MARK_ROLLED_BACK -> new MigrateCommand(action, single(action, operands, "NAME"));
			case BACKFILL -> new MigrateCommand(action, single(action, operands, "job NAME"));
			case JOBS -> jobs(operands);
			case IMPORT_FLYWAY -> {
				none(action, operands);
				yield new MigrateCommand(action, null, null, (flywayLocations != null) ? flywayLocations : List.of());
			}
			case ROLLBACK -> {
				none(action, operands);
				if (toSeen && (to == null || to.isBlank())) {
					throw new UsageException("--to needs a migration name");
				}
				yield new MigrateCommand(action, to);
			}
			default -> {
				none(action, operands);
				yield new MigrateCommand(action, null);
			}
		};
	}

	private static MigrateCommand jobs(List<String> operands) {
		if (operands.isEmpty()) {
			return new MigrateCommand(Action.JOBS, null, null);
		}
		JobControl control = JobControl.of(operands.get(0));
		List<String> names = operands.subList(1, operands.size());
		if (names.size() != 1) {
			throw new UsageException("'jobs " + control.word() + "' takes one job NAME"
					+ (names.isEmpty() ? "" : ", got " + names));
		}
		return new MigrateCommand(Action.JOBS, names.get(0), control);
	}

	private static String single(Action action, List<String> operands, String what) {
		if (operands.isEmpty()) {
			throw new UsageException("'" + action.word() + "' needs a " + what);
		}
		if (operands.size() > 1) {
			throw new UsageException("'" + action.word() + "' takes one " + what + ", got " + operands);
		}
		return operands.get(0);
	}

	private static void none(Action action, List<String> operands) {
		if (!operands.isEmpty()) {
			throw new UsageException("'" + action.word() + "' takes no argument, got " + operands);
		}
	}

	private static String slug(String name) {
		if (!SLUG.matcher(name).matches()) {
			throw new UsageException(
					"NAME must be lower-case letters, digits and underscores, e.g. add_project_description; got '"
							+ name + "'");
		}
		return name;
	}

	/**
	 * The commands.
	 */
	public enum Action {

		/** List every migration with its status. */
		STATUS("status"),

		/** Apply the pending migrations. */
		APPLY("apply"),

		/** Show what apply would run. */
		PLAN("plan"),

		/** Write a migration for the model changes. */
		GENERATE("generate"),

		/** Roll back. */
		ROLLBACK("rollback"),

		/** Forget a migration undone by hand. */
		MARK_ROLLED_BACK("mark-rolled-back"),

		/** Accept edited checksums and forget failed runs. */
		REPAIR("repair"),

		/** Compare the database with the models. */
		DRIFT("drift"),

		/** Fail when the models have changes no migration holds. */
		CHECK("check"),

		/** List the backfill jobs, or pause, resume, cancel or retry one. */
		JOBS("jobs"),

		/** Run a backfill job in the foreground. */
		BACKFILL("backfill"),

		/** List the live nodes of the fleet. */
		NODES("nodes"),

		/** Write and record a baseline of a database FORGE did not build. */
		BASELINE("baseline"),

		/** Import the migrations Flyway applied. */
		IMPORT_FLYWAY("import-flyway"),

		/** Show the usage text. */
		HELP("help");

		private final String word;

		Action(String word) {
			this.word = word;
		}

		/**
		 * Returns the word that selects this command.
		 * @return the word
		 */
		public String word() {
			return this.word;
		}

		static Action of(String word) {
			for (Action action : values()) {
				if (action.word.equals(word)) {
					return action;
				}
			}
			throw new UsageException("unknown command '" + word + "'");
		}

	}

	/**
	 * What {@code migrate jobs} does to one job.
	 */
	enum JobControl {

		/** Stop the job's workers on every node after their current batch. */
		PAUSE("pause"),

		/** Make a paused job runnable again. */
		RESUME("resume"),

		/** Stop the job for good, keeping the rows it updated. */
		CANCEL("cancel"),

		/** Make a failed or cancelled job runnable again. */
		RETRY("retry");

		private final String word;

		JobControl(String word) {
			this.word = word;
		}

		String word() {
			return this.word;
		}

		static JobControl of(String word) {
			for (JobControl control : values()) {
				if (control.word.equals(word)) {
					return control;
				}
			}
			throw new UsageException("unknown jobs command '" + word + "': use 'jobs' alone to list the jobs, or"
					+ " 'jobs pause|resume|cancel|retry NAME'");
		}

	}

	/**
	 * Arguments that are not a valid command.
	 */
	public static class UsageException extends IllegalArgumentException {

		/**
		 * Creates an exception.
		 * @param message what is wrong
		 */
		public UsageException(String message) {
			super(message);
		}

	}

}
