package dev.forge.boot.dashboard;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Decides which requests the dashboard answers.
 * <ul>
 * <li>Every request must name an allowed host in its {@code Host} header: a loopback one
 * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) or one of
 * {@code forge.dashboard.allowed-hosts}, so that a web page whose name was rebound to the
 * application's address (DNS rebinding) cannot use the dashboard.</li>
 * <li>Unless remote clients are allowed, the connection must be a loopback one. That is
 * decided from the connection as the servlet container accepted it (the innermost
 * request, below any wrapper such as Spring's {@code ForwardedHeaderFilter}, which
 * believes {@code X-Forwarded-For} and {@code Forwarded} headers that any client can
 * send): its local address must be a loopback address, which no remote peer can reach.
 * The client address the application sees (after forwarded headers, e.g. from a proxy on
 * the same host) must be a loopback address too.</li>
 * <li>A request that changes anything (anything but {@code GET} and {@code HEAD}) must
 * carry the application's token in the {@value #TOKEN_HEADER} header, and, when the
 * browser sends an {@code Origin}, come from the dashboard's own origin on an allowed
 * host. The token is random per application start and is written into the dashboard's
 * page, which other sites cannot read.</li>
 * </ul>
 */
final class DashboardGuard {

	/** The request header that carries the token. */
	static final String TOKEN_HEADER = "X-Forge-Token";

	private final boolean allowRemote;

	private final List<String> allowedHosts;

	private final String token;

	DashboardGuard(boolean allowRemote, Collection<String> allowedHosts, String token) {
		this.allowRemote = allowRemote;
		this.allowedHosts = allowedHosts.stream().map(DashboardGuard::hostName).toList();
		this.token = token;
	}

	static String newToken() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	String token() {
		return this.token;
	}

	/**
	 * Checks where a request comes from.
	 * @param request the request
	 * @return why it is refused, or {@code null} if it may proceed
	 */
	@Nullable String refuseClient(HttpServletRequest request) {
		if (!this.allowRemote) {
			ServletRequest connection = containerRequest(request);
			if (!isLoopbackAddress(connection.getLocalAddr()) || !isLoopbackAddress(connection.getRemoteAddr())
					|| !isLoopbackAddress(request.getRemoteAddr())) {
				return "The FORGE dashboard answers loopback clients only; set forge.dashboard.allow-remote=true"
						+ " and forge.dashboard.allowed-hosts (and protect it, e.g. with Spring Security) to open it"
						+ " to others.";
			}
		}
		if (!isAllowedHost(request.getServerName())) {
			return "The FORGE dashboard answers requests for " + allowedHostsText() + " only, not '"
					+ request.getServerName() + "' (a host name of this application belongs in forge.dashboard.allowed-hosts).";
		}
		return null;
	}

	/**
	 * The request as the servlet container made it from the connection, below the wrappers
	 * that filters put around it.
	 */
	private static ServletRequest containerRequest(ServletRequest request) {
		ServletRequest inner = request;
		while (inner instanceof ServletRequestWrapper wrapper) {
			inner = wrapper.getRequest();
		}
		return inner;
	}

	private boolean isAllowedHost(@Nullable String host) {
		if (host == null) {
			return false;
		}
		return isLoopbackHost(host) || this.allowedHosts.contains(hostName(host));
	}

	private String allowedHostsText() {
		return String.join(", ", Stream.concat(Stream.of("localhost", "127.0.0.1", "[::1]"), this.allowedHosts.stream())
			.toList());
	}

	private static String hostName(String host) {
		String name = host.strip().toLowerCase(Locale.ROOT);
		return (name.startsWith("[") && name.endsWith("]")) ? name.substring(1, name.length() - 1) : name;
	}

	/**
	 * Checks that a state-changing request comes from the dashboard's page.
	 * @param request the request
	 * @return why it is refused, or {@code null} if it may proceed
	 */
	@Nullable String refuseChange(HttpServletRequest request) {
		String sent = request.getHeader(TOKEN_HEADER);
		if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
				this.token.getBytes(StandardCharsets.UTF_8))) {
			return "Missing or wrong " + TOKEN_HEADER + " header: state-changing requests need the token of the"
					+ " dashboard's page (reload the page if the application was restarted).";
		}
		String origin = request.getHeader("Origin");
		if (origin != null && !sameOrigin(origin, request)) {
			return "Cross-origin request from " + origin + " refused.";
		}
		return null;
	}

	private boolean sameOrigin(String origin, HttpServletRequest request) {
		try {
			URI uri = URI.create(origin);
			int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
			return uri.getHost() != null && isAllowedHost(uri.getHost())
					&& request.getScheme().equalsIgnoreCase(uri.getScheme())
					&& hostName(request.getServerName()).equals(hostName(uri.getHost()))
					&& request.getServerPort() == port;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	static boolean isLoopbackAddress(@Nullable String address) {
		if (address == null || address.isEmpty() || !address.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?")) {
			return false;
		}
		try {
			// an address literal: no name lookup takes place
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	static boolean isLoopbackHost(@Nullable String host) {
		if (host == null) {
			return false;
		}
		String name = host.toLowerCase(Locale.ROOT);
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		if (name.equals("localhost") || name.endsWith(".localhost")) {
			return true;
		}
		if (name.matches("[0-9.]+") || name.matches("[0-9a-f:]+")) {
			return isLoopbackAddress(name);
		}
		return false;
	}

}
