package dev.forge.core.internal.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.forge.core.BreakingChangeWarning;
import dev.forge.core.GeneratedMigration;
import dev.forge.core.GenerationResult;
import dev.forge.core.internal.generate.MigrationPlanner.FilePlan;
import dev.forge.core.schema.PossibleRename;
import dev.forge.core.schema.SchemaDiff;

/**
 * Writes migration files for a {@link SchemaDiff}: {@code NNNN_YYYYMMDD_HHMMSS_slug.sql},
 * numbered after the highest file already in the output directory, with the header lines,
 * directives and warnings as comments, then {@code -- Up} and {@code -- Down} (the inverse
 * statements in reverse order).
 * <p>
 * Changes to existing tables take the safe forms of DESIGN §6, which may need more than one
 * file: a main file, a no-transaction file for {@code CREATE INDEX CONCURRENTLY}, and a
 * follow-up file for {@code VALIDATE CONSTRAINT}, {@code SET NOT NULL} and
 * {@code UNIQUE USING INDEX}. All of them are returned, in the order they run.
 * <p>
 * With {@link GeneratorOptions#twoPhase()}, breaking renames and drops are split for rolling
 * deployments: phase 1 in the main file (and a {@code -- forge:backfill} file, {@code _backfill},
 * whose job copies renamed or retyped columns in batches), phase 2 in a last {@code _phase2}
 * file marked {@code -- forge:deferred} and {@code -- forge:after-backfill}, which
 * {@code apply} leaves pending until the job is {@code DONE} and the file also says
 * {@code -- forge:allow-breaking}. Each file
 * says in comments which phase it is and what to do next.
 *
 * <pre class="code">
 * SchemaDiff diff = new SchemaDiffer().diff(inspected, fromModels);
 * GenerationResult result = new MigrationGenerator().generate("add_project_description", diff, outputDir);
 * </pre>
 *
 * @author FORGE
 * @since 0.1.0
 */
public class MigrationGenerator {

	private static final Pattern MIGRATION_FILE = Pattern.compile("(\\d{4,})_[a-z0-9_]*\\.sql");

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
		.withZone(ZoneOffset.UTC);

	private static final int WIDTH = 92;

	private final GeneratorOptions options;

	private final Clock clock;

	/**
	 * Creates a generator with the default options and the system clock.
	 */
	public MigrationGenerator() {
		this(GeneratorOptions.defaults(), Clock.systemUTC());
	}

	/**
	 * Creates a generator.
	 * @param options the options
	 * @param clock the clock that dates the files
	 */
	public MigrationGenerator(GeneratorOptions options, Clock clock) {
		this.options = options;
		this.clock = clock;
	}

	/**
	 * Writes the migration files for a diff into a directory, which is created if needed.
	 * @param name the migration's name, made into a slug such as {@code add_project_description}
	 * @param diff the changes
	 * @param outputDirectory where to write
	 * @return the files written, none when the diff is empty
	 * @throws UncheckedIOException if the directory cannot be read or written
	 */
	public GenerationResult generate(String name, SchemaDiff diff, Path outputDirectory) {
		return generate(name, diff, outputDirectory, 1);
	}

	/**
	 * Writes the migration files for a diff into a directory, numbered after the highest
	 * number in the directory and at least {@code minimumNumber}.
	 * @param name the migration's name, made into a slug
	 * @param diff the changes
	 * @param outputDirectory where to write
	 * @param minimumNumber the lowest number the first file may take, e.g. one more than the
	 * highest migration found anywhere on the configured locations
	 * @return the files written, none when the diff is empty
	 * @throws UncheckedIOException if the directory cannot be read or written
	 */
	public GenerationResult generate(String name, SchemaDiff diff, Path outputDirectory, long minimumNumber) {
		List<GeneratedMigration> scripts = render(name, diff, Math.max(minimumNumber, nextNumber(outputDirectory)));
		return write(scripts, outputDirectory);
	}

	/**
	 * Writes rendered migrations into a directory, which is created if needed. A file that
	 * exists already is never overwritten; when one cannot be written, those written before
	 * it are removed again, so that nothing is half-done.
	 * @param scripts the migrations
	 * @param outputDirectory where to write
	 * @return the files written
	 * @throws UncheckedIOException if a file cannot be written
	 */
	public static GenerationResult write(List<GeneratedMigration> scripts, Path outputDirectory) {
		List<Path> files = new ArrayList<>();
		try {
			if (!scripts.isEmpty()) {
				Files.createDirectories(outputDirectory);
			}
			for (GeneratedMigration script : scripts) {
				files.add(Files.writeString(outputDirectory.resolve(script.fileName()), script.content(),
						StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW));
			}
		}
		catch (IOException ex) {
			for (Path file : files) {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ignored) {
					// the message below names the directory; a left-over file shows as pending
				}
			}
			throw new UncheckedIOException("Could not write the migration into " + outputDirectory + ": " + ex, ex);
		}
		return new GenerationResult(scripts, files);
	}

	/**
	 * Renders the migrations for a diff without writing them.
	 * @param name the migration's name
	 * @param diff the changes
	 * @param firstNumber the number of the first file
	 * @return the migrations, in the order they run; empty when the diff is
	 */
	public List<GeneratedMigration> render(String name, SchemaDiff diff, long firstNumber) {
		if (diff.isEmpty()) {
			return List.of();
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		String slug = slug(name);
		List<FilePlan> files = new MigrationPlanner(this.options).plan(diff.changes(), diff.actual());
		Map<String, String> names = new LinkedHashMap<>();
		long number = firstNumber;
		for (FilePlan file : files) {
			boolean suffixed = !file.suffix.isEmpty() && (files.size() > 1 || file.deferred);
			names.put(file.suffix, String.format(Locale.ROOT, "%04d_%s_%s", number++, STAMP.format(now),
					suffixed ? slug + "_" + file.suffix : slug));
		}
		List<GeneratedMigration> scripts = new ArrayList<>();
		for (FilePlan file : files) {
			String migration = names.get(file.suffix);
			List<PossibleRename> renames = (scripts.isEmpty()) ? diff.possibleRenames() : List.of();
			scripts.add(new GeneratedMigration(migration, content(migration, now, file, renames, names),
					file.transactional, file.breaking));
		}
		return scripts;
	}

	private String content(String migration, Instant generated, FilePlan file, List<PossibleRename> renames,
			Map<String, String> names) {
		StringBuilder sql = new StringBuilder();
		sql.append("-- Migration: ").append(migration).append('\n');
		sql.append("-- Generated: ").append(generated).append('\n');
		if (!file.transactional) {
			sql.append("-- forge:no-transaction\n");
		}
		if (file.deferred) {
			sql.append("-- forge:deferred\n");
		}
		if (file.backfill) {
			sql.append("-- forge:backfill\n");
		}
		if (!file.afterBackfills.isEmpty()) {
			sql.append("-- forge:after-backfill ")
				.append(String.join(" ", file.afterBackfills.stream().map(names::get).toList()))
				.append('\n');
		}
		if (!file.guidance.isEmpty()) {
			comment(sql, "");
			file.guidance.forEach((line) -> wrap(sql, fileNames(line, names)));
		}
		if (!file.breaking.isEmpty()) {
			comment(sql, "");
			BreakingChangeWarning.text(file.breaking).lines().forEach((line) -> comment(sql, line));
			if (!file.deferred && !this.options.twoPhase()) {
				comment(sql, "");
				comment(sql, "Two-phase alternative for rolling deployments: generate with two-phase breaking");
				comment(sql, "changes on (Forge.configure().twoPhaseBreakingChanges(true)) to get phase 1 (adds");
				comment(sql, "the new column, kept in sync with the old one by a trigger, or a view under the new");
				comment(sql, "table name) now and phase 2 (drops the old one) in a later file that waits until");
				comment(sql, "every node runs the new code. Add '-- forge:allow-breaking' to apply this file as it is.");
			}
			else if (!file.deferred) {
				comment(sql, "");
				comment(sql, "Add '-- forge:allow-breaking' to apply this file as it is.");
			}
		}
		for (PossibleRename rename : renames) {
			comment(sql, "");
			comment(sql, "Possible rename: " + rename.table() + "." + rename.droppedColumn() + " → " + rename.table()
					+ "." + rename.addedColumn() + " (both " + rename.type() + ").");
			comment(sql, "This migration drops " + rename.droppedColumn() + " and its data. If it is a rename, annotate");
			comment(sql, "the field with @RenamedFrom(\"" + rename.droppedColumn() + "\") and generate again.");
		}
		for (String note : file.notes) {
			comment(sql, "");
			comment(sql, "Note: " + note);
		}
		sql.append("\n-- Up\n");
		file.up.forEach((statement) -> sql.append(statement).append(";\n"));
		sql.append("\n-- Down\n");
		List<String> down = file.down();
		if (down.isEmpty()) {
			comment(sql, file.emptyDown);
		}
		down.forEach((statement) -> sql.append(statement).append(";\n"));
		return sql.toString();
	}

	private static void comment(StringBuilder sql, String line) {
		sql.append(line.isEmpty() ? "--" : "-- " + line).append('\n');
	}

	/** Writes a comment wrapped at {@value #WIDTH} characters, a list item's lines indented. */
	private static void wrap(StringBuilder sql, String text) {
		String bullet = text.startsWith("  - ") ? "  - " : "";
		StringBuilder line = new StringBuilder(bullet);
		int start = line.length();
		for (String word : text.substring(bullet.length()).split(" ")) {
			if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
				comment(sql, line.toString());
				line.setLength(0);
				line.append(bullet.isEmpty() ? "" : "    ");
				start = line.length();
			}
			if (line.length() > start) {
				line.append(' ');
			}
			line.append(word);
		}
		comment(sql, line.toString());
	}

	private static String fileNames(String line, Map<String, String> names) {
		String result = line;
		for (Map.Entry<String, String> name : names.entrySet()) {
			result = result.replace("{" + name.getKey() + "}", name.getValue());
		}
		return result;
	}

	/**
	 * Returns the number after the highest numbered migration file in a directory.
	 * @param directory the directory, which need not exist
	 * @return the next number, {@code 1} for an empty or missing directory
	 */
	public static long nextNumber(Path directory) {
		if (!Files.isDirectory(directory)) {
			return 1;
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> MIGRATION_FILE.matcher(file.getFileName().toString()))
				.filter(Matcher::matches)
				.mapToLong((matcher) -> Long.parseLong(matcher.group(1)))
				.max()
				.orElse(0) + 1;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not list migrations in " + directory, ex);
		}
	}

	/**
	 * Returns the file-name form of a migration name: lower case {@code a-z 0-9 _}.
	 * @param name the name, such as {@code Add project description}
	 * @return the slug, such as {@code add_project_description}
	 */
	public static String slug(String name) {
		String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
		return slug.isEmpty() ? "migration" : slug;
	}

}
