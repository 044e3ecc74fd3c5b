package dev.forge.boot.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.forge.core.BackfillSettings;
import dev.forge.core.BreakingChangePolicy;
import dev.forge.core.DeferredPolicy;
import dev.forge.core.OutOfOrderPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties for FORGE Migrations.
 *
 * <p>
 * The properties validate themselves when they are bound, so that a bad value stops the
 * application with Spring Boot's failure analysis, naming the property.
 *
 * @author FORGE
 * @since 0.1.0
 */
@ConfigurationProperties("forge")
public class ForgeProperties implements Validator, ResourceLoaderAware {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

	private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]");

	private static final Pattern JAVA_PACKAGE = Pattern
		.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

	private final Migrations migrations = new Migrations();

	private final Models models = new Models();

	private final Dashboard dashboard = new Dashboard();

	private final Jobs jobs = new Jobs();

	private final Fleet fleet = new Fleet();

	private @Nullable ResourceLoader resourceLoader;

	public Migrations getMigrations() {
		return this.migrations;
	}

	public Models getModels() {
		return this.models;
	}

	public Dashboard getDashboard() {
		return this.dashboard;
	}

	public Jobs getJobs() {
		return this.jobs;
	}

	public Fleet getFleet() {
		return this.fleet;
	}

	@Override
	public void setResourceLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	@Override
	public boolean supports(Class<?> type) {
		return ForgeProperties.class.isAssignableFrom(type);
	}

	/**
	 * Validates the properties. Fields are rejected under their property names (such as
	 * {@code migrations.lock-timeout}), which Spring Boot's binder resolves, so that the
	 * failure analysis names the property the user wrote.
	 * @param target the properties
	 * @param errors where problems are reported
	 */
	@Override
	public void validate(Object target, Errors errors) {
		ForgeProperties properties = (ForgeProperties) target;
		properties.migrations.validate(errors, properties.resourceLoader);
		properties.models.validate(errors);
		properties.dashboard.validate(errors);
		properties.jobs.validate(errors);
		properties.fleet.validate(errors);
		if (properties.migrations.getDeferred() == DeferredPolicy.AUTO && !properties.fleet.isEnabled()) {
			// without registered nodes nothing would ever block a deferred file
			errors.rejectValue("migrations.deferred", "forge.fleet",
					"auto needs forge.fleet.enabled=true: a deferred file applies by itself only once no registered"
							+ " node uses what it removes, and with the fleet off no node registers");
		}
	}

	private static void rejectNegative(Errors errors, String field, @Nullable Duration value) {
		if (value == null) {
			errors.rejectValue(field, "forge.required", "must be set");
		}
		else if (value.isNegative()) {
			errors.rejectValue(field, "forge.negative", "must not be negative");
		}
	}

	private static void rejectNotPositive(Errors errors, String field, @Nullable Duration value) {
		if (value == null) {
			errors.rejectValue(field, "forge.required", "must be set");
		}
		else if (value.isNegative() || value.isZero()) {
			errors.rejectValue(field, "forge.positive", "must be longer than zero");
		}
	}

	private static void rejectNonIdentifier(Errors errors, String field, @Nullable String value) {
		if (value == null || !IDENTIFIER.matcher(value).matches()) {
			errors.rejectValue(field, "forge.identifier",
					"must be a plain PostgreSQL identifier (letters, digits, '_' and '$', not starting with a digit)");
		}
	}

	/**
	 * When pending migrations are applied.
	 */
	public enum ApplyOn {

		/**
		 * Once the application is ready, holding readiness at refusing traffic until they
		 * are applied; in a JPA application during context refresh instead, before the
		 * {@code EntityManagerFactory} starts and validates the schema.
		 */
		READY,

		/**
		 * During context refresh, before other beans use the database.
		 */
		REFRESH,

		/**
		 * Never on start-up: migrations are applied from the command line.
		 */
		NONE

	}

	/**
	 * Migration settings.
	 */
	public static class Migrations {

		static final String DEFAULT_PATH = "classpath:migrations";

		/**
		 * Whether to enable FORGE Migrations.
		 */
		private boolean enabled = true;

		/**
		 * Location of the migration files, as a Spring resource location.
		 */
		private String path = DEFAULT_PATH;

		/**
		 * Directory, relative to the working directory, where 'migrate generate' writes new
		 * migration files.
		 */
		private String outputDir = "src/main/resources/migrations";

		/**
		 * Name of the table that records the applied migrations.
		 */
		private String table = "forge_migrations";

		/**
		 * Schema of the migration history table.
		 */
		private String schema = "public";

		/**
		 * When pending migrations are applied on start-up.
		 */
		private ApplyOn applyOn = ApplyOn.READY;

		/**
		 * Longest time a migration statement may wait for a table lock. Zero means no
		 * limit. If a duration suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration lockTimeout = Duration.ofSeconds(5);

		/**
		 * Longest time a migration statement may run before PostgreSQL cancels it and the
		 * migration is rolled back. Zero means no limit. CONCURRENTLY statements run without
		 * it unless their file sets '-- forge:statement-timeout'. If a duration suffix is not
		 * specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration statementTimeout = Duration.ZERO;

		/**
		 * Number of times a migration that hit its lock timeout is tried again.
		 */
		private int lockRetries;

		/**
		 * Pause before the first lock-timeout retry, doubled for each further one. If a
		 * duration suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration lockRetryBackoff = Duration.ofSeconds(1);

		/**
		 * Longest time to wait for another node that is applying migrations. If a
		 * duration suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration clusterLockWait = Duration.ofSeconds(60);

		/**
		 * Whether generated migrations create indexes with CREATE INDEX CONCURRENTLY.
		 */
		private boolean concurrentIndexes = true;

		/**
		 * Whether generated migrations split breaking changes (renames, type changes, drops)
		 * into a safe phase 1 and a deferred phase 2 for rolling deployments.
		 */
		private boolean twoPhaseBreakingChanges;

		/**
		 * What happens to a pending migration with breaking changes that does not carry
		 * the allow-breaking directive.
		 */
		private BreakingChangePolicy onBreaking = BreakingChangePolicy.FAIL;

		/**
		 * What happens to a pending migration that sorts before the last applied one.
		 */
		private OutOfOrderPolicy outOfOrder = OutOfOrderPolicy.WARN;

		/**
		 * What happens to a deferred file (phase 2 of a two-phase change) without the
		 * allow-breaking directive: 'manual' waits for the directive, 'auto' applies it on
		 * one node once no live node's models use what it removes and the backfills it
		 * waits for are done.
		 */
		private DeferredPolicy deferred = DeferredPolicy.MANUAL;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public String getOutputDir() {
			return this.outputDir;
		}

		public void setOutputDir(String outputDir) {
			this.outputDir = outputDir;
		}

		public String getTable() {
			return this.table;
		}

		public void setTable(String table) {
			this.table = table;
		}

		public String getSchema() {
			return this.schema;
		}

		public void setSchema(String schema) {
			this.schema = schema;
		}

		public ApplyOn getApplyOn() {
			return this.applyOn;
		}

		public void setApplyOn(ApplyOn applyOn) {
			this.applyOn = applyOn;
		}

		public Duration getLockTimeout() {
			return this.lockTimeout;
		}

		public void setLockTimeout(Duration lockTimeout) {
			this.lockTimeout = lockTimeout;
		}

		public Duration getStatementTimeout() {
			return this.statementTimeout;
		}

		public void setStatementTimeout(Duration statementTimeout) {
			this.statementTimeout = statementTimeout;
		}

		public int getLockRetries() {
			return this.lockRetries;
		}

		public void setLockRetries(int lockRetries) {
			this.lockRetries = lockRetries;
		}

		public Duration getLockRetryBackoff() {
			return this.lockRetryBackoff;
		}

		public void setLockRetryBackoff(Duration lockRetryBackoff) {
			this.lockRetryBackoff = lockRetryBackoff;
		}

		public Duration getClusterLockWait() {
			return this.clusterLockWait;
		}

		public void setClusterLockWait(Duration clusterLockWait) {
			this.clusterLockWait = clusterLockWait;
		}

		public boolean isTwoPhaseBreakingChanges() {
			return this.twoPhaseBreakingChanges;
		}

		public void setTwoPhaseBreakingChanges(boolean twoPhaseBreakingChanges) {
			this.twoPhaseBreakingChanges = twoPhaseBreakingChanges;
		}

		public boolean isConcurrentIndexes() {
			return this.concurrentIndexes;
		}

		public void setConcurrentIndexes(boolean concurrentIndexes) {
			this.concurrentIndexes = concurrentIndexes;
		}

		public BreakingChangePolicy getOnBreaking() {
			return this.onBreaking;
		}

		public void setOnBreaking(BreakingChangePolicy onBreaking) {
			this.onBreaking = onBreaking;
		}

		public OutOfOrderPolicy getOutOfOrder() {
			return this.outOfOrder;
		}

		public void setOutOfOrder(OutOfOrderPolicy outOfOrder) {
			this.outOfOrder = outOfOrder;
		}

		public DeferredPolicy getDeferred() {
			return this.deferred;
		}

		public void setDeferred(DeferredPolicy deferred) {
			this.deferred = deferred;
		}

		void validate(Errors errors, @Nullable ResourceLoader resourceLoader) {
			errors.pushNestedPath("migrations");
			try {
				rejectNonIdentifier(errors, "table", this.table);
				rejectNonIdentifier(errors, "schema", this.schema);
				rejectNegative(errors, "lock-timeout", this.lockTimeout);
				rejectNegative(errors, "statement-timeout", this.statementTimeout);
				if (this.statementTimeout != null && this.statementTimeout.toMillis() > Integer.MAX_VALUE) {
					errors.rejectValue("statement-timeout", "forge.too-long",
							"must be at most 2147483647ms (about 24 days), PostgreSQL's limit");
				}
				rejectNegative(errors, "lock-retry-backoff", this.lockRetryBackoff);
				rejectNegative(errors, "cluster-lock-wait", this.clusterLockWait);
				if (this.lockRetries < 0) {
					errors.rejectValue("lock-retries", "forge.negative", "must not be negative");
				}
				if (this.outputDir == null || this.outputDir.isBlank()) {
					errors.rejectValue("output-dir", "forge.required", "must not be empty");
				}
				validatePath(errors, resourceLoader);
			}
			finally {
				errors.popNestedPath();
			}
		}

		private void validatePath(Errors errors, @Nullable ResourceLoader resourceLoader) {
			if (this.path == null || this.path.isBlank()) {
				errors.rejectValue("path", "forge.required", "must not be empty");
				return;
			}
			if (resourceLoader == null || DEFAULT_PATH.equals(this.path)) {
				return;
			}
			ResourcePatternResolver resolver = ResourcePatternUtils.getResourcePatternResolver(resourceLoader);
			if (!SpringResourceMigrationSource.exists(resolver, this.path)) {
				errors.rejectValue("path", "forge.missing",
						"no such location: create it, or point forge.migrations.path at the folder that holds the migration files");
			}
		}

	}

	/**
	 * Model scanning settings.
	 */
	public static class Models {

		/**
		 * Packages to scan for @ForgeModel classes instead of the application's
		 * auto-configuration packages.
		 */
		private List<String> packages = new ArrayList<>();

		public List<String> getPackages() {
			return this.packages;
		}

		public void setPackages(List<String> packages) {
			this.packages = packages;
		}

		void validate(Errors errors) {
			for (int i = 0; i < this.packages.size(); i++) {
				String name = this.packages.get(i);
				if (name == null || !JAVA_PACKAGE.matcher(name).matches()) {
					errors.rejectValue("models.packages[" + i + "]", "forge.package", "must be a Java package name");
				}
			}
		}

	}

	/**
	 * Dashboard settings.
	 */
	public static class Dashboard {

		/**
		 * Whether to enable the FORGE dashboard.
		 */
		private boolean enabled;

		/**
		 * Path at which the dashboard is served.
		 */
		private String path = "/_forge";

		/**
		 * Whether clients other than loopback ones may use the dashboard. Needs
		 * allowed-hosts, and rules out the SQL console.
		 */
		private boolean allowRemote;

		/**
		 * Host names (without port) under which the dashboard may be requested, besides
		 * localhost, 127.0.0.1 and [::1]; requests naming another host in their Host or
		 * Origin header are refused. Required when allow-remote is true.
		 */
		private List<String> allowedHosts = new ArrayList<>();

		/**
		 * Whether the dashboard offers an SQL console.
		 */
		private boolean sqlConsole;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public boolean isAllowRemote() {
			return this.allowRemote;
		}

		public void setAllowRemote(boolean allowRemote) {
			this.allowRemote = allowRemote;
		}

		public List<String> getAllowedHosts() {
			return this.allowedHosts;
		}

		public void setAllowedHosts(List<String> allowedHosts) {
			this.allowedHosts = allowedHosts;
		}

		public boolean isSqlConsole() {
			return this.sqlConsole;
		}

		public void setSqlConsole(boolean sqlConsole) {
			this.sqlConsole = sqlConsole;
		}

		void validate(Errors errors) {
			if (this.path == null || !this.path.startsWith("/") || this.path.length() < 2 || this.path.contains(" ")) {
				errors.rejectValue("dashboard.path", "forge.path",
						"must start with '/' and name a path below the root, such as /_forge");
			}
			for (String host : this.allowedHosts) {
				if (host == null || host.isBlank() || !HOST_NAME.matcher(host.strip()).matches()) {
					errors.rejectValue("dashboard.allowed-hosts", "forge.host",
							"must list host names without scheme, port or path, such as forge.example.com, not '"
									+ host + "'");
				}
			}
			if (!this.enabled || !this.allowRemote) {
				return;
			}
			if (this.allowedHosts.isEmpty()) {
				errors.rejectValue("dashboard.allowed-hosts", "forge.required",
						"must name the host names under which the dashboard is reached (such as forge.example.com)"
								+ " when forge.dashboard.allow-remote is true: without that list any web page whose"
								+ " name resolves to this application (DNS rebinding) could use the dashboard");
			}
			if (this.sqlConsole) {
				errors.rejectValue("dashboard.sql-console", "forge.remote-console",
						"cannot be true while forge.dashboard.allow-remote is true: the SQL console runs any SQL as"
								+ " the application's database user, and FORGE cannot tell whether your security"
								+ " configuration really protects the dashboard's path. Turn one of them off (use the"
								+ " console from the machine itself, e.g. through an SSH tunnel to localhost)");
			}
		}

	}

	/**
	 * Backfill job settings.
	 */
	public static class Jobs {

		/**
		 * Whether this node runs backfill jobs. Jobs run on every node where this is true,
		 * whatever forge.migrations.apply-on says.
		 */
		private boolean enabled = true;

		/**
		 * Number of workers, each with its own connection, that this node runs on one job.
		 */
		private int workers = 1;

		/**
		 * How often an idle node looks for backfill jobs to run. A job registered by an apply
		 * on this node starts at once. If a duration suffix is not specified, seconds will
		 * be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration pollInterval = Duration.ofSeconds(10);

		/**
		 * Duration toward which the size of each batch adapts. If a duration suffix is not
		 * specified, milliseconds will be used.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration targetBatchDuration = Duration.ofMillis(200);

		/**
		 * Smallest number of rows in a batch.
		 */
		private int minBatchSize = 10;

		/**
		 * Largest number of rows in a batch.
		 */
		private int maxBatchSize = 50_000;

		/**
		 * Number of attempts of a failing batch before its job is FAILED.
		 */
		private int maxAttempts = 4;

		/**
		 * Pause before the second attempt of a failing batch, doubled before each further
		 * one. If a duration suffix is not specified, milliseconds will be used.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration retryBackoff = Duration.ofMillis(200);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getWorkers() {
			return this.workers;
		}

		public void setWorkers(int workers) {
			this.workers = workers;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getTargetBatchDuration() {
			return this.targetBatchDuration;
		}

		public void setTargetBatchDuration(Duration targetBatchDuration) {
			this.targetBatchDuration = targetBatchDuration;
		}

		public int getMinBatchSize() {
			return this.minBatchSize;
		}

		public void setMinBatchSize(int minBatchSize) {
			this.minBatchSize = minBatchSize;
		}

		public int getMaxBatchSize() {
			return this.maxBatchSize;
		}

		public void setMaxBatchSize(int maxBatchSize) {
			this.maxBatchSize = maxBatchSize;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getRetryBackoff() {
			return this.retryBackoff;
		}

		public void setRetryBackoff(Duration retryBackoff) {
			this.retryBackoff = retryBackoff;
		}

		/**
		 * Returns the settings with which this node runs the batches of a job.
		 * @return the settings
		 */
		public BackfillSettings toSettings() {
			return new BackfillSettings(this.workers, this.targetBatchDuration, this.minBatchSize, this.maxBatchSize,
					this.maxAttempts, this.retryBackoff);
		}

		void validate(Errors errors) {
			errors.pushNestedPath("jobs");
			try {
				if (this.workers < 1) {
					errors.rejectValue("workers", "forge.positive", "must be at least 1");
				}
				rejectNotPositive(errors, "poll-interval", this.pollInterval);
				rejectNotPositive(errors, "target-batch-duration", this.targetBatchDuration);
				if (this.minBatchSize < 1) {
					errors.rejectValue("min-batch-size", "forge.positive", "must be at least 1");
				}
				if (this.maxBatchSize < Math.max(1, this.minBatchSize)) {
					errors.rejectValue("max-batch-size", "forge.range",
							"must be at least forge.jobs.min-batch-size (" + this.minBatchSize + ")");
				}
				if (this.maxAttempts < 1) {
					errors.rejectValue("max-attempts", "forge.positive", "must be at least 1");
				}
				rejectNegative(errors, "retry-backoff", this.retryBackoff);
			}
			finally {
				errors.popNestedPath();
			}
		}

	}

	/**
	 * Fleet settings: the nodes that run the application register themselves, so that a
	 * deferred file knows which nodes still use what it removes.
	 */
	public static class Fleet {

		/**
		 * Whether this node registers in the nodes table while it runs.
		 */
		private boolean enabled = true;

		/**
		 * How often this node records that it is alive. If a duration suffix is not
		 * specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration heartbeat = Duration.ofSeconds(10);

		/**
		 * How long a node counts as live after its last heartbeat: a killed node blocks
		 * deferred files that long. If a duration suffix is not specified, seconds will be
		 * used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration nodeTimeout = Duration.ofSeconds(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getHeartbeat() {
			return this.heartbeat;
		}

		public void setHeartbeat(Duration heartbeat) {
			this.heartbeat = heartbeat;
		}

		public Duration getNodeTimeout() {
			return this.nodeTimeout;
		}

		public void setNodeTimeout(Duration nodeTimeout) {
			this.nodeTimeout = nodeTimeout;
		}

		void validate(Errors errors) {
			errors.pushNestedPath("fleet");
			try {
				rejectNotPositive(errors, "heartbeat", this.heartbeat);
				rejectNotPositive(errors, "node-timeout", this.nodeTimeout);
				// a node that heartbeats less often than the timeout would expire while alive
				if (this.heartbeat != null && this.nodeTimeout != null && !this.heartbeat.isNegative() && !this.heartbeat.isZero()
						&& this.heartbeat.compareTo(this.nodeTimeout) >= 0) {
					errors.rejectValue("heartbeat", "forge.range",
							"must be shorter than forge.fleet.node-timeout (" + this.nodeTimeout
									+ "), or live nodes expire between their heartbeats: raise"
									+ " forge.fleet.node-timeout or lower forge.fleet.heartbeat");
				}
			}
			finally {
				errors.popNestedPath();
			}
		}

	}

}
