package dev.forge.core.internal.baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.forge.core.FlywayImportResult;
import dev.forge.core.ForgeConfiguration;
import dev.forge.core.ForgeException;
import dev.forge.core.MigrationFileException;
import dev.forge.core.MigrationResource;
import dev.forge.core.MigrationSource;
import dev.forge.core.internal.generate.MigrationGenerator;
import dev.forge.core.internal.history.AppliedMigration;
import dev.forge.core.internal.migration.MigrationName;
import dev.forge.core.internal.migration.MigrationScriptParser;
import dev.forge.core.internal.runner.MigrationRunner;
import dev.forge.core.internal.schema.Identifiers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the versioned migrations that Flyway applied: reads {@code flyway_schema_history},
 * checks every row and file first, then writes one FORGE file per migration and records all
 * of them as applied in one transaction, without running them. Flyway's table is only read.
 * <p>
 * Refused, naming the row or file, with nothing written or recorded: FORGE history rows or
 * migration files exist; a failed row; undo rows; baseline rows (a baseline's schema has no
 * file to import: use {@code migrate baseline} on such a database instead); a missing file;
 * a file whose checksum differs from Flyway's record. Repeatable and Java migrations are not
 * imported, and the result names them. Internal: use
 * {@link dev.forge.core.Forge#importFlyway}.
 */
public final class FlywayImport {

	/** The default location of Flyway's files. */
	public static final String DEFAULT_LOCATION = "classpath:db/migration";

	private static final Logger logger = LoggerFactory.getLogger(FlywayImport.class);

	private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*?)__(.+)\\.sql");

	private final ForgeConfiguration configuration;

	private final MigrationRunner runner;

	public FlywayImport(ForgeConfiguration configuration, MigrationRunner runner) {
		this.configuration = configuration;
		this.runner = runner;
	}

	/**
	 * Imports from locations given as strings.
	 * @param locations the locations, empty for {@value #DEFAULT_LOCATION}
	 * @return the files written
	 */
	public FlywayImportResult run(List<String> locations) {
		List<String> resolved = locations.isEmpty() ? List.of(DEFAULT_LOCATION) : locations;
		return run(resolved.stream().map(this.configuration.locationResolver()).toList(), String.join(", ", resolved));
	}

	/**
	 * Imports from sources of files.
	 * @param sources where the Flyway files are
	 * @param where the locations, for messages
	 * @return the files written
	 */
	public FlywayImportResult run(List<MigrationSource> sources, String where) {
		if (!this.runner.catalog().entries().isEmpty()) {
			List<String> names = this.runner.catalog().entries().stream().map((entry) -> entry.name().value()).toList();
			throw refused("FORGE migration files exist already: " + String.join(", ", names.subList(0,
					Math.min(5, names.size()))) + ((names.size() > 5) ? " and " + (names.size() - 5) + " more" : "")
					+ ". Import into a project without them");
		}
		Plan plan = read((connection) -> {
			requireNoHistory(this.runner.history().load(connection));
			return plan(connection, sources, where);
		});
		FlywayImportResult result = this.runner.recording((connection, history, rows) -> {
			requireNoHistory(rows);
			List<Path> written = write(plan.files());
			try {
				connection.setAutoCommit(false);
				for (ImportedFile file : plan.files()) {
					history.recordAdopted(connection, file.name(), file.checksum(), file.appliedAt(),
							file.executionMillis(), file.appliedBy(), "imported from Flyway V" + file.version() + " ("
									+ file.script() + "), recorded without running");
				}
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				written.forEach(Baseline::delete);
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
			return new FlywayImportResult(written, plan.notImported());
		});
		logger.info(result.message());
		return result;
	}

	private void requireNoHistory(List<AppliedMigration> rows) {
		if (!rows.isEmpty()) {
			throw refused(this.runner.history().qualifiedName() + " already has " + rows.size() + " row"
					+ ((rows.size() == 1) ? "" : "s") + " (first: " + rows.get(0).name()
					+ "); import into a database FORGE has not migrated yet");
		}
	}

	private Plan plan(Connection connection, List<MigrationSource> sources, String where) throws SQLException {
		List<Row> rows = rows(connection);
		Map<String, MigrationResource> files = flywayFiles(sources);
		Set<String> deleted = new HashSet<>();
		List<String> notImported = new ArrayList<>();
		for (Row row : rows) {
			if (!row.success()) {
				throw refused("Flyway's history has a failed migration: " + row
						+ ". Fix it with Flyway first (repair, or migrate once it succeeds)");
			}
			if (row.type().startsWith("UNDO")) {
				throw refused("Flyway's history has an undo: " + row + ". Import needs a history without undone versions");
			}
			if (row.type().contains("BASELINE")) {
				throw refused("Flyway's history starts from a Flyway baseline: " + row + ". Its schema has no file to"
						+ " import; use 'migrate baseline' on this database instead");
			}
			if ("DELETE".equals(row.type()) && row.version() != null) {
				deleted.add(normalise(row.version()));
			}
		}
		long number = MigrationGenerator.nextNumber(this.configuration.outputDirectory());
		List<ImportedFile> imported = new ArrayList<>();
		Instant last = Instant.EPOCH;
		for (Row row : rows) {
			if ("SCHEMA".equals(row.type()) || "DELETE".equals(row.type())) {
				continue;
			}
			if (row.version() == null) {
				notImported.add("repeatable " + row.script());
				continue;
			}
			if (!"SQL".equals(row.type())) {
				notImported.add("V" + row.version() + " " + row.script() + " (" + row.type() + ")");
				continue;
			}
			if (deleted.contains(normalise(row.version()))) {
				notImported.add("V" + row.version() + " " + row.script() + " (marked deleted by Flyway)");
				continue;
			}
			MigrationResource resource = files.get(normalise(row.version()));
			if (resource == null) {
				throw refused("no file for Flyway's " + row + " in " + where
						+ ". Give the folder of Flyway's files with --flyway-locations");
			}
			String content = readFile(resource);
			int checksum = FlywayChecksum.of(content);
			if (row.checksum() == null || checksum != row.checksum()) {
				throw refused(resource.location() + " has the checksum " + checksum + ", but Flyway recorded "
						+ row.checksum() + " for " + row + ": the file was edited after Flyway applied it. Restore it,"
						+ " or run Flyway's repair if the edit is intended");
			}
			String name = String.format(Locale.ROOT, "%04d_%s", number++, MigrationGenerator.slug(row.description()));
			Instant appliedAt = (row.installedOn() != null && row.installedOn().isAfter(last)) ? row.installedOn() : last;
			last = appliedAt;
			String text = fileContent(name, row, resource, content);
			String fileName = name + ".sql";
			String location = this.configuration.outputDirectory().resolve(fileName).toString();
			String forgeChecksum;
			try {
				forgeChecksum = MigrationScriptParser.parse(MigrationName.ofFileName(fileName, location), location, text)
					.checksum();
			}
			catch (MigrationFileException ex) {
				throw refused(resource.location() + " cannot be read as a FORGE migration: " + ex.getMessage());
			}
			imported.add(new ImportedFile(name, fileName, text, forgeChecksum, row.version(), row.script(),
					(row.installedOn() != null) ? appliedAt : null, row.executionMillis(), row.installedBy()));
		}
		if (imported.isEmpty()) {
			throw refused("Flyway's history has no applied versioned SQL migration to import"
					+ (notImported.isEmpty() ? "" : " (only " + String.join(", ", notImported) + ")"));
		}
		return new Plan(imported, notImported);
	}

	private static String fileContent(String name, Row row, MigrationResource resource, String content) {
		StringBuilder text = new StringBuilder();
		text.append("-- Migration: ").append(name).append('\n');
		text.append("-- Imported from Flyway: ").append(resource.fileName()).append(" (version ").append(row.version())
			.append(", applied by Flyway");
		if (row.installedOn() != null) {
			text.append(" on ").append(row.installedOn());
		}
		text.append(", Flyway checksum ").append(row.checksum()).append(")\n");
		text.append("-- Recorded as applied without running where it was imported; a new database runs it.\n");
		text.append("\n-- Up\n");
		String body = (!content.isEmpty() && content.charAt(0) == '\uFEFF') ? content.substring(1) : content;
		text.append(body);
		if (!body.endsWith("\n")) {
			text.append('\n');
		}
		return text.toString();
	}

	private List<Row> rows(Connection connection) throws SQLException {
		String table = Identifiers.quote(this.configuration.schema()) + "." + Identifiers.quote(Baseline.FLYWAY_TABLE);
		try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
			exists.setString(1, table);
			try (ResultSet result = exists.executeQuery()) {
				result.next();
				if (!result.getBoolean(1)) {
					throw refused("there is no Flyway history: " + this.configuration.schema() + "."
							+ Baseline.FLYWAY_TABLE + " does not exist");
				}
			}
		}
		List<Row> rows = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement("SELECT installed_rank, version, description,"
				+ " type, script, checksum, installed_by, installed_on::timestamptz, execution_time, success FROM " + table
				+ " ORDER BY installed_rank");
				ResultSet result = statement.executeQuery()) {
			while (result.next()) {
				int checksum = result.getInt(6);
				Integer recorded = result.wasNull() ? null : checksum;
				OffsetDateTime installedOn = result.getObject(8, OffsetDateTime.class);
				rows.add(new Row(result.getInt(1), result.getString(2), result.getString(3), result.getString(4),
						result.getString(5), recorded, result.getString(7),
						(installedOn != null) ? installedOn.toInstant() : null, result.getLong(9), result.getBoolean(10)));
			}
		}
		return rows;
	}

	/** Flyway's versioned files by normalised version; two files of one version are refused. */
	private static Map<String, MigrationResource> flywayFiles(List<MigrationSource> sources) {
		Map<String, MigrationResource> files = new LinkedHashMap<>();
		for (MigrationSource source : sources) {
			for (MigrationResource resource : source.resources()) {
				Matcher matcher = VERSIONED.matcher(resource.fileName());
				if (matcher.matches()) {
					MigrationResource other = files.put(normalise(matcher.group(1)), resource);
					if (other != null) {
						throw refused("two Flyway files have version " + matcher.group(1) + ": " + other.location()
								+ " and " + resource.location());
					}
				}
			}
		}
		return files;
	}

	/** A version as Flyway compares it: numeric parts, trailing zeros ignored ({@code 1.0} is {@code 1}). */
	static String normalise(String version) {
		List<String> parts = new ArrayList<>();
		for (String part : version.split("[._]")) {
			parts.add(part.isEmpty() ? "0" : new BigInteger(part).toString());
		}
		while (parts.size() > 1 && "0".equals(parts.get(parts.size() - 1))) {
			parts.remove(parts.size() - 1);
		}
		return String.join(".", parts);
	}

	private static String readFile(MigrationResource resource) {
		try {
			return resource.read();
		}
		catch (IOException ex) {
			throw refused("could not read " + resource.location() + ": " + ex.getMessage());
		}
	}

	private List<Path> write(List<ImportedFile> files) {
		Path directory = this.configuration.outputDirectory();
		List<Path> written = new ArrayList<>();
		try {
			Files.createDirectories(directory);
			for (ImportedFile file : files) {
				written.add(Files.writeString(directory.resolve(file.fileName()), file.content(), StandardCharsets.UTF_8,
						StandardOpenOption.CREATE_NEW));
			}
			return written;
		}
		catch (IOException ex) {
			written.forEach(Baseline::delete);
			throw new UncheckedIOException("Could not write the imported migrations into " + directory + ": " + ex
					+ ". Nothing was recorded.", ex);
		}
	}

	private static ForgeException refused(String reason) {
		return new ForgeException("Cannot import from Flyway: " + reason + ". Nothing was written or recorded.");
	}

	private <T> T read(Read<T> read) {
		try (Connection connection = this.configuration.dataSource().getConnection()) {
			return read.run(connection);
		}
		catch (SQLException ex) {
			throw new ForgeException("Could not read Flyway's history: " + ex.getMessage(), ex);
		}
	}

	@FunctionalInterface
	private interface Read<T> {

		T run(Connection connection) throws SQLException;

	}

	/** A row of {@code flyway_schema_history}. */
	private record Row(int rank, @Nullable String version, String description, String type, String script,
			@Nullable Integer checksum, String installedBy, @Nullable Instant installedOn, long executionMillis,
			boolean success) {

		@Override
		public String toString() {
			return "installed_rank " + this.rank + ((this.version != null) ? ", version " + this.version : "") + " ("
					+ this.script + ", type " + this.type + ")";
		}

	}

	private record ImportedFile(String name, String fileName, String content, String checksum, String version,
			String script, @Nullable Instant appliedAt, long executionMillis, String appliedBy) {

	}

	private record Plan(List<ImportedFile> files, List<String> notImported) {

	}

}
