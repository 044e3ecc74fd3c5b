package dev.forge.boot.dashboard;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.forge.core.JavaBackfill;
import dev.forge.core.JobStatus;
import dev.forge.testsupport.TestDatabase;
import dev.forge.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jobs tab's JSON API over real HTTP on a real PostgreSQL: the list with progress, the
 * controls, Create Backfill Job from SQL (review, then write), and the refusals.
 */
class ForgeDashboardJobsIT {

	static final String BACKFILL = "0002_backfill_word_count";

	private static final JsonMapper JSON = JsonMapper.shared();

	private static TestDatabase database;

	private JobsDashboard dashboard;

	@TempDir
	Path migrations;

	@BeforeAll
	static void createDatabase() {
		database = TestPostgres.server().createDatabase("dashboard_jobs");
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@AfterEach
	void stop() {
		if (this.dashboard != null) {
			this.dashboard.close();
		}
		database.reset();
	}

	/** A table of documents with a primary key, and a backfill file that counts their words. */
	static void documents(Path migrations, int rows, String options) throws IOException {
		Files.writeString(migrations.resolve("0001_documents.sql"), """
				CREATE TABLE documents (id bigint PRIMARY KEY, body text NOT NULL, word_count integer);
				CREATE TABLE keyless (id bigint, word_count integer);
				INSERT INTO documents (id, body) SELECT i, repeat('word ', i %% 7 + 1) FROM generate_series(1, %d) AS i;
				ANALYZE documents;
				""".formatted(rows));
		if (options != null) {
			Files.writeString(migrations.resolve(BACKFILL + ".sql"), "-- forge:backfill " + options + "\n-- Up\n"
					+ "UPDATE documents SET word_count = array_length(regexp_split_to_array(trim(body), '\\s+'), 1)\n"
					+ "WHERE word_count IS NULL;\n");
		}
	}

	@Test
	void jobsListEveryJobWithItsProgressAndTheControlsItsStateAllows() throws Exception {
		documents(this.migrations, 1000, "batch-size=100");
		this.dashboard = JobsDashboard.start(database, this.migrations);
		this.dashboard.operations().apply();

		JsonNode jobs = json(this.dashboard.get("api/jobs"));
		assertThat(jobs.get("jobs")).hasSize(1);
		JsonNode pending = job(jobs, BACKFILL);
		assertThat(pending.get("status").asString()).isEqualTo("PENDING");
		assertThat(pending.get("table").asString()).isEqualTo("documents");
		assertThat(pending.get("options").asString()).contains("batch-size=100");
		assertThat(pending.get("rowsDone").asLong()).isZero();
		assertThat(pending.get("rowsLeft").asLong()).isEqualTo(1000);
		assertThat(pending.get("rowsTotal").asLong()).isEqualTo(1000);
		assertThat(pending.get("percent").asInt()).isZero();
		assertThat(pending.get("rowsPerSecond").asLong()).isZero();
		assertThat(pending.get("etaSeconds").isNull()).isTrue();
		assertThat(pending.get("startedAt").isNull()).isTrue();
		assertThat(pending.get("lastError").isNull()).isTrue();
		assertThat(actions(pending)).containsExactly("pause", "cancel");
		assertThat(jobs.get("declared")).isEmpty();
		assertThat(jobs.get("message").isNull()).isTrue();

		HttpResponse<String> unknown = this.dashboard.post("api/job-pause", Map.of("name", "0009_no_such_job"));
		assertThat(unknown.statusCode()).isEqualTo(409);
		assertThat(json(unknown).get("error").asString()).startsWith("No backfill job 0009_no_such_job");

		assertThat(this.dashboard.operations().runBackfill(BACKFILL).job().status()).isEqualTo(JobStatus.DONE);
		JsonNode done = job(json(this.dashboard.get("api/jobs")), BACKFILL);
		assertThat(done.get("status").asString()).isEqualTo("DONE");
		assertThat(done.get("rowsDone").asLong()).isEqualTo(1000);
		assertThat(done.get("rowsLeft").asLong()).isZero();
		assertThat(done.get("percent").asInt()).isEqualTo(100);
		assertThat(done.get("rowsPerSecond").asLong()).isPositive();
		assertThat(done.get("startedAt").isNull()).isFalse();
		assertThat(done.get("finishedAt").isNull()).isFalse();
		assertThat(actions(done)).isEmpty();
		HttpResponse<String> refused = this.dashboard.post("api/job-pause", Map.of("name", BACKFILL));
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(json(refused).get("error").asString())
			.startsWith("Cannot pause backfill job " + BACKFILL + ": it is DONE");
		assertThat(database.value("SELECT count(*) FROM documents WHERE word_count IS NULL")).isEqualTo(0L);
	}

	@Test
	void pauseResumeCancelAndRetryChangeTheJobAndAnswerWithIt() throws Exception {
		documents(this.migrations, 1000, "batch-size=100");
		this.dashboard = JobsDashboard.start(database, this.migrations);
		this.dashboard.operations().apply();

		JsonNode paused = json(this.dashboard.post("api/job-pause", Map.of("name", BACKFILL)));
		assertThat(paused.get("status").asString()).isEqualTo("PAUSED");
		assertThat(actions(paused)).containsExactly("resume", "cancel");
		assertThat(this.dashboard.operations().runBackfill(BACKFILL).rows()).as("a paused job does not run").isZero();
		assertThat(json(this.dashboard.post("api/job-resume", Map.of("name", BACKFILL))).get("status").asString())
			.isEqualTo("PENDING");
		JsonNode cancelled = json(this.dashboard.post("api/job-cancel", Map.of("name", BACKFILL)));
		assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(actions(cancelled)).containsExactly("retry");
		assertThat(json(this.dashboard.post("api/job-retry", Map.of("name", BACKFILL))).get("status").asString())
			.isEqualTo("PENDING");
		assertThat(this.dashboard.operations().job(BACKFILL).orElseThrow().status()).isEqualTo(JobStatus.PENDING);
	}

	@Test
	void stateChangingRequestsWithoutTheTokenAreRefusedAndChangeNothing() throws Exception {
		documents(this.migrations, 100, "");
		this.dashboard = JobsDashboard.start(database, this.migrations);
		this.dashboard.operations().apply();
		HttpResponse<String> preview = this.dashboard.post("api/backfill-preview", Map.of("name", "fill",
				"sql", "UPDATE documents SET word_count = 0 WHERE word_count IS NULL"));
		assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);

		for (String path : List.of("api/job-pause", "api/job-cancel", "api/job-start")) {
			HttpResponse<String> refused = this.dashboard.post(path, Map.of("name", BACKFILL), null);
			assertThat(refused.statusCode()).as(path).isEqualTo(403);
			assertThat(refused.body()).contains("X-Forge-Token");
		}
		assertThat(this.dashboard.post("api/backfill-write", Map.of("id", id(preview.body())), "not-the-token")
			.statusCode()).isEqualTo(403);
		assertThat(this.dashboard.post("api/backfill-preview", Map.of("name", "again", "sql",
				"UPDATE documents SET word_count = 0 WHERE word_count IS NULL"), null).statusCode()).isEqualTo(403);

		assertThat(this.dashboard.operations().job(BACKFILL).orElseThrow().status()).isEqualTo(JobStatus.PENDING);
		assertThat(files()).containsExactly("0001_documents.sql", BACKFILL + ".sql");
		assertThat(this.dashboard.get("api/job-pause").statusCode()).as("a GET changes nothing").isEqualTo(405);
	}

	@Test
	void badSqlIsRefusedWithTheEngineMessageNamingTheLine() throws Exception {
		documents(this.migrations, 10, null);
		this.dashboard = JobsDashboard.start(database, this.migrations);
		this.dashboard.operations().apply();

		assertThat(preview("UPDATE documents SET word_count = 0 WHERE word_count IS NULL;\nDELETE FROM documents;", Map.of()))
			.satisfies((response) -> assertThat(response.statusCode()).isEqualTo(400))
			.extracting(HttpResponse::body)
			.asString()
			.contains("the backfill SQL:2: a backfill file holds exactly one statement");
		assertThat(preview("-- every document\nUPDATE documents SET word_count = 0", Map.of()).body())
			.contains("the backfill SQL:2: the backfill's UPDATE has no WHERE");
		assertThat(preview("UPDATE keyless SET word_count = 0 WHERE word_count IS NULL", Map.of()).body())
			.contains("the backfill SQL:1: the backfill's table keyless has no primary key");
		assertThat(preview("UPDATE documents SET word_count = 0 WHERE word_count IS NULL", Map.of("pause", "50 ms"))
			.body()).contains("The backfill option pause takes one value without spaces");
		assertThat(preview("UPDATE documents SET word_count = 0 WHERE word_count IS NULL", Map.of("batch-size", "0"))
			.body()).contains("backfill option 'batch-size' needs a whole number from 1");
		assertThat(files()).containsExactly("0001_documents.sql");
	}

	@Test
	void createFromSqlShowsTheFileThenWritesExactlyThatFile() throws Exception {
		documents(this.migrations, 10, null);
		this.dashboard = JobsDashboard.start(database, this.migrations);
		this.dashboard.operations().apply();

		HttpResponse<String> preview = preview("UPDATE documents SET word_count = 0\nWHERE word_count IS NULL",
				Map.of("batch-size", "500", "pause", "10ms", "max-rows-per-second", "2000", "lock-timeout", "2s"));

		assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
		JsonNode review = json(preview);
		String fileName = review.get("fileName").asString();
		assertThat(fileName).matches("0002_\\d{8}_\\d{6}_backfill_word_count\\.sql");
		assertThat(review.get("content").asString())
			.contains("\n-- forge:backfill batch-size=500 pause=10ms max-rows-per-second=2000 lock-timeout=2s\n")
			.contains("\n-- Up\nUPDATE documents SET word_count = 0\nWHERE word_count IS NULL;\n");
		assertThat(review.get("checks")).hasSize(3);
		assertThat(files()).containsExactly("0001_documents.sql");

		HttpResponse<String> written = this.dashboard.post("api/backfill-write", Map.of("id", id(preview.body())));

		assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
		assertThat(json(written).get("pending").asBoolean()).isTrue();
		assertThat(json(written).get("message").asString()).startsWith("Wrote " + this.migrations + "/" + fileName);
		assertThat(files()).containsExactly("0001_documents.sql", fileName);
		assertThat(Files.readString(this.migrations.resolve(fileName))).isEqualTo(review.get("content").asString());
		assertThat(this.dashboard.post("api/backfill-write", Map.of("id", id(preview.body()))).statusCode())
			.as("written once").isEqualTo(404);

		assertThat(this.dashboard.post("api/apply-pending", Map.of()).statusCode()).isEqualTo(200);
		String name = fileName.replace(".sql", "");
		assertThat(job(json(this.dashboard.get("api/jobs")), name).get("status").asString()).isEqualTo("PENDING");
	}

	@Test
	void aDeclaredJavaBackfillIsListedAndStartedByName() throws Exception {
		documents(this.migrations, 10, null);
		this.dashboard = JobsDashboard.start(database, this.migrations, WordCount.class);
		this.dashboard.operations().apply();
		JsonNode declared = json(this.dashboard.get("api/jobs")).get("declared");
		assertThat(declared).hasSize(1);
		assertThat(declared.get(0).get("name").asString()).isEqualTo("backfill_word_count");
		assertThat(declared.get(0).get("table").asString()).isEqualTo("documents");
		assertThat(declared.get(0).get("startable").asBoolean()).isTrue();

		HttpResponse<String> started = this.dashboard.post("api/job-start", Map.of("name", "backfill_word_count"));

		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
		assertThat(json(started).get("status").asString()).isEqualTo("PENDING");
		assertThat(json(this.dashboard.get("api/jobs")).get("declared").get(0).get("startable").asBoolean()).isFalse();
		assertThat(this.dashboard.post("api/job-start", Map.of("name", "no_such_backfill")).statusCode())
			.isEqualTo(409);
	}

	private HttpResponse<String> preview(String sql, Map<String, String> options) throws Exception {
		Map<String, String> parameters = new LinkedHashMap<>(options);
		parameters.put("name", "backfill word count");
		parameters.put("sql", sql);
		return this.dashboard.post("api/backfill-preview", parameters);
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private static JsonNode job(JsonNode jobs, String name) {
		for (JsonNode job : jobs.get("jobs")) {
			if (job.get("name").asString().equals(name)) {
				return job;
			}
		}
		throw new AssertionError("no job " + name + " in " + jobs);
	}

	private static List<String> actions(JsonNode job) {
		List<String> actions = new ArrayList<>();
		job.get("actions").forEach((action) -> actions.add(action.asString()));
		return actions;
	}

	private static String id(String previewBody) {
		Matcher matcher = Pattern.compile("\"id\":\"([0-9a-f-]+)\"").matcher(previewBody);
		assertThat(matcher.find()).as(previewBody).isTrue();
		return matcher.group(1);
	}

	private List<String> files() throws IOException {
		try (Stream<Path> files = Files.list(this.migrations)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class WordCount {

		@Bean
		JavaBackfill backfillWordCount() {
			return JavaBackfill.named("backfill_word_count")
				.update("documents")
				.reading("body")
				.where("word_count IS NULL")
				.batch((rows) -> rows.forEach((row) -> row.set("word_count", row.getString("body").split(" +").length)));
		}

	}

}
