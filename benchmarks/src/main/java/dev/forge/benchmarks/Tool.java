package dev.forge.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.forge.core.Forge;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.FastCheckService;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.flywaydb.core.Flyway;

/**
 * A migration tool under test. Each one gets its own directory of files holding the same
 * SQL, with only the file names and headers that the tool requires.
 */
enum Tool {

	/** FORGE: {@code NNNN_slug.sql}, no header. */
	FORGE("FORGE") {

		@Override
		Path fileFor(Path directory, int number, int width, String slug) {
			return directory.resolve(String.format(Locale.ROOT, "%0" + width + "d_%s.sql", number, slug));
		}

		@Override
		void migrate(DataSource dataSource, Path directory) {
			Forge.configure().dataSource(dataSource).locations("filesystem:" + directory).load().apply();
		}

		@Override
		String forget(String fileName, int number) {
			return "DELETE FROM forge_migrations WHERE name = '" + withoutExtension(fileName) + "'";
		}

	},

	/** Flyway: {@code V<n>__slug.sql}, no header. */
	FLYWAY("Flyway") {

		@Override
		Path fileFor(Path directory, int number, int width, String slug) {
			return directory.resolve("V" + number + "__" + slug + ".sql");
		}

		@Override
		void migrate(DataSource dataSource, Path directory) {
			Flyway.configure().dataSource(dataSource).locations("filesystem:" + directory).load().migrate();
		}

		@Override
		String forget(String fileName, int number) {
			return "DELETE FROM flyway_schema_history WHERE version = '" + number + "'";
		}

	},

	/**
	 * Liquibase: one formatted-SQL file per migration ({@code --liquibase formatted sql} and
	 * one {@code --changeset}), each listed by an {@code <include>} of a master XML
	 * changelog.
	 */
	LIQUIBASE("Liquibase") {

		@Override
		Path fileFor(Path directory, int number, int width, String slug) {
			return directory.resolve(String.format(Locale.ROOT, "%0" + width + "d_%s.sql", number, slug));
		}

		@Override
		String header(int number, String slug) {
			return "--liquibase formatted sql\n--changeset bench:" + number + "\n";
		}

		@Override
		void finish(Path directory, List<Path> files) throws IOException {
			StringBuilder xml = new StringBuilder();
			xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
				.append("<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n")
				.append("        xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n")
				.append("        xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog")
				.append(" http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n");
			for (Path file : files) {
				xml.append("    <include file=\"")
					.append(file.getFileName())
					.append("\" relativeToChangelogFile=\"true\"/>\n");
			}
			xml.append("</databaseChangeLog>\n");
			Files.writeString(directory.resolve(CHANGELOG), xml, StandardCharsets.UTF_8);
		}

		@Override
		void migrate(DataSource dataSource, Path directory) throws Exception {
			// console output of every change set goes to the (WARN-level) log, like the
			// other tools' per-migration messages
			Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> {
				try (Connection connection = dataSource.getConnection();
						DirectoryResourceAccessor accessor = new DirectoryResourceAccessor(directory)) {
					Database database = DatabaseFactory.getInstance()
						.findCorrectDatabaseImplementation(new JdbcConnection(connection));
					try (Liquibase liquibase = new Liquibase(CHANGELOG, accessor, database)) {
						liquibase.update();
					}
				}
			});
		}

		@Override
		String forget(String fileName, int number) {
			return "DELETE FROM databasechangelog WHERE id = '" + number + "' AND author = 'bench'";
		}

		@Override
		void forgotten() {
			// Liquibase remembers in the JVM that a changelog was up to date on a database
			Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
		}

	},

	/**
	 * The floor: a plain JDBC loop doing the same work with nothing else. It reads its
	 * history table once, lists and reads every file, and runs each pending one in its own
	 * transaction together with one history-row insert.
	 */
	JDBC("plain JDBC") {

		@Override
		Path fileFor(Path directory, int number, int width, String slug) {
			return directory.resolve(String.format(Locale.ROOT, "%0" + width + "d_%s.sql", number, slug));
		}

		@Override
		void migrate(DataSource dataSource, Path directory) throws Exception {
			try (Connection connection = dataSource.getConnection()) {
				connection.setAutoCommit(true);
				Set<String> applied = new HashSet<>();
				try (Statement statement = connection.createStatement()) {
					statement.execute("CREATE TABLE IF NOT EXISTS jdbc_history (name text PRIMARY KEY,"
							+ " applied_at timestamptz NOT NULL DEFAULT now())");
					try (ResultSet rows = statement.executeQuery("SELECT name FROM jdbc_history")) {
						while (rows.next()) {
							applied.add(rows.getString(1));
						}
					}
				}
				List<Path> files;
				try (Stream<Path> listing = Files.list(directory)) {
					files = new ArrayList<>(
							listing.filter((file) -> file.getFileName().toString().endsWith(".sql")).sorted().toList());
				}
				for (Path file : files) {
					String name = file.getFileName().toString();
					name = name.substring(0, name.length() - 4);
					String sql = Files.readString(file, StandardCharsets.UTF_8);
					if (applied.contains(name)) {
						continue;
					}
					connection.setAutoCommit(false);
					try (Statement statement = connection.createStatement();
							PreparedStatement insert = connection
								.prepareStatement("INSERT INTO jdbc_history (name) VALUES (?)")) {
						statement.execute(sql);
						insert.setString(1, name);
						insert.executeUpdate();
						connection.commit();
					}
					catch (SQLException ex) {
						connection.rollback();
						throw ex;
					}
					finally {
						connection.setAutoCommit(true);
					}
				}
			}
		}

		@Override
		String forget(String fileName, int number) {
			return "DELETE FROM jdbc_history WHERE name = '" + withoutExtension(fileName) + "'";
		}

	};

	static final String CHANGELOG = "changelog.xml";

	private final String label;

	Tool(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

	/** The file of one migration in this tool's naming scheme. */
	abstract Path fileFor(Path directory, int number, int width, String slug);

	/** What the tool needs at the top of a file, before the SQL. */
	String header(int number, String slug) {
		return "";
	}

	/** Writes whatever the tool needs besides the migration files. */
	void finish(Path directory, List<Path> files) throws IOException {
	}

	/** Applies every pending migration of a directory, as a fresh instance of the tool. */
	abstract void migrate(DataSource dataSource, Path directory) throws Exception;

	/**
	 * The SQL that removes one migration's row from the tool's history, so that the tool
	 * sees it as pending again once its changes are undone.
	 */
	abstract String forget(String fileName, int number);

	/** Drops what the tool remembers in the JVM of a database that {@link #forget} changed. */
	void forgotten() {
	}

	private static String withoutExtension(String fileName) {
		return fileName.substring(0, fileName.length() - ".sql".length());
	}

	static Tool of(String name) {
		return valueOf(name.trim().toUpperCase(Locale.ROOT));
	}

}
