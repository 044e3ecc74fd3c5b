package dev.forge.sample.petclinic;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pet clinic started on an empty database, with {@code ddl-auto=validate} and FORGE's
 * default {@code apply-on=ready}: the generated migrations are applied before Hibernate
 * validates the schema, and the repositories work on it. ({@code PetClinicCommandLineIT}
 * shows that the same start fails on a schema that does not match.)
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class PetClinicApplicationIT {

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
	void startsOnAnEmptyDatabaseAndKeepsOwnersWithTheirPetsAndVisits(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = PetClinicRuns.run(database, "--server.port=0")) {
			assertThat(database.column("SELECT name FROM forge_migrations ORDER BY name"))
				.containsExactlyElementsOf(PetClinicRuns.migrationNames());
			assertThat(output).contains("Applying pending migrations before JPA's EntityManagerFactory starts");
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();

			JsonNode owner = post(port, "/owners", "{\"firstName\":\"George\",\"lastName\":\"Franklin\","
					+ "\"address\":\"110 W. Liberty St.\",\"city\":\"Madison\",\"telephone\":\"6085551023\"}");
			JsonNode leo = post(port, "/owners/" + owner.get("id").asInt() + "/pets",
					"{\"name\":\"Leo\",\"birthDate\":\"2020-09-07\",\"type\":\"cat\",\"microchip\":\"985112003456789\"}");
			post(port, "/owners/" + owner.get("id").asInt() + "/pets", "{\"name\":\"Basil\",\"type\":\"hamster\"}");
			post(port, "/pets/" + leo.get("id").asInt() + "/visits",
					"{\"date\":\"2026-01-05\",\"description\":\"rabies shot\"}");
			post(port, "/pets/" + leo.get("id").asInt() + "/visits",
					"{\"date\":\"2026-03-02\",\"description\":\"neutered\"}");
			post(port, "/vets", "{\"firstName\":\"Helen\",\"lastName\":\"Leary\",\"specialties\":[\"surgery\","
					+ "\"radiology\"]}");

			JsonNode found = get(port, "/owners?lastName=Frank");
			assertThat(found).hasSize(1);
			assertThat(found.get(0).get("city").asString()).isEqualTo("Madison");
			JsonNode pets = found.get(0).get("pets");
			assertThat(pets).hasSize(2);
			assertThat(pets.get(0).get("name").asString()).isEqualTo("Basil");
			assertThat(pets.get(0).get("visits")).isEmpty();
			assertThat(pets.get(1).get("name").asString()).isEqualTo("Leo");
			assertThat(pets.get(1).get("type").asString()).isEqualTo("cat");
			assertThat(pets.get(1).get("microchip").asString()).isEqualTo("985112003456789");
			assertThat(pets.get(1).get("visits").findValuesAsString("description")).containsExactly("rabies shot",
					"neutered");
			assertThat(get(port, "/vets").get(0).get("specialties").values()).extracting(JsonNode::asString)
				.containsExactly("radiology", "surgery");
			assertThat(database.value("SELECT count(*) FROM vet_specialties")).isEqualTo(2L);

			JsonNode drift = get(port, "/actuator/forge-drift");
			assertThat(drift.get("drift").asBoolean()).as(drift::toString).isFalse();
			awaitNodeUsing("pets.microchip");
		}
	}

	/**
	 * The node registers what its models use once it started: here, the entities' columns.
	 */
	private static void awaitNodeUsing(String column) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		String query = "SELECT count(*) FROM forge_nodes WHERE application = 'forge-jpa-sample' AND '" + column
				+ "' = ANY (uses)";
		while (!database.tableExists("forge_nodes") || !database.value(query).equals(1L)) {
			assertThat(System.nanoTime()).as("node using " + column + " registered within 30 s").isLessThan(deadline);
			Thread.sleep(100);
		}
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

}
