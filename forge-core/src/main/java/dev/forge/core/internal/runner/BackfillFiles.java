package dev.forge.core.internal.runner;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import dev.forge.core.ForgeConfiguration;
import dev.forge.core.ForgeException;
import dev.forge.core.GeneratedMigration;
import dev.forge.core.GenerationResult;
import dev.forge.core.MigrationFileException;
import dev.forge.core.internal.backfill.Backfills;
import dev.forge.core.internal.generate.MigrationGenerator;
import dev.forge.core.internal.migration.BackfillOptions;
import dev.forge.core.internal.migration.BackfillUpdate;
import dev.forge.core.internal.migration.MigrationName;
import dev.forge.core.internal.migration.MigrationScript;
import dev.forge.core.internal.migration.MigrationScriptParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backfill files written from an {@code UPDATE} that a person typed (the dashboard's Create
 * Backfill Job): rendered with the next migration number, checked as {@code apply} would
 * check them, and written once reviewed. Internal: use {@link dev.forge.core.Forge}.
 */
public final class BackfillFiles {

	/** Where the typed {@code UPDATE} is, in messages: its lines are the ones the person typed. */
	static final String TYPED_SQL = "the backfill SQL";

	private static final String TYPED_OPTIONS = "the backfill options";

	private static final Logger logger = LoggerFactory.getLogger(BackfillFiles.class);

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
		.withZone(ZoneOffset.UTC);

	private final ForgeConfiguration configuration;

	private final MigrationRunner runner;

	private final Clock clock;

	public BackfillFiles(ForgeConfiguration configuration, MigrationRunner runner, Clock clock) {
		this.configuration = configuration;
		this.runner = runner;
		this.clock = clock;
	}

	/**
	 * Renders a backfill file without writing it, after the checks {@code apply} makes: one
	 * {@code UPDATE} with a {@code WHERE}, valid options, and a table that exists and has a
	 * primary key.
	 * @param name the migration's name, made into a slug
	 * @param updateSql the {@code UPDATE <table> SET ... WHERE <rows still to do>}
	 * @param options the {@code -- forge:backfill} options, e.g. {@code batch-size=1000 pause=50ms}
	 * @return the file
	 * @throws MigrationFileException naming the line of the typed SQL, or the option
	 */
	public GeneratedMigration render(String name, String updateSql, String options) {
		String directive = ("-- forge:backfill " + options.strip()).strip();
		BackfillOptions.parse(options, TYPED_OPTIONS, 0);
		String sql = updateSql.strip();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		MigrationName migration = MigrationName.parse(String.format(Locale.ROOT, "%04d_%s_%s", nextNumber(),
				STAMP.format(now), MigrationGenerator.slug(name))).orElseThrow();
		// parsed as typed, so that a problem names the line the person sees
		MigrationScript typed = MigrationScriptParser.parse(migration, TYPED_SQL, updateSql);
		BackfillUpdate update = BackfillUpdate.of(TYPED_SQL, 0, typed.up());
		checkTable(typed, update);
		String content = content(migration.value(), now, directive, update, sql.endsWith(";") ? sql : sql + ";");
		// the whole file as apply reads it: what the checks above cannot see, such as a typed '-- Down'
		MigrationScriptParser.parse(migration,
				this.configuration.outputDirectory().resolve(migration.value() + ".sql").toString(), content);
		return new GeneratedMigration(migration.value(), content, true, List.of());
	}

	/**
	 * Writes a reviewed backfill file into the output directory, once it still passes the
	 * checks and its number is still the next one.
	 * @param reviewed the file as {@link #render} rendered it
	 * @return the file written
	 * @throws ForgeException when it is not a backfill file, fails a check, or another
	 * migration took its number since the review; nothing is written then
	 */
	public GenerationResult write(GeneratedMigration reviewed) {
		Path directory = this.configuration.outputDirectory();
		MigrationName name = MigrationName.ofFileName(reviewed.fileName(), reviewed.fileName());
		MigrationScript script = MigrationScriptParser.parse(name, directory.resolve(reviewed.fileName()).toString(),
				reviewed.content());
		if (script.directives().backfill() == null) {
			throw new ForgeException(reviewed.name() + " is not a backfill file: it has no '-- forge:backfill'."
					+ " No file was written.");
		}
		checkTable(script, BackfillUpdate.of(script.location(), script.directives().directiveLine(), script.up()));
		long next = nextNumber();
		if (Long.parseLong(name.number()) < next) {
			throw new ForgeException("Another migration took number " + name.number() + " since " + reviewed.name()
					+ " was reviewed (the next number is now " + next + "): review it again. No file was written.");
		}
		GenerationResult result = MigrationGenerator.write(List.of(reviewed), directory);
		logger.info("Wrote backfill file {}: apply registers its job, which then runs in batches",
				result.files().get(0));
		return result;
	}

	/** The number after the highest one in the configured locations and the output directory. */
	private long nextNumber() {
		long highest = this.runner.catalog()
			.entries()
			.stream()
			.mapToLong((entry) -> Long.parseLong(entry.name().number()))
			.max()
			.orElse(0);
		return Math.max(highest + 1, MigrationGenerator.nextNumber(this.configuration.outputDirectory()));
	}

	/** The table must exist now (unlike a file's, which an earlier pending file may create) and have a primary key. */
	private void checkTable(MigrationScript script, BackfillUpdate update) {
		try (Connection connection = this.configuration.dataSource().getConnection()) {
			try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
				statement.setString(1, update.table());
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					if (!result.getBoolean(1)) {
						throw new MigrationFileException(script.location(), update.line(), "the backfill's table "
								+ update.table() + " does not exist; apply the migration that creates it first");
					}
				}
			}
			Backfills.check(connection, script);
		}
		catch (SQLException ex) {
			throw new MigrationFileException(script.location(), update.line(), "could not check the backfill's table "
					+ update.table() + ": " + ex.getMessage());
		}
	}

	private static String content(String name, Instant now, String directive, BackfillUpdate update, String sql) {
		return "-- Migration: " + name + "\n"
				+ "-- Generated: " + now + "\n"
				+ directive + "\n"
				+ "--\n"
				+ "-- A backfill job: apply records this file and registers its job (PENDING) without running\n"
				+ "-- the UPDATE; FORGE then runs it in batches keyed on " + update.table() + "'s primary key, each\n"
				+ "-- one short transaction, until no row matches the WHERE. A file that needs the data\n"
				+ "-- waits for the job with '-- forge:after-backfill " + name + "'.\n"
				+ "\n-- Up\n" + sql + "\n"
				+ "\n-- Down\n"
				+ "-- Rolling back forgets the job; write here the UPDATE that undoes the data, if any.\n";
	}

}
