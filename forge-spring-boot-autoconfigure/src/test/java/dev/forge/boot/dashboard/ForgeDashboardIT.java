package dev.forge.boot.dashboard;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.forge.boot.ForgeMigrationListener;
import dev.forge.boot.actuate.health.ForgeHealthIndicator;
import dev.forge.boot.actuate.metrics.ForgeMetrics;
import dev.forge.boot.autoconfigure.ForgeAutoConfiguration;
import dev.forge.boot.autoconfigure.ForgeHealthContributorAutoConfiguration;
import dev.forge.boot.autoconfigure.ForgeMetricsAutoConfiguration;
import dev.forge.core.ApplyResult;
import dev.forge.core.MigrationExecution;
import dev.forge.core.RollbackResult;
import dev.forge.testsupport.TestDatabase;
import dev.forge.testsupport.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard's JSON API over real HTTP, on a real Tomcat and a real PostgreSQL: the
 * refusals, and generate, cancel, apply, apply anyway, rollback, mark as rolled back and
 * drift.
 */
class ForgeDashboardIT {

	private static final Pattern TOKEN = Pattern.compile("<meta name=\"forge-token\" content=\"([^\"]+)\">");

	private static TestDatabase database;

	private final HttpClient http = HttpClient.newHttpClient();

	private ConfigurableApplicationContext context;

	private String base;

	private String token;

	@TempDir
	Path migrations;

	@BeforeAll
	static void createDatabase() {
		database = TestPostgres.server().createDatabase("dashboard");
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

	private void start(String... properties) throws Exception {
		start(DashboardApplication.class, properties);
	}

	private void start(Class<?> application, String... properties) throws Exception {
		this.context = new SpringApplicationBuilder(application).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "forge.dashboard.enabled=true", "forge.migrations.apply-on=none",
					"forge.migrations.path=file:" + this.migrations, "forge.migrations.output-dir=" + this.migrations,
					"forge.models.packages=dev.forge.boot.dashboard.models")
			.properties(properties)
			.run();
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		this.base = "http://localhost:" + port + "/_forge/";
		HttpResponse<String> page = get("");
		assertThat(page.statusCode()).isEqualTo(200);
		Matcher matcher = TOKEN.matcher(page.body());
		assertThat(matcher.find()).as("token in the page").isTrue();
		this.token = matcher.group(1);
	}

	@Test
	void postWithoutTheTokenIsRefusedAndChangesNothing() throws Exception {
		start();
		HttpResponse<String> response = send("api/preview", Map.of("name", "create notes"), null);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("X-Forge-Token");
		assertThat(send("api/apply-pending", Map.of(), "not-the-token").statusCode()).isEqualTo(403);
		assertThat(files()).isEmpty();
	}

	@Test
	void requestFromANonLoopbackAddressIsRefused() throws Exception {
		Optional<InetAddress> address = nonLoopbackAddress();
		assumeTrue(address.isPresent(), "this machine has no non-loopback IPv4 address to connect from");
		start();
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		for (String path : List.of("", "api/status")) {
			HttpResponse<String> response = this.http.send(HttpRequest
				.newBuilder(URI.create("http://" + address.get().getHostAddress() + ":" + port + "/_forge/" + path))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.body()).contains("loopback clients only").doesNotContain("forge-token");
		}
	}

	@Test
	void remoteClientClaimingToBeLoopbackInForwardedHeadersIsRefusedUnderTheFrameworkStrategy() throws Exception {
		Optional<InetAddress> address = nonLoopbackAddress();
		assumeTrue(address.isPresent(), "this machine has no non-loopback IPv4 address to connect from");
		start(ForwardedHeadersApplication.class, "server.forward-headers-strategy=framework");
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		// the strategy is on: a loopback proxy forwarding for a remote client is refused
		HttpResponse<String> proxied = this.http.send(HttpRequest.newBuilder(URI.create(this.base + "api/status"))
			.header("X-Forwarded-For", "203.0.113.9")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(proxied.statusCode()).isEqualTo(403);
		for (String path : List.of("", "api/status")) {
			HttpResponse<String> response = this.http.send(HttpRequest
				.newBuilder(URI.create("http://" + address.get().getHostAddress() + ":" + port + "/_forge/" + path))
				.header("X-Forwarded-For", "127.0.0.1")
				.header("X-Forwarded-Host", "localhost")
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isEqualTo(403);
			assertThat(response.body()).contains("loopback clients only").doesNotContain("forge-token");
		}
		assertThat(get("api/status").statusCode()).isEqualTo(200);
	}

	@Test
	void sqlConsoleIsRefusedUnlessEnabled() throws Exception {
		start();
		HttpResponse<String> response = send("api/sql", Map.of("sql", "SELECT 1"), this.token);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("forge.dashboard.sql-console=true");
	}

	@Test
	void sqlConsoleRunsSqlUnderAStatementTimeoutWhenEnabled() throws Exception {
		start("forge.dashboard.sql-console=true");
		HttpResponse<String> response = send("api/sql",
				Map.of("sql", "SELECT 1 AS one, NULL AS nothing; SHOW statement_timeout"), this.token);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"columns\":[\"one\",\"nothing\"],\"rows\":[[\"1\",null]]")
			.contains("\"rows\":[[\"10s\"]]");
		HttpResponse<String> failure = send("api/sql", Map.of("sql", "SELECT * FROM no_such_table"), this.token);
		assertThat(failure.statusCode()).isEqualTo(400);
		assertThat(failure.body()).contains("no_such_table");
	}

	@Test
	void generateShowsTheSqlCancelWritesNothingAndApplyWritesAndRunsIt() throws Exception {
		start();
		HttpResponse<String> preview = send("api/preview", Map.of("name", "create notes"), this.token);
		assertThat(preview.statusCode()).isEqualTo(200);
		assertThat(preview.body()).contains("CREATE TABLE notes").contains("DROP TABLE notes").contains("\"breaking\":[]");
		assertThat(send("api/cancel", Map.of("id", id(preview.body())), this.token).body()).contains("no file was written");
		assertThat(files()).isEmpty();
		assertThat(send("api/apply", Map.of("id", id(preview.body())), this.token).statusCode()).isEqualTo(404);

		preview = send("api/preview", Map.of("name", "create notes"), this.token);
		HttpResponse<String> applied = send("api/apply", Map.of("id", id(preview.body())), this.token);
		assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
		assertThat(files()).singleElement().asString().matches("0001_\\d{8}_\\d{6}_create_notes\\.sql");
		assertThat(database.tableExists("notes")).isTrue();
		String status = get("api/status").body();
		assertThat(status).contains("\"status\":\"APPLIED\"").doesNotContain("appliedBy").doesNotContain("postgres@");
		assertThat(database.value("SELECT applied_by FROM forge_migrations")).asString().startsWith("postgres@");

		HttpResponse<String> rollback = get("api/rollback-preview");
		assertThat(rollback.body()).contains("DROP TABLE notes;")
			.contains("drops data")
			.contains("\"dataLoss\":[\"DROP TABLE notes (line ");
		String name = files().get(0).replace(".sql", "");
		assertThat(send("api/rollback", Map.of("name", "0000_other"), this.token).statusCode()).isEqualTo(409);
		assertThat(send("api/rollback", Map.of("name", name), this.token).body()).contains(name);
		assertThat(database.tableExists("notes")).isFalse();
		assertThat(get("api/status").body()).contains("\"status\":\"PENDING\"");
	}

	@Test
	void breakingChangeNeedsApplyAnywayWhichPutsTheDirectiveIntoTheFile() throws Exception {
		start();
		HttpResponse<String> preview = send("api/preview", Map.of("name", "create notes"), this.token);
		send("api/apply", Map.of("id", id(preview.body())), this.token);
		database.execute("ALTER TABLE notes ADD COLUMN legacy text");

		HttpResponse<String> drift = get("api/drift");
		assertThat(drift.body()).contains("\"hasDrift\":true")
			.contains("✗ notes table has drift:\\n  - Extra column: legacy (in DB, not in code)");

		preview = send("api/preview", Map.of("name", "drop legacy"), this.token);
		assertThat(preview.body()).contains("\"breaking\":[\"DROP COLUMN: notes.legacy\"]")
			.contains("⚠️ WARNING: This migration contains breaking changes\\n\\n  - DROP COLUMN: notes.legacy\\n\\n"
					+ "These changes will break code that references the old schema.");
		HttpResponse<String> refused = send("api/apply", Map.of("id", id(preview.body())), this.token);
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("Apply Anyway");
		assertThat(files()).hasSize(1);

		HttpResponse<String> applied = send("api/apply", Map.of("id", id(preview.body()), "allowBreaking", "true"),
				this.token);
		assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
		assertThat(applied.body()).contains("\"allowBreaking\":true");
		assertThat(files()).hasSize(2);
		String written = Files.readString(this.migrations.resolve(files().get(1)));
		assertThat(written.substring(0, written.indexOf("\n-- Up\n"))).contains("\n-- forge:allow-breaking\n");
		assertThat(database.columnNames("notes")).doesNotContain("legacy");
		assertThat(get("api/drift").body()).contains("\"hasDrift\":false");

		String name = files().get(1).replace(".sql", "");
		HttpResponse<String> marked = send("api/mark-rolled-back", Map.of("name", name), this.token);
		assertThat(marked.statusCode()).isEqualTo(200);
		assertThat(get("api/status").body()).contains("\"name\":\"" + name + "\",\"status\":\"PENDING\"");
	}

	@Test
	void aPendingMigrationShowsEachStatementsLockAndRowEstimate() throws Exception {
		Files.writeString(this.migrations.resolve("0001_create_t.sql"), "CREATE TABLE t (id int, old text);\n");
		start();
		assertThat(send("api/apply-pending", Map.of(), this.token).statusCode()).isEqualTo(200);
		database.execute("INSERT INTO t SELECT generate_series(1, 1000); ANALYZE t;"
				+ " UPDATE pg_class SET reltuples = 48000000 WHERE oid = 't'::regclass");
		Files.writeString(this.migrations.resolve("0002_index_t.sql"), "ALTER TABLE t ADD COLUMN note text;\n"
				+ "CREATE INDEX t_id_idx ON t (id);\n");

		assertThat(get("api/status").body()).contains("\"name\":\"0002_index_t\",\"status\":\"PENDING\"")
			.contains("\"estimates\":[\"line 2: SHARE, scan of ~48M rows, seconds\"]");
	}

	@Test
	void aDeferredPhaseThatWaitsIsMarkedWithWhatWaitsWithIt() throws Exception {
		Files.writeString(this.migrations.resolve("0001_create_t.sql"), "CREATE TABLE t (id int, old text);\n");
		start();
		assertThat(send("api/apply-pending", Map.of(), this.token).statusCode()).isEqualTo(200);
		Files.writeString(this.migrations.resolve("0002_drop_old.sql"),
				"-- forge:deferred\n-- Up\nALTER TABLE t DROP COLUMN old;\n");
		Files.writeString(this.migrations.resolve("0003_create_u.sql"), "CREATE TABLE u (id int);\n");

		String status = get("api/status").body();

		assertThat(status).contains("\"name\":\"0001_create_t\",\"status\":\"APPLIED\",\"waits\":null")
			.contains("\"name\":\"0002_drop_old\",\"status\":\"PENDING\",\"waits\":\"waits: it is marked '-- forge:deferred'")
			.contains("\"name\":\"0003_create_u\",\"status\":\"PENDING\",\"waits\":\"waits with 0002_drop_old.\"");
	}

	@Test
	void runsFromTheDashboardMoveTheTimerTheHealthAndTheListeners() throws Exception {
		start();
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		ForgeHealthIndicator health = this.context.getBean(ForgeHealthIndicator.class);
		RecordingListener listener = this.context.getBean(RecordingListener.class);
		assertThat(health.health().getDetails()).containsEntry("applied", 0);

		HttpResponse<String> preview = send("api/preview", Map.of("name", "create notes"), this.token);
		assertThat(send("api/apply", Map.of("id", id(preview.body())), this.token).statusCode()).isEqualTo(200);
		String name = files().get(0).replace(".sql", "");
		assertThat(listener.events).containsExactly("applied " + List.of(name));
		assertThat(registry.get(ForgeMetrics.DURATION).tag("operation", "apply").timer().count()).isOne();
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		assertThat(health.health().getDetails()).containsEntry("applied", 1).containsEntry("pending", 0);

		assertThat(send("api/rollback", Map.of("name", name), this.token).statusCode()).isEqualTo(200);
		assertThat(listener.events).last().isEqualTo("rolled back " + List.of(name));
		assertThat(registry.get(ForgeMetrics.DURATION).tag("operation", "rollback").timer().count()).isOne();

		Files.writeString(this.migrations.resolve("0002_broken.sql"), "CREATE TABLE broken (id int);\nSELECT 1/0;\n");
		HttpResponse<String> failed = send("api/apply-pending", Map.of(), this.token);
		assertThat(failed.statusCode()).isEqualTo(409);
		// the first file applied before the second failed: the answer and the timer say so
		assertThat(failed.body()).contains("Completed before the failure: " + name + ".");
		assertThat(registry.get(ForgeMetrics.DURATION).tag("operation", "apply").timer().count()).isEqualTo(2);
		assertThat(listener.events).last().asString().startsWith("failed ").contains("0002_broken");
		assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.health().getDetails().get("error").toString()).contains("division by zero");
	}

	@Test
	void jobsSayThatThereAreNone() throws Exception {
		start();
		assertThat(get("api/jobs").body()).contains("\"jobs\":[]").contains("No backfill jobs");
	}

	private List<String> files() throws IOException {
		try (Stream<Path> files = Files.list(this.migrations)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	private static String id(String previewBody) {
		Matcher matcher = Pattern.compile("\"id\":\"([0-9a-f-]+)\"").matcher(previewBody);
		assertThat(matcher.find()).as(previewBody).isTrue();
		return matcher.group(1);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String path, Map<String, String> parameters, String token) throws Exception {
		String form = new LinkedHashMap<>(parameters).entrySet()
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

	private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (!network.isUp() || network.isLoopback()) {
				continue;
			}
			for (InetAddress address : Collections.list(network.getInetAddresses())) {
				if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
					return Optional.of(address);
				}
			}
		}
		return Optional.empty();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ForgeAutoConfiguration.class, ForgeDashboardAutoConfiguration.class,
			ForgeMetricsAutoConfiguration.class, ForgeHealthContributorAutoConfiguration.class })
	static class DashboardApplication {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

		@Bean
		TomcatServletWebServerFactory webServerFactory() {
			return new TomcatServletWebServerFactory(0);
		}

		@Bean
		DataSource dataSource() {
			return database.dataSource();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ForgeAutoConfiguration.class, ForgeDashboardAutoConfiguration.class,
			TomcatServletWebServerAutoConfiguration.class })
	static class ForwardedHeadersApplication {

		@Bean
		DataSource dataSource() {
			return database.dataSource();
		}

	}

	static class RecordingListener implements ForgeMigrationListener {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void applied(ApplyResult result) {
			this.events.add("applied " + result.applied().stream().map(MigrationExecution::name).toList());
		}

		@Override
		public void rolledBack(RollbackResult result) {
			this.events.add("rolled back " + result.rolledBack().stream().map(MigrationExecution::name).toList());
		}

		@Override
		public void failed(RuntimeException failure) {
			this.events.add("failed " + failure.getMessage());
		}

	}

}
