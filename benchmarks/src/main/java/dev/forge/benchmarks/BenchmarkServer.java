package dev.forge.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server measured against: an external one given by a JDBC URL (whose
 * user may create databases) or an embedded one. Each run gets a fresh database.
 */
final class BenchmarkServer implements AutoCloseable {

	private final String adminUrl;

	private final String description;

	private final EmbeddedPostgres embedded;

	private BenchmarkServer(String adminUrl, String description, EmbeddedPostgres embedded) {
		this.adminUrl = adminUrl;
		this.description = description;
		this.embedded = embedded;
	}

	/** A server reached through an existing URL; nothing to start or stop. */
	static BenchmarkServer external(String adminUrl) {
		return new BenchmarkServer(adminUrl, adminUrl, null);
	}

	static BenchmarkServer embedded() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
			return new BenchmarkServer(postgres.getJdbcUrl("postgres", "postgres"),
					"embedded PostgreSQL on port " + postgres.getPort(), postgres);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL; pass --jdbc-url instead", ex);
		}
	}

	String adminUrl() {
		return this.adminUrl;
	}

	String description() {
		return this.description;
	}

	String serverVersion() throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.adminUrl)) {
			return connection.getMetaData().getDatabaseProductVersion();
		}
	}

	/** Creates an empty database and returns its name. */
	String createDatabase(String hint) throws SQLException {
		String name = "forge_bench_" + hint + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
		execute("CREATE DATABASE " + name);
		return name;
	}

	void dropDatabase(String name) throws SQLException {
		execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
	}

	String urlFor(String database) {
		return urlFor(this.adminUrl, database);
	}

	static String urlFor(String adminUrl, String database) {
		int query = adminUrl.indexOf('?');
		String base = (query < 0) ? adminUrl : adminUrl.substring(0, query);
		String params = (query < 0) ? "" : adminUrl.substring(query);
		return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
	}

	static DataSource dataSource(String url) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(url);
		return dataSource;
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.adminUrl);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	@Override
	public void close() throws IOException {
		if (this.embedded != null) {
			this.embedded.close();
		}
	}

}
