package dev.forge.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.forge.core.internal.migration.MigrationSources;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link Forge} engine. Immutable; made with {@link Forge#configure()}.
 */
public final class ForgeConfiguration {

	private final DataSource dataSource;

	private final List<MigrationSource> sources;

	private final String schema;

	private final String table;

	private final Duration lockTimeout;

	private final Duration statementTimeout;

	private final int lockRetries;

	private final Duration lockRetryBackoff;

	private final Duration clusterLockWait;

	private final OutOfOrderPolicy outOfOrder;

	private final BreakingChangePolicy onBreaking;

	private final Supplier<String> nodeName;

	private final Supplier<List<Class<?>>> models;

	private final boolean concurrentIndexes;

	private final boolean twoPhaseBreakingChanges;

	private final Path outputDirectory;

	private final List<JavaBackfill> javaBackfills;

	private final List<BackfillListener> backfillListeners;

	private final Duration nodeTimeout;

	private final DeferredPolicy deferredPolicy;

	private final ClassLoader classLoader;

	private final Function<String, MigrationSource> locationResolver;

	private ForgeConfiguration(Builder builder) {
		this.dataSource = Objects.requireNonNull(builder.dataSource, "a DataSource is required");
		ClassLoader classLoader = (builder.classLoader != null) ? builder.classLoader
				: Thread.currentThread().getContextClassLoader();
		this.classLoader = classLoader;
		this.locationResolver = (builder.locationResolver != null) ? builder.locationResolver
				: (location) -> MigrationSources.of(location, classLoader);
		List<MigrationSource> sources = new ArrayList<>(builder.sources);
		for (String location : builder.locations) {
			sources.add(MigrationSources.of(location, classLoader));
		}
		if (sources.isEmpty()) {
			sources.add(MigrationSources.of("classpath:migrations", classLoader));
		}
		this.sources = List.copyOf(sources);
		this.schema = builder.schema;
		this.table = builder.table;
		this.lockTimeout = builder.lockTimeout;
		this.statementTimeout = builder.statementTimeout;
		this.lockRetries = builder.lockRetries;
		this.lockRetryBackoff = builder.lockRetryBackoff;
		this.clusterLockWait = builder.clusterLockWait;
		this.outOfOrder = builder.outOfOrder;
		this.onBreaking = builder.onBreaking;
		String nodeName = builder.nodeName;
		// resolved on first use: a start with nothing to apply never needs it, and looking up
		// the host name can wait on DNS
		this.nodeName = (nodeName != null) ? () -> nodeName : memoize(ForgeConfiguration::defaultNodeName);
		List<Class<?>> listed = List.copyOf(builder.models);
		Supplier<? extends Collection<Class<?>>> found = builder.modelFinder;
		this.models = (found != null) ? memoize(() -> {
			List<Class<?>> all = new ArrayList<>(listed);
			all.addAll(found.get());
			return List.copyOf(all);
		}) : () -> listed;
		this.concurrentIndexes = builder.concurrentIndexes;
		this.twoPhaseBreakingChanges = builder.twoPhaseBreakingChanges;
		this.outputDirectory = builder.outputDirectory;
		this.javaBackfills = List.copyOf(builder.javaBackfills);
		this.backfillListeners = List.copyOf(builder.backfillListeners);
		this.nodeTimeout = builder.nodeTimeout;
		this.deferredPolicy = builder.deferredPolicy;
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * Returns the class loader that {@code classpath:} locations are read with.
	 * @return the class loader
	 */
	public ClassLoader classLoader() {
		return this.classLoader;
	}

	/**
	 * Returns how a location string, such as one given to {@link Forge#importFlyway}, becomes
	 * a source of files.
	 * @return the resolver
	 */
	public Function<String, MigrationSource> locationResolver() {
		return this.locationResolver;
	}

	/**
	 * Returns where the migration files are.
	 * @return the sources
	 */
	public List<MigrationSource> sources() {
		return this.sources;
	}

	/**
	 * Returns the schema of the history table.
	 * @return the schema
	 */
	public String schema() {
		return this.schema;
	}

	/**
	 * Returns the name of the history table.
	 * @return the table's name
	 */
	public String table() {
		return this.table;
	}

	/**
	 * Returns how long a migration's statement may wait for a table lock.
	 * @return the lock timeout; zero means no limit
	 */
	public Duration lockTimeout() {
		return this.lockTimeout;
	}

	/**
	 * Returns how long a migration's statement may run before PostgreSQL cancels it, except
	 * a {@code CONCURRENTLY} one, which holds no lock that blocks others.
	 * @return the statement timeout; zero means no limit
	 */
	public Duration statementTimeout() {
		return this.statementTimeout;
	}

	/**
	 * Returns how often a migration that hit its lock timeout is tried again.
	 * @return the number of retries
	 */
	public int lockRetries() {
		return this.lockRetries;
	}

	/**
	 * Returns the pause before the first retry; it doubles for each further one.
	 * @return the pause
	 */
	public Duration lockRetryBackoff() {
		return this.lockRetryBackoff;
	}

	/**
	 * Returns how long a node waits for another node's migration lock.
	 * @return the wait
	 */
	public Duration clusterLockWait() {
		return this.clusterLockWait;
	}

	public OutOfOrderPolicy outOfOrder() {
		return this.outOfOrder;
	}

	/**
	 * Returns what {@code apply} does with pending migrations that have breaking changes.
	 * @return the policy
	 */
	public BreakingChangePolicy onBreaking() {
		return this.onBreaking;
	}

	/**
	 * Returns the name this node shows while it holds the migration lock and records as the
	 * host in the history table.
	 * @return the node's name
	 */
	public String nodeName() {
		return this.nodeName.get();
	}

	/**
	 * Returns the {@code @ForgeModel} classes that describe the wanted schema.
	 * @return the model classes
	 */
	public List<Class<?>> models() {
		return this.models.get();
	}

	/**
	 * Returns whether generated migrations create indexes on existing tables with
	 * {@code CREATE INDEX CONCURRENTLY}.
	 * @return {@code true} for concurrent index builds
	 */
	public boolean concurrentIndexes() {
		return this.concurrentIndexes;
	}

	/**
	 * Returns whether generated migrations split breaking renames and drops in two phases:
	 * phase 1 adds the new column or table name and keeps both in sync, phase 2 (a later
	 * file marked {@code -- forge:deferred}) removes the old one.
	 * @return {@code true} for two-phase files
	 */
	public boolean twoPhaseBreakingChanges() {
		return this.twoPhaseBreakingChanges;
	}

	/**
	 * Returns the directory that {@code generate} writes migration files to.
	 * @return the directory
	 */
	public Path outputDirectory() {
		return this.outputDirectory;
	}

	private static <T> Supplier<T> memoize(Supplier<T> supplier) {
		return new Supplier<>() {

			private volatile @Nullable T value;

			@Override
			public T get() {
				T result = this.value;
				if (result == null) {
					synchronized (this) {
						result = this.value;
						if (result == null) {
							result = supplier.get();
							this.value = result;
						}
					}
				}
				return result;
			}

		};
	}

	private static String defaultNodeName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		return host + ":" + ProcessHandle.current().pid();
	}

	/**
	 * Returns the Java backfills this node declares.
	 * @return the backfills, by declaration order
	 */
	public List<JavaBackfill> javaBackfills() {
		return this.javaBackfills;
	}

	/**
	 * Returns how long a node stays live after its last heartbeat.
	 * @return the node timeout, 30 s by default
	 */
	public Duration nodeTimeout() {
		return this.nodeTimeout;
	}

	/**
	 * Returns what {@code apply} does with deferred files whose breaking changes are not accepted.
	 * @return the policy, {@link DeferredPolicy#MANUAL} by default
	 */
	public DeferredPolicy deferredPolicy() {
		return this.deferredPolicy;
	}

	/**
	 * Returns the listeners of the backfill batches run on this node.
	 * @return the listeners
	 */
	public List<BackfillListener> backfillListeners() {
		return this.backfillListeners;
	}

	/**
	 * Builds a {@link ForgeConfiguration}; every setting but the data source has a default.
	 */
	public static final class Builder {

		private @Nullable DataSource dataSource;

		private final List<String> locations = new ArrayList<>();

		private final List<MigrationSource> sources = new ArrayList<>();

		private @Nullable ClassLoader classLoader;

		private @Nullable Function<String, MigrationSource> locationResolver;

		private String schema = "public";

		private String table = "forge_migrations";

		private Duration lockTimeout = Duration.ofSeconds(5);

		private Duration statementTimeout = Duration.ZERO;

		private int lockRetries;

		private Duration lockRetryBackoff = Duration.ofSeconds(1);

		private Duration clusterLockWait = Duration.ofSeconds(60);

		private OutOfOrderPolicy outOfOrder = OutOfOrderPolicy.WARN;

		private BreakingChangePolicy onBreaking = BreakingChangePolicy.FAIL;

		private @Nullable String nodeName;

		private final List<Class<?>> models = new ArrayList<>();

		private @Nullable Supplier<? extends Collection<Class<?>>> modelFinder;

		private boolean concurrentIndexes = true;

		private boolean twoPhaseBreakingChanges;

		private Path outputDirectory = Path.of("src/main/resources/migrations");

		private final List<JavaBackfill> javaBackfills = new ArrayList<>();

		private final List<BackfillListener> backfillListeners = new ArrayList<>();

		private Duration nodeTimeout = Duration.ofSeconds(30);

		private DeferredPolicy deferredPolicy = DeferredPolicy.MANUAL;

		Builder() {
		}

		/**
		 * Sets the database to migrate.
		 * @param dataSource the data source
		 * @return this builder
		 */
		public Builder dataSource(DataSource dataSource) {
			this.dataSource = dataSource;
			return this;
		}

		/**
		 * Adds locations of migration files: {@code classpath:migrations} (the default when
		 * none is given), {@code filesystem:db/migrations} or a directory path.
		 * @param locations the locations
		 * @return this builder
		 */
		public Builder locations(String... locations) {
			this.locations.addAll(List.of(locations));
			return this;
		}

		/**
		 * Sets how a location string given to {@link Forge#importFlyway} becomes a source of
		 * files; by default {@code classpath:}, {@code filesystem:}, {@code file:} or a directory.
		 * Spring Boot resolves them as Spring resource locations.
		 * @param locationResolver the resolver
		 * @return this builder
		 */
		public Builder locationResolver(Function<String, MigrationSource> locationResolver) {
			this.locationResolver = Objects.requireNonNull(locationResolver, "locationResolver");
			return this;
		}

		/**
		 * Adds a source of migration files, for locations a string cannot describe.
		 * @param source the source
		 * @return this builder
		 */
		public Builder migrationSource(MigrationSource source) {
			this.sources.add(source);
			return this;
		}

		/**
		 * Sets the class loader for {@code classpath:} locations.
		 * @param classLoader the class loader
		 * @return this builder
		 */
		public Builder classLoader(ClassLoader classLoader) {
			this.classLoader = classLoader;
			return this;
		}

		/**
		 * Sets the schema of the history table ({@code public} by default).
		 * @param schema the schema
		 * @return this builder
		 */
		public Builder schema(String schema) {
			this.schema = requireText(schema, "schema");
			return this;
		}

		/**
		 * Sets the name of the history table ({@code forge_migrations} by default).
		 * @param table the table's name
		 * @return this builder
		 */
		public Builder table(String table) {
			this.table = requireText(table, "table");
			return this;
		}

		/**
		 * Sets how long a statement may wait for a lock (5 s by default; zero for no limit).
		 * @param lockTimeout the timeout
		 * @return this builder
		 */
		public Builder lockTimeout(Duration lockTimeout) {
			this.lockTimeout = requireNotNegative(lockTimeout, "lockTimeout");
			return this;
		}

		/**
		 * Sets how long a statement may run before PostgreSQL cancels it and the migration
		 * is rolled back (no limit by default). {@code CONCURRENTLY} statements run without
		 * it unless their file sets {@code -- forge:statement-timeout}.
		 * @param statementTimeout the timeout; zero for no limit
		 * @return this builder
		 */
		public Builder statementTimeout(Duration statementTimeout) {
			this.statementTimeout = requireNotNegative(statementTimeout, "statementTimeout");
			if (statementTimeout.toMillis() > Integer.MAX_VALUE) {
				throw new IllegalArgumentException("statementTimeout must be at most " + Integer.MAX_VALUE
						+ " ms (PostgreSQL's limit), was " + statementTimeout);
			}
			return this;
		}

		/**
		 * Sets how often a migration that timed out on a lock is tried again (0 by default).
		 * @param lockRetries the number of retries
		 * @return this builder
		 */
		public Builder lockRetries(int lockRetries) {
			if (lockRetries < 0) {
				throw new IllegalArgumentException("lockRetries must not be negative, was " + lockRetries);
			}
			this.lockRetries = lockRetries;
			return this;
		}

		/**
		 * Sets the pause before the first lock retry, doubled for each further one (1 s by
		 * default).
		 * @param lockRetryBackoff the pause
		 * @return this builder
		 */
		public Builder lockRetryBackoff(Duration lockRetryBackoff) {
			this.lockRetryBackoff = requireNotNegative(lockRetryBackoff, "lockRetryBackoff");
			return this;
		}

		/**
		 * Sets how long to wait for another node's migration lock (60 s by default).
		 * @param clusterLockWait the wait
		 * @return this builder
		 */
		public Builder clusterLockWait(Duration clusterLockWait) {
			this.clusterLockWait = requireNotNegative(clusterLockWait, "clusterLockWait");
			return this;
		}

		/**
		 * Sets what to do with pending files that sort before the last applied one
		 * ({@link OutOfOrderPolicy#WARN} by default).
		 * @param outOfOrder the policy
		 * @return this builder
		 */
		public Builder outOfOrder(OutOfOrderPolicy outOfOrder) {
			this.outOfOrder = Objects.requireNonNull(outOfOrder, "outOfOrder");
			return this;
		}

		/**
		 * Sets what to do with pending migrations that have breaking changes and no
		 * {@code -- forge:allow-breaking} directive ({@link BreakingChangePolicy#FAIL} by
		 * default).
		 * @param onBreaking the policy
		 * @return this builder
		 */
		public Builder onBreaking(BreakingChangePolicy onBreaking) {
			this.onBreaking = Objects.requireNonNull(onBreaking, "onBreaking");
			return this;
		}

		/**
		 * Sets the name this node shows while migrating (host and process id by default).
		 * @param nodeName the name
		 * @return this builder
		 */
		public Builder nodeName(String nodeName) {
			this.nodeName = requireText(nodeName, "nodeName");
			return this;
		}

		/**
		 * Adds {@code @ForgeModel} classes that describe the wanted schema.
		 * @param models the model classes
		 * @return this builder
		 */
		public Builder models(Class<?>... models) {
			return models(List.of(models));
		}

		/**
		 * Adds {@code @ForgeModel} classes that describe the wanted schema.
		 * @param models the model classes
		 * @return this builder
		 */
		public Builder models(Collection<Class<?>> models) {
			this.models.addAll(models);
			return this;
		}

		/**
		 * Sets a finder of {@code @ForgeModel} classes, such as a classpath scan, that runs
		 * once, the first time the models are needed: applying migrations never needs them.
		 * @param modelFinder the finder
		 * @return this builder
		 */
		public Builder modelFinder(Supplier<? extends Collection<Class<?>>> modelFinder) {
			this.modelFinder = Objects.requireNonNull(modelFinder, "modelFinder");
			return this;
		}

		/**
		 * Sets whether generated migrations build indexes on existing tables with
		 * {@code CREATE INDEX CONCURRENTLY} (on by default).
		 * @param concurrentIndexes whether to build indexes concurrently
		 * @return this builder
		 */
		public Builder concurrentIndexes(boolean concurrentIndexes) {
			this.concurrentIndexes = concurrentIndexes;
			return this;
		}

		/**
		 * Sets whether generated migrations split breaking renames, type changes and drops in
		 * two phases for rolling deployments (off by default): phase 1 adds the new column (of
		 * the new name or type, kept in sync with the old one by a trigger) or a view under a
		 * table's new name, phase 2 removes the old one in a later file that {@code apply}
		 * leaves pending until it says {@code -- forge:allow-breaking}.
		 * @param twoPhaseBreakingChanges whether to split breaking changes in two phases
		 * @return this builder
		 */
		public Builder twoPhaseBreakingChanges(boolean twoPhaseBreakingChanges) {
			this.twoPhaseBreakingChanges = twoPhaseBreakingChanges;
			return this;
		}

		/**
		 * Sets where {@code generate} writes migration files
		 * ({@code src/main/resources/migrations} by default).
		 * @param outputDirectory the directory
		 * @return this builder
		 */
		public Builder outputDirectory(Path outputDirectory) {
			this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
			return this;
		}

		/**
		 * Adds Java backfills, which jobs started by name run on this node.
		 * @param backfills the backfills
		 * @return this builder
		 */
		public Builder javaBackfills(Collection<JavaBackfill> backfills) {
			this.javaBackfills.addAll(backfills);
			return this;
		}

		/**
		 * Sets how long a node stays live after its last heartbeat (30 s by default).
		 * @param nodeTimeout the timeout
		 * @return this builder
		 */
		public Builder nodeTimeout(Duration nodeTimeout) {
			this.nodeTimeout = requireNotNegative(nodeTimeout, "nodeTimeout");
			return this;
		}

		/**
		 * Sets what {@code apply} does with deferred files whose breaking changes are not
		 * accepted ({@link DeferredPolicy#MANUAL} by default).
		 * @param deferredPolicy the policy
		 * @return this builder
		 */
		public Builder deferredPolicy(DeferredPolicy deferredPolicy) {
			this.deferredPolicy = Objects.requireNonNull(deferredPolicy, "deferredPolicy");
			return this;
		}

		/**
		 * Adds a listener of the backfill batches this node runs.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder backfillListener(BackfillListener listener) {
			this.backfillListeners.add(Objects.requireNonNull(listener, "listener"));
			return this;
		}

		/**
		 * Builds the configuration and the engine.
		 * @return the engine
		 */
		public Forge load() {
			return new Forge(build());
		}

		/**
		 * Builds the configuration alone.
		 * @return the configuration
		 */
		public ForgeConfiguration build() {
			return new ForgeConfiguration(this);
		}

		private static String requireText(String value, String name) {
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException(name + " must not be empty");
			}
			return value;
		}

		private static Duration requireNotNegative(Duration value, String name) {
			if (value == null || value.isNegative()) {
				throw new IllegalArgumentException(name + " must not be negative, was " + value);
			}
			return value;
		}

	}

}
