package dev.forge.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.forge.sample.SampleJar.Result;
import dev.forge.sample.SampleJar.Running;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample as a web application: migrations applied on start-up, the
 * Actuator endpoints over HTTP, and a failed migration that stops it.
 */
@PostgresTest
class SampleApplicationIT {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static TestDatabase database;

	@BeforeAll
	static void useDatabase(TestDatabase testDatabase) {
		database = testDatabase;
	}

	@BeforeEach
	void reset() {
		database.reset();
	}

	@Test
	void appliesMigrationsOnStartupAndServesTheEndpoints() throws Exception {
		int port = freePort();
		Running app = SampleJar.start(SampleJar.on(database, "--server.port=" + port));
		try {
			awaitReady(app, port);
			JsonNode migrations = get(port, "/actuator/forge-migrations");
			assertThat(migrations.get("migrations")).hasSize(5);
			assertThat(migrations.get("migrations").get(0).get("name").asString())
				.isEqualTo("0001_20240110_100000_create_users");
			assertThat(migrations.get("migrations").get(0).get("status").asString()).isEqualTo("APPLIED");
			assertThat(migrations.get("migrations").get(0).get("appliedAt").asString()).endsWith("Z");
			assertThat(migrations.get("migrations").get(0).get("checksum").asString()).hasSize(64);
			assertThat(migrations.get("migrations").get(0).get("findings")).isEmpty();
			assertThat(migrations.get("summary").get("applied").asInt()).isEqualTo(5);
			assertThat(migrations.get("summary").get("pending").asInt()).isZero();
			JsonNode drift = get(port, "/actuator/forge-drift");
			assertThat(drift.get("available").asBoolean()).isTrue();
			assertThat(drift.get("drift").asBoolean()).isFalse();
			JsonNode health = get(port, "/actuator/health");
			assertThat(health.get("components").get("forge").get("status").asString()).isEqualTo("UP");
			assertThat(health.get("components").get("forge").get("details").get("applied").asInt()).isEqualTo(5);
			JsonNode user = post(port, "/users", "{\"email\":\"ada@example.com\",\"name\":\"Ada\"}");
			JsonNode project = post(port, "/projects", "{\"name\":\"Engine\",\"description\":\" Fast and safe"
					+ "  migrations \",\"ownerId\":\"" + user.get("id").asString() + "\"}");
			assertThat(project.get("name").asString()).isEqualTo("Engine");
			assertThat(project.get("wordCount").asInt()).isEqualTo(4);
			assertThat(get(port, "/projects")).hasSize(1);
		}
		finally {
			app.stop();
		}
	}

	@Test
	void aFailedMigrationStopsTheApplicationWithTheMessageAndANonZeroExitCode() throws Exception {
		database.execute("CREATE TABLE users (id int)");
		Result result = SampleJar.start(SampleJar.on(database, "--server.port=" + freePort()))
			.waitFor(180);
		assertThat(result.exitCode()).as(result::toString).isOne();
		assertThat(result.out()).contains("APPLICATION FAILED TO START")
			.contains("FORGE could not migrate the database")
			.contains("0001_20240110_100000_create_users")
			.contains("relation \"users\" already exists")
			.doesNotContain("\tat ");
	}

	@Test
	void runsOnEmbeddedPostgresWhenNoDatabaseIsConfigured(@TempDir Path dataDirectory) throws Exception {
		int port = freePort();
		Running app = SampleJar.start("--server.port=" + port,
				"--sample.embedded-postgres.data-directory=" + dataDirectory.resolve("pgdata"));
		try {
			awaitReady(app, port);
			assertThat(get(port, "/actuator/forge-migrations").get("summary").get("applied").asInt()).isEqualTo(5);
			assertThat(Files.isDirectory(dataDirectory.resolve("pgdata"))).isTrue();
		}
		finally {
			Result stopped = app.stop();
			assertThat(stopped.out()).doesNotContain("ERROR");
		}
	}

	private static void awaitReady(Running app, int port) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
		while (System.nanoTime() < deadline) {
			if (!app.process().isAlive()) {
				throw new AssertionError("The sample exited:\n" + app.output());
			}
			try {
				HttpResponse<String> response = http.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
							.build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new AssertionError("The sample was not ready within 180 s:\n" + app.output());
	}

	private static JsonNode get(int port, String path) throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response::body).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static JsonNode post(int port, String path, String body) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response::body).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
