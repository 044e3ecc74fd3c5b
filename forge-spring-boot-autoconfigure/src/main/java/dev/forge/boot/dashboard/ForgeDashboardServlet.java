package dev.forge.boot.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.forge.boot.ForgeOperations.PreviewNotFoundException;
import dev.forge.boot.dashboard.DashboardApi.DashboardException;
import dev.forge.core.ForgeException;
import dev.forge.core.MigrationExecution;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Serves the FORGE dashboard: its page, style sheet and script from this jar, and the
 * JSON API under {@code api/}. Every request passes the {@link DashboardGuard} first.
 * Requests that change anything are {@code POST}s with form parameters.
 *
 * @author FORGE
 * @since 0.1.0
 */
final class ForgeDashboardServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	private static final Log logger = LogFactory.getLog(ForgeDashboardServlet.class);

	private static final String STATIC = "/dev/forge/boot/dashboard/static/";

	private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
			+ " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	private final transient DashboardApi api;

	private final transient DashboardJson json;

	private final transient @Nullable SqlConsole console;

	private final transient DashboardGuard guard;

	private final transient Map<String, byte[]> resources = new LinkedHashMap<>();

	ForgeDashboardServlet(DashboardApi api, DashboardJson json, @Nullable SqlConsole console, DashboardGuard guard) {
		this.api = api;
		this.json = json;
		this.console = console;
		this.guard = guard;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Cache-Control", "no-store");
		String refusal = this.guard.refuseClient(request);
		if (refusal != null) {
			logger.warn("Refused a FORGE dashboard request from " + request.getRemoteAddr() + ": " + refusal);
			error(response, 403, refusal);
			return;
		}
		String path = (request.getPathInfo() != null) ? request.getPathInfo() : "";
		String method = request.getMethod();
		boolean read = "GET".equals(method) || "HEAD".equals(method);
		if (path.isEmpty()) {
			response.sendRedirect(request.getContextPath() + request.getServletPath() + "/");
			return;
		}
		if (!path.startsWith("/api/")) {
			if (!read) {
				error(response, 405, "Only GET is allowed here.");
				return;
			}
			serveStatic(path, response);
			return;
		}
		if (!read) {
			refusal = this.guard.refuseChange(request);
			if (refusal != null) {
				error(response, 403, refusal);
				return;
			}
		}
		api(path.substring("/api/".length()), read, request, response);
	}

	private void api(String operation, boolean read, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Supplier<?> action = read ? readOperation(operation) : writeOperation(operation, request);
		if (action == null) {
			boolean exists = (read ? writeOperation(operation, request) : readOperation(operation)) != null;
			error(response, exists ? 405 : 404,
					exists ? "Wrong method for api/" + operation + "." : "No such operation: api/" + operation);
			return;
		}
		try {
			json(response, 200, action.get());
		}
		catch (DashboardException ex) {
			error(response, ex.status(), ex.getMessage());
		}
		catch (RuntimeException ex) {
			ForgeException problem = forgeProblem(ex);
			if (problem != null) {
				error(response, (problem instanceof PreviewNotFoundException) ? 404 : 409, withCompleted(problem));
			}
			else {
				logger.error("FORGE dashboard: api/" + operation + " failed", ex);
				error(response, 500, "api/" + operation + " failed: " + ex.getMessage());
			}
		}
	}

	/** The message, after what the failed run completed: that work stays done. */
	private static String withCompleted(ForgeException problem) {
		if (problem.completed().isEmpty()) {
			return String.valueOf(problem.getMessage());
		}
		return "Completed before the failure: " + problem.completed()
			.stream()
			.map(MigrationExecution::name)
			.collect(Collectors.joining(", ")) + ".\n\n" + problem.getMessage();
	}

	/** A problem FORGE reports to the user, possibly wrapped by a library on the way. */
	private static @Nullable ForgeException forgeProblem(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ForgeException problem) {
				return problem;
			}
		}
		return null;
	}

	private @Nullable Supplier<?> readOperation(String operation) {
		return switch (operation) {
			case "status" -> this.api::status;
			case "rollback-preview" -> this.api::rollbackPreview;
			case "drift" -> this.api::drift;
			case "jobs" -> this.api::jobs;
			case "config" -> this::config;
			case "adoption" -> this.api::adoption;
			default -> null;
		};
	}

	private @Nullable Supplier<?> writeOperation(String operation, HttpServletRequest request) {
		return switch (operation) {
			case "preview" -> () -> this.api.preview(parameter(request, "name"));
			case "apply" -> () -> this.api.apply(parameter(request, "id"),
					Boolean.parseBoolean(request.getParameter("allowBreaking")));
			case "cancel" -> () -> this.api.cancel(parameter(request, "id"));
			case "apply-pending" -> this.api::applyPending;
			case "rollback" -> () -> this.api.rollback(parameter(request, "name"));
			case "mark-rolled-back" -> () -> this.api.markRolledBack(parameter(request, "name"));
			case "baseline" -> this.api::baseline;
			case "import-flyway" -> () -> this.api.importFlyway(java.util.Objects.toString(request.getParameter("locations"), ""));
			case "sql" -> () -> sql(parameter(request, "sql"));
			case "job-pause", "job-resume", "job-cancel", "job-retry", "job-start" ->
				() -> this.api.job(operation.substring("job-".length()), parameter(request, "name"));
			case "backfill-preview" -> () -> this.api.previewBackfill(parameter(request, "name"),
					parameter(request, "sql"), backfillOptions(request));
			case "backfill-write" -> () -> this.api.writeBackfill(parameter(request, "id"));
			default -> null;
		};
	}

	/** The options of Create Backfill Job, by their {@code -- forge:backfill} names; blank ones are left out. */
	private static Map<String, String> backfillOptions(HttpServletRequest request) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String option : new String[] { "batch-size", "pause", "max-rows-per-second", "lock-timeout" }) {
			String value = request.getParameter(option);
			options.put(option, (value != null) ? value : "");
		}
		return options;
	}

	private Map<String, Object> sql(String sql) {
		if (this.console == null) {
			throw new DashboardException(403, "The SQL console is off. Set forge.dashboard.sql-console=true to turn it"
					+ " on (for development databases: it runs any SQL with the application's database user).");
		}
		return this.console.run(sql);
	}

	private Map<String, Object> config() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("sqlConsole", this.console != null);
		body.put("statementTimeoutMillis", SqlConsole.STATEMENT_TIMEOUT.toMillis());
		body.put("maxRows", SqlConsole.MAX_ROWS);
		return body;
	}

	private static String parameter(HttpServletRequest request, String name) {
		String value = request.getParameter(name);
		if (value == null) {
			throw new DashboardException(400, "Missing parameter '" + name + "'.");
		}
		return value.strip();
	}

	private void serveStatic(String path, HttpServletResponse response) throws IOException {
		String name = path.equals("/") ? "index.html" : path.substring(1);
		String type = switch (name) {
			case "index.html" -> "text/html;charset=UTF-8";
			case "dashboard.css" -> "text/css;charset=UTF-8";
			case "dashboard.js" -> "text/javascript;charset=UTF-8";
			case "favicon.svg" -> "image/svg+xml";
			default -> null;
		};
		if (type == null) {
			error(response, 404, "Not found: " + name);
			return;
		}
		byte[] content = resource(name);
		if (name.equals("index.html")) {
			content = new String(content, StandardCharsets.UTF_8).replace("{{token}}", this.guard.token())
				.getBytes(StandardCharsets.UTF_8);
			response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		}
		response.setStatus(200);
		response.setContentType(type);
		response.setContentLength(content.length);
		response.getOutputStream().write(content);
	}

	private byte[] resource(String name) {
		synchronized (this.resources) {
			return this.resources.computeIfAbsent(name, (key) -> {
				try (InputStream input = ForgeDashboardServlet.class.getResourceAsStream(STATIC + key)) {
					if (input == null) {
						throw new IllegalStateException("The dashboard resource " + key + " is missing from the jar");
					}
					return input.readAllBytes();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

	private void error(HttpServletResponse response, int status, @Nullable String message) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", message);
		json(response, status, body);
	}

	private void json(HttpServletResponse response, int status, Object body) throws IOException {
		byte[] content = this.json.write(body).getBytes(StandardCharsets.UTF_8);
		response.setStatus(status);
		response.setContentType("application/json;charset=UTF-8");
		response.setContentLength(content.length);
		response.getOutputStream().write(content);
	}

}
