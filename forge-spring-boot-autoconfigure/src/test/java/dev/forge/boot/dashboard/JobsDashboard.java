package dev.forge.boot.dashboard;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.autoconfigure.ForgeAutoConfiguration;
import dev.forge.core.BackfillSettings;
import dev.forge.testsupport.TestDatabase;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with the dashboard on a real Tomcat and a real PostgreSQL, for the Jobs
 * tab's and the Nodes panel's tests: its HTTP API with and without the page's token, and its
 * operations, through which the tests run backfill jobs (no job runner runs them by itself
 * here) and join nodes to the fleet (the application itself is no node here).
 */
final class JobsDashboard implements AutoCloseable {

	/** Small batches with quick retries, so that a throttled job moves steadily and a failing one fails fast. */
	static final BackfillSettings SMALL_BATCHES = new BackfillSettings(1, Duration.ofMillis(200), 10, 100, 2,
			Duration.ofMillis(10));

	private static final Pattern TOKEN = Pattern.compile("<meta name=\"forge-token\" content=\"([^\"]+)\">");

	private static TestDatabase database;

	private final HttpClient http = HttpClient.newHttpClient();

	private final ConfigurableApplicationContext context;

	private final String base;

	private final String token;

	private JobsDashboard(ConfigurableApplicationContext context) throws Exception {
		this.context = context;
		this.base = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort() + "/_forge/";
		HttpResponse<String> page = get("");
		assertThat(page.statusCode()).isEqualTo(200);
		Matcher matcher = TOKEN.matcher(page.body());
		assertThat(matcher.find()).as("token in the page").isTrue();
		this.token = matcher.group(1);
		operations().setBackfillSettings(SMALL_BATCHES);
	}

	/**
	 * Starts the application on a database, reading and writing migrations in a folder.
	 */
	static JobsDashboard start(TestDatabase on, Path migrations, Class<?>... configurations) throws Exception {
		database = on;
		Class<?>[] sources = new Class<?>[configurations.length + 1];
		sources[0] = Application.class;
		System.arraycopy(configurations, 0, sources, 1, configurations.length);
		return new JobsDashboard(new SpringApplicationBuilder(sources).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "forge.dashboard.enabled=true", "forge.migrations.apply-on=none",
					"forge.migrations.path=file:" + migrations, "forge.migrations.output-dir=" + migrations)
			.run());
	}

	String url() {
		return this.base;
	}

	String token() {
		return this.token;
	}

	ForgeOperations operations() {
		return this.context.getBean(ForgeOperations.class);
	}

	HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(String path, Map<String, String> parameters) throws Exception {
		return post(path, parameters, this.token);
	}

	HttpResponse<String> post(String path, Map<String, String> parameters, String token) throws Exception {
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

	@Override
	public void close() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ForgeAutoConfiguration.class, ForgeDashboardAutoConfiguration.class })
	static class Application {

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
