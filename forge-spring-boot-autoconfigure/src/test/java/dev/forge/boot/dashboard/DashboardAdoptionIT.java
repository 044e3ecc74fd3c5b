package dev.forge.boot.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.forge.boot.autoconfigure.ForgeAutoConfiguration;
import dev.forge.testsupport.TestDatabase;
import dev.forge.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's Baseline and Import from Flyway over real HTTP, on a real Tomcat and a real
 * PostgreSQL: offered only to a database with tables and no FORGE history, refused without
 * the token, and what they write and record.
 */
class DashboardAdoptionIT {

	private static final Pattern TOKEN = Pattern.compile("<meta name=\"forge-token\" content=\"([^\"]+)\">");

	private static TestDatabase database;

	private final HttpClient http = HttpClient.newHttpClient();

	private ConfigurableApplicationContext context;

	private String base;

	private String token;

	@TempDir
	Path migrations;

	@TempDir
	Path flyway;

	@BeforeAll
	static void createDatabase() {
		database = TestPostgres.server().createDatabase("dashboard_adoption");
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		database.reset();
	}

	@Test
	void baselineIsOfferedForTablesWithoutHistoryRefusedWithoutTheTokenAndThenRecorded() throws Exception {
		database.execute("CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL)");
		start();
		assertThat(get("api/adoption").body()).isEqualTo("{\"tables\":1,\"canBaseline\":true,\"canImportFlyway\":false}");

		assertThat(send("api/baseline", Map.of(), null).statusCode()).isEqualTo(403);
		assertThat(files()).isEmpty();

		HttpResponse<String> baseline = send("api/baseline", Map.of(), this.token);
		assertThat(baseline.statusCode()).as(baseline.body()).isEqualTo(200);
		assertThat(baseline.body()).contains("\"notWritten\":[]").contains("as applied without running it.");
		assertThat(files()).singleElement().asString().matches("0001_\\d{8}_\\d{6}_baseline\\.sql");
		assertThat(get("api/status").body()).contains("\"status\":\"APPLIED\"");
		assertThat(get("api/adoption").body()).contains("\"canBaseline\":false");
		HttpResponse<String> again = send("api/baseline", Map.of(), this.token);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("Cannot write a baseline while migration files exist");
	}

	@Test
	void importFromFlywayIsOfferedWhenFlywaysHistoryExists() throws Exception {
		Files.writeString(this.flyway.resolve("V1__create_notes.sql"), "CREATE TABLE notes (id bigint PRIMARY KEY);\n");
		Files.writeString(this.flyway.resolve("V2__add_body.sql"), "ALTER TABLE notes ADD COLUMN body text;\n");
		Flyway.configure().dataSource(database.dataSource()).locations("filesystem:" + this.flyway).load().migrate();
		start();
		assertThat(get("api/adoption").body()).contains("\"canBaseline\":true,\"canImportFlyway\":true");
		assertThat(get("").body()).contains("<button id=\"import-flyway\" type=\"button\" hidden>Import from Flyway</button>");

		HttpResponse<String> imported = send("api/import-flyway", Map.of("locations", "filesystem:" + this.flyway),
				this.token);

		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
		assertThat(imported.body()).contains("Imported 2 Flyway migrations as applied (none was run)")
			.contains("flyway_schema_history was not changed.");
		assertThat(files()).containsExactly("0001_create_notes.sql", "0002_add_body.sql");
		assertThat(database.column("SELECT name FROM forge_migrations ORDER BY name"))
			.containsExactly("0001_create_notes", "0002_add_body");
		assertThat(get("api/adoption").body()).contains("\"canBaseline\":false,\"canImportFlyway\":false");
	}

	private void start() throws Exception {
		this.context = new SpringApplicationBuilder(AdoptionApplication.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "forge.dashboard.enabled=true", "forge.migrations.apply-on=none",
					"forge.migrations.path=file:" + this.migrations, "forge.migrations.output-dir=" + this.migrations,
					"forge.models.packages=dev.forge.boot.dashboard.models")
			.run();
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		this.base = "http://localhost:" + port + "/_forge/";
		Matcher matcher = TOKEN.matcher(get("").body());
		assertThat(matcher.find()).as("token in the page").isTrue();
		this.token = matcher.group(1);
	}

	private List<String> files() throws IOException {
		try (Stream<Path> files = Files.list(this.migrations)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String path, Map<String, String> parameters, String token) throws Exception {
		String form = parameters.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (token != null) {
			request.header(DashboardGuard.TOKEN_HEADER, token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@ImportAutoConfiguration({ ForgeAutoConfiguration.class, ForgeDashboardAutoConfiguration.class })
	static class AdoptionApplication {

		@Bean
		TomcatServletWebServerFactory webServerFactory() {
			return new TomcatServletWebServerFactory(0);
		}

		@Bean
		DataSource dataSource() {
			return database.dataSource();
		}

	}

}
