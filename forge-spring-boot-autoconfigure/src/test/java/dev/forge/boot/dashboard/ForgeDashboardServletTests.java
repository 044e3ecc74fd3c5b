package dev.forge.boot.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.forge.boot.ForgeOperations;
import dev.forge.core.Forge;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.ForwardedHeaderFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ForgeDashboardServlet} and {@link DashboardGuard} with mock requests:
 * who may use the dashboard, and which requests need the token. The refusals happen before
 * the database is used, so none is needed.
 */
class ForgeDashboardServletTests {

	private static final String TOKEN = "test-token-0123456789";

	private final Forge forge = Forge.configure().dataSource(new PGSimpleDataSource()).load();

	private ForgeDashboardServlet servlet(boolean allowRemote, boolean sqlConsole) {
		return servlet(allowRemote, sqlConsole, List.of());
	}

	private ForgeDashboardServlet servlet(boolean allowRemote, boolean sqlConsole, List<String> allowedHosts) {
		return new ForgeDashboardServlet(new DashboardApi(new ForgeOperations(this.forge, List.of()), "migrations"),
				new DashboardJson(JsonMapper.shared()), sqlConsole ? new SqlConsole(new PGSimpleDataSource()) : null,
				new DashboardGuard(allowRemote, allowedHosts, TOKEN));
	}

	private MockHttpServletResponse call(ForgeDashboardServlet servlet, MockHttpServletRequest request)
			throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		servlet.service(request, response);
		return response;
	}

	private static MockHttpServletRequest request(String method, String pathInfo) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/_forge" + pathInfo);
		request.setServletPath("/_forge");
		request.setPathInfo(pathInfo.isEmpty() ? null : pathInfo);
		request.setRemoteAddr("127.0.0.1");
		request.setServerName("localhost");
		request.setServerPort(8080);
		return request;
	}

	@Test
	void servesThePageWithTheTokenAndAContentSecurityPolicyToLoopbackClients() throws Exception {
		MockHttpServletResponse response = call(servlet(false, false), request("GET", "/"));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).startsWith("text/html");
		assertThat(response.getContentAsString(StandardCharsets.UTF_8))
			.contains("<meta name=\"forge-token\" content=\"" + TOKEN + "\">")
			.doesNotContain("{{token}}");
		assertThat(response.getHeader("Content-Security-Policy")).contains("script-src 'self'");
		assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
	}

	@Test
	void servesScriptAndStyleSheetFromTheJar() throws Exception {
		assertThat(call(servlet(false, false), request("GET", "/dashboard.js")).getContentAsString())
			.contains("X-Forge-Token");
		assertThat(call(servlet(false, false), request("GET", "/dashboard.css")).getContentType())
			.startsWith("text/css");
		assertThat(call(servlet(false, false), request("GET", "/../application.properties")).getStatus())
			.isEqualTo(404);
	}

	@Test
	void redirectsThePathWithoutSlashToTheOneWithIt() throws Exception {
		MockHttpServletResponse response = call(servlet(false, false), request("GET", ""));
		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getRedirectedUrl()).isEqualTo("/_forge/");
	}

	@Test
	void refusesNonLoopbackClientsWith403() throws Exception {
		for (String address : List.of("203.0.113.9", "192.168.1.20", "2001:db8::1")) {
			MockHttpServletRequest request = request("GET", "/api/status");
			request.setRemoteAddr(address);
			MockHttpServletResponse response = call(servlet(false, false), request);
			assertThat(response.getStatus()).as(address).isEqualTo(403);
			assertThat(response.getContentAsString()).contains("loopback clients only")
				.contains("forge.dashboard.allow-remote=true");
		}
		MockHttpServletRequest page = request("GET", "/");
		page.setRemoteAddr("203.0.113.9");
		assertThat(call(servlet(false, false), page).getStatus()).isEqualTo(403);
	}

	@Test
	void answersRemoteClientsWhenAllowedForTheAllowedHostsOnly() throws Exception {
		MockHttpServletRequest request = remote("GET", "/", "forge.example.com");
		assertThat(call(servlet(true, false, List.of("forge.example.com")), request).getStatus()).isEqualTo(200);
		request = remote("GET", "/", "FORGE.Example.com");
		assertThat(call(servlet(true, false, List.of("forge.example.com")), request).getStatus()).isEqualTo(200);
	}

	@Test
	void refusesARemoteRequestForAHostThatIsNotAllowedSoThatDnsRebindingDoesNotWork() throws Exception {
		ForgeDashboardServlet servlet = servlet(true, true, List.of("forge.example.com"));
		for (String method : List.of("GET", "POST")) {
			MockHttpServletRequest request = remote(method, "/api/" + (method.equals("GET") ? "config" : "sql"),
					"attacker.example");
			request.addHeader(DashboardGuard.TOKEN_HEADER, TOKEN);
			request.addHeader("Origin", "http://attacker.example");
			request.setParameter("sql", "SELECT 1");
			MockHttpServletResponse response = call(servlet, request);
			assertThat(response.getStatus()).as(method).isEqualTo(403);
			assertThat(response.getContentAsString()).contains("not 'attacker.example'")
				.contains("forge.dashboard.allowed-hosts");
		}
	}

	@Test
	void refusesARemotePostWhoseOriginIsNotAnAllowedHostEvenForAnAllowedHost() throws Exception {
		DashboardGuard guard = new DashboardGuard(true, List.of("forge.example.com"), TOKEN);
		MockHttpServletRequest request = remote("POST", "/api/apply-pending", "forge.example.com");
		request.addHeader(DashboardGuard.TOKEN_HEADER, TOKEN);
		request.addHeader("Origin", "http://attacker.example");
		assertThat(guard.refuseClient(request)).isNull();
		assertThat(guard.refuseChange(request)).contains("Cross-origin request from http://attacker.example");
		MockHttpServletRequest sameOrigin = remote("POST", "/api/apply-pending", "forge.example.com");
		sameOrigin.addHeader(DashboardGuard.TOKEN_HEADER, TOKEN);
		sameOrigin.addHeader("Origin", "http://forge.example.com:8080");
		assertThat(guard.refuseChange(sameOrigin)).isNull();
	}

	@Test
	void refusesARemoteClientThatClaimsALoopbackAddressInForwardedHeaders() throws Exception {
		// what server.forward-headers-strategy=framework puts in front of every servlet
		ForwardedHeaderFilter framework = new ForwardedHeaderFilter();
		for (Map<String, String> headers : List.of(Map.of("X-Forwarded-For", "127.0.0.1", "X-Forwarded-Host", "localhost"),
				Map.of("Forwarded", "for=127.0.0.1;by=127.0.0.1;host=localhost"))) {
			MockHttpServletRequest request = remote("GET", "/api/status", "192.0.2.2");
			headers.forEach(request::addHeader);
			List<String> seen = new ArrayList<>();
			MockHttpServletResponse response = new MockHttpServletResponse();
			framework.doFilter(request, response, new MockFilterChain(servlet(false, false)) {
				@Override
				public void doFilter(ServletRequest wrapped, ServletResponse out) throws IOException, ServletException {
					seen.add(wrapped.getRemoteAddr() + " " + wrapped.getServerName());
					super.doFilter(wrapped, out);
				}
			});
			assertThat(seen).as("the filter believes the headers").containsExactly("127.0.0.1 localhost");
			assertThat(response.getStatus()).as(headers.toString()).isEqualTo(403);
			assertThat(response.getContentAsString()).contains("loopback clients only");
		}
	}

	@Test
	void answersALoopbackProxyOnlyForALoopbackClient() throws Exception {
		ForwardedHeaderFilter framework = new ForwardedHeaderFilter();
		MockHttpServletRequest local = request("GET", "/api/config");
		local.addHeader("X-Forwarded-For", "127.0.0.1");
		MockHttpServletResponse response = new MockHttpServletResponse();
		framework.doFilter(local, response, new MockFilterChain(servlet(false, false)));
		assertThat(response.getStatus()).isEqualTo(200);
		MockHttpServletRequest proxied = request("GET", "/api/config");
		proxied.addHeader("X-Forwarded-For", "203.0.113.9");
		response = new MockHttpServletResponse();
		framework.doFilter(proxied, response, new MockFilterChain(servlet(false, false)));
		assertThat(response.getStatus()).isEqualTo(403);
	}

	private static MockHttpServletRequest remote(String method, String pathInfo, String host) {
		MockHttpServletRequest request = request(method, pathInfo);
		request.setRemoteAddr("203.0.113.9");
		request.setLocalAddr("192.0.2.2");
		request.setServerName(host);
		return request;
	}

	@Test
	void refusesRequestsForOtherHostNamesSoThatDnsRebindingDoesNotWork() throws Exception {
		MockHttpServletRequest request = request("GET", "/");
		request.setServerName("attacker.example");
		MockHttpServletResponse response = call(servlet(false, false), request);
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentAsString()).contains("attacker.example");
	}

	@Test
	void refusesPostsWithoutTheToken() throws Exception {
		for (String operation : List.of("preview", "apply", "cancel", "apply-pending", "rollback", "mark-rolled-back",
				"sql")) {
			MockHttpServletRequest request = request("POST", "/api/" + operation);
			request.setParameter("name", "x");
			MockHttpServletResponse response = call(servlet(false, true), request);
			assertThat(response.getStatus()).as(operation).isEqualTo(403);
			assertThat(response.getContentAsString()).contains("X-Forge-Token");
		}
	}

	@Test
	void refusesPostsWithAWrongToken() throws Exception {
		MockHttpServletRequest request = request("POST", "/api/apply-pending");
		request.addHeader(DashboardGuard.TOKEN_HEADER, TOKEN + "x");
		assertThat(call(servlet(false, false), request).getStatus()).isEqualTo(403);
	}

	@Test
	void refusesPostsFromAnotherOriginEvenWithTheToken() throws Exception {
		MockHttpServletRequest request = request("POST", "/api/apply-pending");
		request.addHeader(DashboardGuard.TOKEN_HEADER, TOKEN);
		request.addHeader("Origin", "http://localhost:9999");
		MockHttpServletResponse response = call(servlet(false, false), request);
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentAsString()).contains("Cross-origin");
	}

	@Test
	void refusesTheSqlConsoleUnlessEnabled() throws Exception {
		MockHttpServletRequest request = request("POST", "/api/sql");
		request.addHeader(DashboardGuard.TOKEN_HEADER, TOKEN);
		request.addHeader("Origin", "http://localhost:8080");
		request.setParameter("sql", "SELECT 1");
		MockHttpServletResponse response = call(servlet(false, false), request);
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentAsString()).contains("forge.dashboard.sql-console=true");
		MockHttpServletResponse config = call(servlet(false, false), request("GET", "/api/config"));
		assertThat(config.getContentAsString()).contains("\"sqlConsole\":false");
	}

	@Test
	void answersUnknownOperationsWith404AndWrongMethodsWith405() throws Exception {
		assertThat(call(servlet(false, false), request("GET", "/api/nothing")).getStatus()).isEqualTo(404);
		assertThat(call(servlet(false, false), request("GET", "/api/apply")).getStatus()).isEqualTo(405);
		MockHttpServletRequest post = request("POST", "/api/status");
		post.addHeader(DashboardGuard.TOKEN_HEADER, TOKEN);
		assertThat(call(servlet(false, false), post).getStatus()).isEqualTo(405);
	}

	@Test
	void tellsLoopbackAddressesFromOthersWithoutLookingNamesUp() {
		assertThat(DashboardGuard.isLoopbackAddress("127.0.0.1")).isTrue();
		assertThat(DashboardGuard.isLoopbackAddress("127.10.0.5")).isTrue();
		assertThat(DashboardGuard.isLoopbackAddress("::1")).isTrue();
		assertThat(DashboardGuard.isLoopbackAddress("0:0:0:0:0:0:0:1")).isTrue();
		assertThat(DashboardGuard.isLoopbackAddress("192.0.2.2")).isFalse();
		assertThat(DashboardGuard.isLoopbackAddress("localhost")).isFalse();
		assertThat(DashboardGuard.isLoopbackAddress(null)).isFalse();
		assertThat(DashboardGuard.isLoopbackHost("localhost")).isTrue();
		assertThat(DashboardGuard.isLoopbackHost("[::1]")).isTrue();
		assertThat(DashboardGuard.isLoopbackHost("127.0.0.1")).isTrue();
		assertThat(DashboardGuard.isLoopbackHost("localhost.attacker.example")).isFalse();
		assertThat(DashboardGuard.isLoopbackHost("10.0.0.1")).isFalse();
	}

	@Test
	void writesJsonThatCannotCloseAScriptElement() {
		assertThat(new DashboardJson(JsonMapper.shared()).write(Map.of("a", List.of("</script>\"\n\u2028", 1, true))))
			.isEqualTo("{\"a\":[\"\\u003C/script>\\\"\\n\\u2028\",1,true]}");
	}

}
