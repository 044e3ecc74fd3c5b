package dev.forge.boot.dashboard;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Decides which requests the dashboard answers.
 * <ul>
 * <li>Unless remote clients are allowed, the client must connect from a loopback address
 * and name a loopback host ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) in its
 * {@code Host} header, so that a web page whose name was rebound to 127.0.0.1 cannot
 * use the dashboard either.</li>
 * <li>A request that changes anything (anything but {@code GET} and {@code HEAD}) must
 * carry the application's token in the {@value #TOKEN_HEADER} header, and, when the
 * browser sends an {@code Origin}, come from the dashboard's own origin. The token is
 * random per application start and is written into the dashboard's page, which other
 * sites cannot read.</li>
 * </ul>
 */
final class DashboardGuard {

	/** The request header that carries the token. */
	static final String TOKEN_HEADER = "X-Forge-Token";

	private final boolean allowRemote;

	private final String token;

	DashboardGuard(boolean allowRemote, String token) {
		this.allowRemote = allowRemote;
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
		if (this.allowRemote) {
			return null;
		}
		if (!isLoopbackAddress(request.getRemoteAddr())) {
			return "The FORGE dashboard answers loopback clients only; set forge.dashboard.allow-remote=true"
					+ " (and protect it, e.g. with Spring Security) to open it to others.";
		}
		if (!isLoopbackHost(request.getServerName())) {
			return "The FORGE dashboard answers requests for localhost, 127.0.0.1 or [::1] only, not '"
					+ request.getServerName() + "'.";
		}
		return null;
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

	private static boolean sameOrigin(String origin, HttpServletRequest request) {
		try {
			URI uri = URI.create(origin);
			int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
			return request.getScheme().equalsIgnoreCase(uri.getScheme())
					&& request.getServerName().equalsIgnoreCase(uri.getHost()) && request.getServerPort() == port;
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
