package dev.forge.core;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.forge.testsupport.ChildJvm;
import dev.forge.testsupport.MigrationFolder;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import dev.forge.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills the migrating JVM with SIGKILL at random moments (inside a transactional migration,
 * inside or between the statements of a no-transaction file, during {@code CREATE INDEX
 * CONCURRENTLY}, during a rollback) and checks that what the database shows right after the
 * kill is consistent, that the lock is free once the killed backend is gone, and that the
 * next run finishes with the schema a run without any kill gives.
 * <p>
 * {@code -Dforge.crash.seed=N} repeats a run's kill fractions, {@code -Dforge.crash.kills=N}
 * changes the number of kills (50 by default) and {@code -Dforge.crash.lanes=N} the number of
 * databases killed in parallel (2 by default).
 */
@PostgresTest
class CrashRecoveryIT {

	private static final int ROWS = 42_000;

	/** The migration a rollback keeps as the newest applied one. */
	private static final String TARGET = "0001_accounts";

	private static final List<Migration> HISTORY = List.of(
			new Migration("0001_accounts", true, List.of(
					"CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, balance integer NOT NULL,"
							+ " created_at timestamptz NOT NULL DEFAULT now())",
					"INSERT INTO accounts (id, email, balance) SELECT g, md5(g::text) || '@example.com', g % 1000"
							+ " FROM generate_series(1, " + ROWS + ") g"),
					List.of("DROP TABLE accounts"),
					List.of(Effect.table(0, "accounts", ROWS))),
			new Migration("0002_status", true, List.of(
					"ALTER TABLE accounts ADD COLUMN status text",
					"UPDATE accounts SET status = CASE WHEN balance < 500 THEN 'basic' ELSE 'gold' END",
					"SELECT pg_sleep(0.2)",
					"CREATE TABLE audit_log (id bigserial PRIMARY KEY, account_id bigint NOT NULL, note text NOT NULL)",
					"INSERT INTO audit_log (account_id, note) SELECT id, 'status ' || status FROM accounts"
							+ " WHERE id % 4 = 0"),
					List.of("DROP TABLE audit_log", "SELECT pg_sleep(0.21)", "ALTER TABLE accounts DROP COLUMN status"),
					List.of(Effect.column(0, "accounts", "status"), Effect.filledColumn(1, "accounts", "status"),
							Effect.table(4, "audit_log", ROWS / 4))),
			// statements a resumed run may repeat are written to be repeatable: the engine
			// records a statement's progress after it, so a kill in between runs it again
			new Migration("0003_tiers", false, List.of(
					"CREATE TABLE IF NOT EXISTS tags (id integer PRIMARY KEY, label text NOT NULL)",
					"SELECT pg_sleep(0.15)",
					"ALTER TABLE accounts ADD COLUMN IF NOT EXISTS tier integer",
					"UPDATE accounts SET tier = id % 3 WHERE tier IS NULL",
					"SELECT pg_sleep(0.16)",
					"CREATE TABLE IF NOT EXISTS account_tags (account_id bigint NOT NULL, tag_id integer NOT NULL,"
							+ " PRIMARY KEY (account_id, tag_id))"),
					List.of("DROP TABLE IF EXISTS account_tags", "SELECT pg_sleep(0.17)",
							"ALTER TABLE accounts DROP COLUMN IF EXISTS tier", "DROP TABLE IF EXISTS tags"),
					List.of(Effect.table(0, "tags", 0), Effect.column(2, "accounts", "tier"),
							Effect.filledColumn(3, "accounts", "tier"), Effect.table(5, "account_tags", 0))),
			new Migration("0004_indexes", false, List.of(
					"CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_email_idx ON accounts (email)",
					"CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_status_tier_idx ON accounts (status, tier)",
					"CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_balance_email_idx ON accounts (balance, email)"),
					List.of("DROP INDEX CONCURRENTLY IF EXISTS accounts_balance_email_idx",
							"DROP INDEX CONCURRENTLY IF EXISTS accounts_status_tier_idx",
							"DROP INDEX CONCURRENTLY IF EXISTS accounts_email_idx"),
					List.of(Effect.index(0, "accounts_email_idx"), Effect.index(1, "accounts_status_tier_idx"),
							Effect.index(2, "accounts_balance_email_idx"))),
			new Migration("0005_invoices", true, List.of(
					"CREATE TABLE invoices (id bigserial PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id),"
							+ " amount integer NOT NULL)",
					"INSERT INTO invoices (account_id, amount) SELECT id, balance FROM accounts WHERE tier = 1",
					"SELECT pg_sleep(0.22)",
					"ALTER TABLE accounts ADD COLUMN closed boolean NOT NULL DEFAULT false",
					"CREATE INDEX invoices_account_idx ON invoices (account_id)"),
					List.of("DROP TABLE invoices", "SELECT pg_sleep(0.23)", "ALTER TABLE accounts DROP COLUMN closed"),
					List.of(Effect.table(1, "invoices", ROWS / 3), Effect.column(3, "accounts", "closed"),
							Effect.index(4, "invoices_account_idx"))));

	private static final String ENGINE_WORK = "engine's own work (lock, history, settings)";

	/** The application name of a session that keeps a concurrent index statement waiting. */
	private static final String BLOCKER = "crash-blocker";

	private final TestDatabase database;

	CrashRecoveryIT(TestDatabase database) {
		this.database = database;
	}

	@Test
	void everyKilledRunIsRecoveredByTheNextOne(@TempDir Path directory) throws Exception {
		long seed = Long.getLong("forge.crash.seed", System.currentTimeMillis());
		int count = Integer.getInteger("forge.crash.kills", 50);
		int laneCount = Integer.getInteger("forge.crash.lanes", 2);
		System.out.println("CrashRecoveryIT: seed " + seed + " (repeat with -Dforge.crash.seed=" + seed + "), "
				+ count + " kills on " + laneCount + " databases");
		long started = System.nanoTime();
		MigrationFolder folder = new MigrationFolder(directory.resolve("migrations"));
		Files.createDirectories(folder.directory());
		HISTORY.forEach((migration) -> folder.write(migration.name() + ".sql", migration.file()));

		Lane first = new Lane(0, this.database, folder, directory);
		Baseline baseline = first.baseline();
		System.out.printf("CrashRecoveryIT: a child's apply takes %d ms, its rollback to %s %d ms (after READY)%n",
				baseline.applyMillis(), TARGET, baseline.rollbackMillis());

		Random random = new Random(seed);
		List<Kill> kills = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			boolean rollback = random.nextInt(4) == 0;
			double fraction = random.nextDouble();
			// a tenth past the measured run, so that some kills find the run already finished
			long window = (rollback ? baseline.rollbackMillis() : baseline.applyMillis()) * 11 / 10;
			kills.add(new Kill(i, rollback, (long) (fraction * window)));
		}

		List<Lane> lanes = new ArrayList<>(List.of(first));
		List<TestDatabase> created = new ArrayList<>();
		for (int i = 1; i < laneCount; i++) {
			TestDatabase extra = TestPostgres.server().createDatabase("CrashRecoveryIT_lane" + i);
			created.add(extra);
			lanes.add(new Lane(i, extra, folder, directory));
		}
		List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		ExecutorService executor = Executors.newFixedThreadPool(laneCount);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (Lane lane : lanes) {
				List<Kill> mine = kills.stream().filter((kill) -> kill.index() % laneCount == lane.index()).toList();
				running.add(executor.submit(() -> {
					for (Kill kill : mine) {
						try {
							outcomes.add(lane.run(kill, baseline));
						}
						catch (Throwable ex) {
							failures.add("Kill #" + kill.index() + " (" + kill + ") with -Dforge.crash.seed=" + seed
									+ ": " + ex.getMessage());
							ex.printStackTrace();
							return;
						}
					}
				}));
			}
			for (Future<?> lane : running) {
				lane.get(15, TimeUnit.MINUTES);
			}
		}
		finally {
			executor.shutdownNow();
			created.forEach(TestDatabase::close);
		}

		long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
		Map<String, Long> phases = new TreeMap<>(
				outcomes.stream().collect(Collectors.groupingBy(Outcome::phase, Collectors.counting())));
		System.out.println("CrashRecoveryIT: seed " + seed + ", " + outcomes.size() + " of " + count
				+ " kills recovered in " + seconds + " s; where the kills landed:");
		phases.forEach((phase, n) -> System.out.printf("  %3d  %s%n", n, phase));
		Map<String, Long> coarse = new TreeMap<>(outcomes.stream()
			.collect(Collectors.groupingBy((outcome) -> outcome.phase().replaceAll(" \\(.*\\)$", ""),
					Collectors.counting())));
		System.out.println("CrashRecoveryIT: by phase:");
		coarse.forEach((phase, n) -> System.out.printf("  %3d  %s%n", n, phase));
		assertThat(failures).as("seed %d: failed kills", seed).isEmpty();
		assertThat(outcomes).hasSize(count);
	}

	@Test
	void aNodeKilledDuringCreateIndexConcurrentlyLeavesNoInvalidIndexOnceTheNextRunIsDone(@TempDir Path directory)
			throws Exception {
		this.database.reset();
		MigrationFolder folder = new MigrationFolder(directory).write("0001_accounts.sql", HISTORY.get(0).file());
		Lane lane = new Lane(0, this.database, folder, directory);
		lane.forge().apply();
		folder.write("0002_email_index.sql", "-- Up\nCREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);\n"
				+ "-- Down\nDROP INDEX CONCURRENTLY IF EXISTS accounts_email_idx;\n");
		// an open writer keeps the build waiting after its INVALID index is in the catalog
		try (Connection blocker = blocker("UPDATE accounts SET balance = balance WHERE id = 1")) {
			Process child = lane.start("apply");
			lane.awaitReady(child);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> lane.alive(child) && Boolean.FALSE.equals(this.database.value("SELECT i.indisvalid FROM pg_index i"
						+ " JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'accounts_email_idx'")));
			lane.kill(child, "apply during CREATE INDEX CONCURRENTLY");
			blocker.rollback();
		}
		assertThat(lane.advisoryLocks()).isZero();
		assertThat(this.database.column("SELECT name FROM forge_migrations WHERE success")).containsExactly(TARGET);

		ApplyResult result = lane.forge().apply();

		assertThat(result.applied()).extracting(MigrationExecution::name).containsExactly("0002_email_index");
		assertThat(this.database.column("SELECT c.relname || ' ' || i.indisvalid FROM pg_index i JOIN pg_class c"
				+ " ON c.oid = i.indexrelid WHERE i.indrelid = 'accounts'::regclass ORDER BY 1"))
			.containsExactly("accounts_email_idx true", "accounts_pkey true");
		assertThat(this.database.column("SELECT name FROM forge_migrations WHERE success ORDER BY name"))
			.containsExactly(TARGET, "0002_email_index");
	}

	@Test
	void aRollbackKilledBetweenTheDropsOfANoTransactionDownSectionIsFinishedByTheNextOne(@TempDir Path directory)
			throws Exception {
		this.database.reset();
		MigrationFolder folder = new MigrationFolder(directory).write("0001_accounts.sql", HISTORY.get(0).file())
			.write("0002_tags.sql", "-- Up\nCREATE TABLE tags (id integer PRIMARY KEY, label text NOT NULL);\n"
					+ "-- Down\nDROP TABLE tags;\n")
			// the Down section in the form the generator writes for an index file
			.write("0003_indexes.sql", "-- Up\nCREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);\n"
					+ "CREATE INDEX CONCURRENTLY tags_label_idx ON tags (label);\n-- Down\n"
					+ "DROP INDEX CONCURRENTLY IF EXISTS accounts_email_idx;\n"
					+ "DROP INDEX CONCURRENTLY IF EXISTS tags_label_idx;\n");
		Lane lane = new Lane(0, this.database, folder, directory);
		lane.forge().apply();
		// an open writer of tags keeps the second drop waiting, after the first one is done
		try (Connection blocker = blocker("INSERT INTO tags VALUES (1, 'kept')")) {
			Process child = lane.start("rollback-to", TARGET);
			lane.awaitReady(child);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> lane.alive(child) && !this.database.tableExists("accounts_email_idx") && Long.valueOf(1)
					.equals(this.database.value("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
							+ " AND query LIKE 'DROP INDEX CONCURRENTLY IF EXISTS tags_label_idx%'")));
			lane.kill(child, "rollback between two DROP INDEX CONCURRENTLY");
			blocker.rollback();
		}
		assertThat(lane.advisoryLocks()).isZero();

		RollbackResult result = lane.forge().rollbackTo(TARGET);

		assertThat(result.rolledBack()).extracting(MigrationExecution::name).containsExactly("0003_indexes", "0002_tags");
		assertThat(this.database.value("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isEqualTo(0L);
		assertThat(this.database.tableExists("tags_label_idx")).isFalse();
		assertThat(this.database.tableExists("tags")).isFalse();
		assertThat(this.database.column("SELECT name FROM forge_migrations")).containsExactly(TARGET);
	}

	/** Opens a transaction that runs the statement and stays open until the connection is closed. */
	private Connection blocker(String sql) throws SQLException {
		Connection connection = this.database.connect();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET application_name = '" + BLOCKER + "'");
			statement.execute(sql);
		}
		return connection;
	}

	/** One database, reset before each kill, with its own child processes. */
	private static final class Lane {

		private final int index;

		private final TestDatabase database;

		private final MigrationFolder folder;

		private final File log;

		Lane(int index, TestDatabase database, MigrationFolder folder, Path directory) {
			this.index = index;
			this.database = database;
			this.folder = folder;
			this.log = directory.resolve("lane" + index + ".log").toFile();
		}

		int index() {
			return this.index;
		}

		/** Runs the history and the rollback in a child without a kill: the schemas to reach, and the windows. */
		Baseline baseline() throws Exception {
			this.database.reset();
			Process child = start("apply");
			long applyMillis = runToEnd(child);
			String applied = snapshot();
			Process rollback = start("rollback-to", TARGET);
			long rollbackMillis = runToEnd(rollback);
			String rolledBack = snapshot();
			assertThat(applied).contains("history " + HISTORY.get(HISTORY.size() - 1).name() + " true");
			assertThat(rolledBack).contains("history " + TARGET + " true")
				.doesNotContain("history " + HISTORY.get(1).name());
			return new Baseline(applied, applyMillis, rolledBack, rollbackMillis);
		}

		Outcome run(Kill kill, Baseline baseline) throws Exception {
			long start = System.nanoTime();
			this.database.reset();
			if (kill.rollback()) {
				forge().apply();
			}
			Process child = kill.rollback() ? start("rollback-to", TARGET) : start("apply");
			awaitReady(child);
			Thread.sleep(kill.delayMillis());
			String phase = child.isAlive() ? phase(kill) : "finished before the kill";
			// on Linux destroyForcibly() sends SIGKILL: kill -9, no shutdown hook, no goodbye to the server
			child.destroyForcibly();
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
			if (phase.startsWith("finished") && child.exitValue() != 0) {
				throw new AssertionError("The child failed without a kill: " + tail());
			}
			awaitNodeSessionsGone(kill);
			assertThat(advisoryLocks()).as("advisory locks held once the killed node's sessions are gone, %s", kill)
				.isZero();
			String history = history();
			if (phase.endsWith(ENGINE_WORK) && history.contains("FAILED")) {
				// a part-way no-transaction file: the engine was recording progress or checking indexes
				phase = phase.replace(ENGINE_WORK, "no-transaction file, between statements (engine's own work)");
			}
			String context = kill + ", " + phase + ", history after the kill: " + history;
			checkConsistent(kill.rollback(), context);

			if (kill.rollback()) {
				forge().rollbackTo(TARGET);
			}
			else {
				forge().apply();
			}
			String expected = kill.rollback() ? baseline.rolledBack() : baseline.applied();
			assertThat(snapshot()).as("the schema after recovering from %s", context).isEqualTo(expected);
			assertThat(this.database.value("SELECT count(*) FROM pg_index WHERE NOT indisvalid"))
				.as("INVALID indexes after recovering from %s", context)
				.isEqualTo(0L);
			assertThat(advisoryLocks()).as("advisory locks after recovering from %s", context).isZero();
			System.out.printf("CrashRecoveryIT: kill #%d %s: %s; recovered from [%s] (%d ms in all)%n", kill.index(),
					kill, phase, history, Duration.ofNanos(System.nanoTime() - start).toMillis());
			return new Outcome(kill, phase);
		}

		/**
		 * What the database shows right after the kill: a transactional file is all there
		 * with its history row or not there at all; a no-transaction file is there up to the
		 * statement its row records (that statement itself may be done or not), and nothing
		 * of a later statement is there; a recorded row follows only successful ones. During a
		 * rollback, only the newest recorded no-transaction file may be partly undone.
		 */
		private void checkConsistent(boolean rollback, String context) {
			Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
			if (this.database.tableExists("forge_migrations")) {
				this.database.query("SELECT name, success, statements_done FROM forge_migrations ORDER BY name")
					.forEach((row) -> rows.put((String) row.get("name"), row));
			}
			String newestRecorded = rows.keySet().stream().reduce((a, b) -> b).orElse(null);
			boolean gap = false;
			for (Migration migration : HISTORY) {
				Map<String, Object> row = rows.get(migration.name());
				String where = migration.name() + " after " + context;
				if (row != null) {
					assertThat(gap).as("a row follows a missing or failed one: %s", where).isFalse();
				}
				if (row == null) {
					gap = true;
					// a killed no-transaction run records its first statement only after it
					int from = migration.transactional() ? 0 : 1;
					migration.effects()
						.stream()
						.filter((effect) -> effect.statement() >= from)
						.forEach((effect) -> assertThat(effect.absent(this.database))
							.as("%s of the unrecorded %s", effect, where)
							.isTrue());
				}
				else if (Boolean.TRUE.equals(row.get("success"))) {
					if (rollback && !migration.transactional() && migration.name().equals(newestRecorded)) {
						continue;
					}
					migration.effects()
						.forEach((effect) -> assertThat(effect.present(this.database))
							.as("%s of the applied %s", effect, where)
							.isTrue());
				}
				else {
					gap = true;
					assertThat(migration.transactional()).as("a failed row of a transactional file: %s", where)
						.isFalse();
					int done = ((Number) row.get("statements_done")).intValue();
					for (Effect effect : migration.effects()) {
						if (effect.statement() < done) {
							assertThat(effect.present(this.database)).as("%s, recorded as done, of %s", effect, where)
								.isTrue();
						}
						else if (effect.statement() > done) {
							assertThat(effect.absent(this.database)).as("%s, not started, of %s", effect, where)
								.isTrue();
						}
					}
				}
			}
		}

		/**
		 * Where the child is: the statement its backend runs (or ran last) just before the
		 * kill, from {@code pg_stat_activity}.
		 */
		private String phase(Kill kill) {
			List<Map<String, Object>> sessions = this.database.query("SELECT state, query, xact_start IS NOT NULL AS tx"
					+ " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
					+ " AND backend_type = 'client backend' ORDER BY (state = 'idle') , backend_start");
			String prefix = kill.rollback() ? "rollback: " : "apply: ";
			if (sessions.isEmpty()) {
				return prefix + "no session yet";
			}
			Map<String, Object> session = sessions.get(0);
			String query = String.valueOf(session.get("query")).strip().replaceAll(";$", "");
			String state = String.valueOf(session.get("state"));
			boolean active = state.equals("active");
			for (Migration migration : HISTORY) {
				List<String> statements = kill.rollback() ? migration.down() : migration.up();
				for (int i = 0; i < statements.size(); i++) {
					String statement = statements.get(i);
					if (query.equals(statement)) {
						String where = " (" + migration.name() + " #" + (i + 1) + ")";
						if (migration.transactional()) {
							return prefix + "transactional file" + where;
						}
						if (statement.contains("CONCURRENTLY")) {
							return prefix + (active ? "during " : "just after ") + statement.split(" ")[0]
									+ " INDEX CONCURRENTLY" + where;
						}
						if (!active) {
							return prefix + "no-transaction file, just after a statement" + where;
						}
						// the sleeps widen the gaps between the statements that change something
						return prefix + "no-transaction file, "
								+ (statement.contains("pg_sleep") ? "between its changes" : "in a change") + where;
					}
				}
			}
			if (Boolean.TRUE.equals(session.get("tx"))) {
				return prefix + "transactional file (its history row)";
			}
			return prefix + ENGINE_WORK;
		}

		/** Whether the child still runs; fails with its log when it ended on its own. */
		boolean alive(Process child) {
			if (!child.isAlive()) {
				throw new AssertionError("The child ended with " + child.exitValue() + " before the kill:\n" + tail());
			}
			return true;
		}

		/** Kills the child with SIGKILL and waits until the server has ended its sessions. */
		void kill(Process child, String what) throws InterruptedException {
			child.destroyForcibly();
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
			awaitNodeSessionsGone(what);
		}

		private void awaitNodeSessionsGone(Object kill) throws InterruptedException {
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (otherSessions() > 0) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("The killed node's sessions were still there 20 s after " + kill + ": "
							+ this.database.query("SELECT pid, state, query FROM pg_stat_activity WHERE datname ="
									+ " current_database() AND pid <> pg_backend_pid()"));
				}
				Thread.sleep(50);
			}
		}

		private long otherSessions() {
			return (Long) this.database.value("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
					+ " AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
					+ " AND application_name <> '" + BLOCKER + "'");
		}

		private long advisoryLocks() {
			return (Long) this.database.value("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
					+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
		}

		private String history() {
			if (!this.database.tableExists("forge_migrations")) {
				return "no history table";
			}
			List<Map<String, Object>> rows = this.database
				.query("SELECT name, success, statements_done FROM forge_migrations ORDER BY name");
			if (rows.isEmpty()) {
				return "no rows";
			}
			return rows.stream()
				.map((row) -> row.get("name")
						+ (Boolean.TRUE.equals(row.get("success")) ? "" : " FAILED after " + row.get("statements_done")))
				.collect(Collectors.joining(", "));
		}

		/**
		 * The schema as a user compares it: columns, indexes (and whether they are valid),
		 * constraints, the history's rows, and per table the number of rows and of non-null
		 * values of each column.
		 */
		String snapshot() {
			List<String> lines = new ArrayList<>(this.database.column("SELECT 'column ' || table_name || '.' ||"
					+ " column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')"
					+ " FROM information_schema.columns WHERE table_schema = 'public'"
					+ " UNION ALL SELECT 'index ' || pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisvalid THEN ''"
					+ " ELSE ' INVALID' END FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
					+ " WHERE c.relnamespace = 'public'::regnamespace"
					+ " UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' '"
					+ " || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
					+ " UNION ALL SELECT 'history ' || name || ' ' || success || ' ' || coalesce(statements_done::text, '')"
					+ " FROM forge_migrations").stream().map(String::valueOf).toList());
			for (Object table : this.database.column("SELECT table_name FROM information_schema.tables"
					+ " WHERE table_schema = 'public' AND table_name <> 'forge_migrations'")) {
				String counts = this.database.columnNames(String.valueOf(table))
					.stream()
					.map((column) -> "count(" + column + ")")
					.collect(Collectors.joining(", ", "SELECT concat_ws(' ', count(*), ", ") FROM " + table));
				lines.add("rows " + table + " " + this.database.value(counts));
			}
			Collections.sort(lines);
			return String.join("\n", lines);
		}

		private Forge forge() {
			return Forge.configure()
				.dataSource(this.database.dataSource())
				.locations(this.folder.location())
				.nodeName("recovering-node")
				.clusterLockWait(Duration.ofSeconds(30))
				.load();
		}

		private Process start(String... command) throws IOException {
			List<String> line = new ArrayList<>(
					ChildJvm.command(CrashingNode.class, this.database.jdbcUrl(), this.folder.location()));
			line.addAll(List.of(command));
			return new ProcessBuilder(line).redirectError(ProcessBuilder.Redirect.appendTo(this.log)).start();
		}

		private void awaitReady(Process child) throws Exception {
			BufferedReader output = new BufferedReader(
					new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
			String line = CompletableFuture.supplyAsync(() -> {
				try {
					return output.readLine();
				}
				catch (IOException ex) {
					return null;
				}
			}).get(60, TimeUnit.SECONDS);
			if (!"READY".equals(line)) {
				child.destroyForcibly();
				throw new AssertionError("The child did not start: " + line + "\n" + tail());
			}
		}

		private long runToEnd(Process child) throws Exception {
			awaitReady(child);
			long start = System.nanoTime();
			assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
			long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
			assertThat(child.exitValue()).as("the child's exit code; its log:\n%s", tail()).isZero();
			return millis;
		}

		private String tail() {
			try {
				List<String> lines = Files.readAllLines(this.log.toPath());
				return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
			}
			catch (IOException ex) {
				return "(no log: " + ex.getMessage() + ")";
			}
		}

	}

	/**
	 * A migration file and what each of its statements leaves in the schema.
	 * @param transactional whether the Up section runs in one transaction
	 */
	private record Migration(String name, boolean transactional, List<String> up, List<String> down,
			List<Effect> effects) {

		String file() {
			return (this.transactional ? "" : "-- forge:no-transaction\n") + "-- Up\n"
					+ this.up.stream().map((statement) -> statement + ";\n").collect(Collectors.joining())
					+ "-- Down\n" + this.down.stream().map((statement) -> statement + ";\n").collect(Collectors.joining());
		}

	}

	/**
	 * What one statement (by its index in the Up section) leaves behind, and how to see that
	 * it is fully there or not there at all.
	 */
	private record Effect(int statement, String description, Predicate<TestDatabase> present,
			Predicate<TestDatabase> absent) {

		static Effect table(int statement, String table, long rows) {
			return new Effect(statement, "table " + table + " with " + rows + " rows",
					(database) -> database.tableExists(table)
							&& ((Long) database.value("SELECT count(*) FROM " + table)) == rows,
					(database) -> !database.tableExists(table));
		}

		static Effect column(int statement, String table, String column) {
			return new Effect(statement, "column " + table + "." + column,
					(database) -> database.tableExists(table) && database.columnNames(table).contains(column),
					(database) -> !database.tableExists(table) || !database.columnNames(table).contains(column));
		}

		static Effect filledColumn(int statement, String table, String column) {
			Effect exists = column(statement, table, column);
			return new Effect(statement, "column " + table + "." + column + " filled in",
					(database) -> exists.present(database)
							&& ((Long) database.value("SELECT count(*) FROM " + table + " WHERE " + column + " IS NULL")) == 0,
					(database) -> exists.absent(database) || ((Long) database
						.value("SELECT count(" + column + ") FROM " + table)) == 0);
		}

		static Effect index(int statement, String index) {
			return new Effect(statement, "valid index " + index,
					(database) -> Boolean.TRUE.equals(database.value("SELECT bool_and(i.indisvalid) FROM pg_index i"
							+ " JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = '" + index + "'")),
					(database) -> database.value("SELECT 1 FROM pg_class WHERE relname = '" + index + "'") == null);
		}

		boolean present(TestDatabase database) {
			return this.present.test(database);
		}

		boolean absent(TestDatabase database) {
			return this.absent.test(database);
		}

		@Override
		public String toString() {
			return this.description + " (statement " + (this.statement + 1) + ")";
		}

	}

	private record Kill(int index, boolean rollback, long delayMillis) {

		@Override
		public String toString() {
			return (this.rollback ? "rollback to " + TARGET : "apply") + " killed " + this.delayMillis
					+ " ms after READY";
		}

	}

	private record Baseline(String applied, long applyMillis, String rolledBack, long rollbackMillis) {

	}

	private record Outcome(Kill kill, String phase) {

	}

}
