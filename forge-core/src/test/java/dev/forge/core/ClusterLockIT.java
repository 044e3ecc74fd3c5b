package dev.forge.core;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.forge.testsupport.MigrationFolder;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class ClusterLockIT extends EngineTestSupport {

	ClusterLockIT(TestDatabase database) {
		super(database);
	}

	private Forge forge(String node, MigrationFolder folder) {
		return Forge.configure()
			.dataSource(this.database.dataSource())
			.locations(folder.location())
			.nodeName(node)
			.clusterLockWait(Duration.ofSeconds(60))
			.load();
	}

	@Test
	void aConcurrentIndexFinishesWhileTwoOtherRunnersWaitForTheLock() throws Exception {
		this.database.execute("CREATE TABLE events (id bigint, kind text);"
				+ " INSERT INTO events SELECT g, 'k' || (g % 10) FROM generate_series(1, 50000) g");
		this.folder.write("0001_slow.sql", "SELECT pg_sleep(1.5);")
			.write("0002_index.sql", "CREATE INDEX CONCURRENTLY events_kind_idx ON events (kind);");

		CompletableFuture<ApplyResult> first = CompletableFuture.supplyAsync(() -> forge("first", this.folder).apply());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> forge("observer", this.folder).status().lockHolder() != null);
		CompletableFuture<ApplyResult> second = CompletableFuture.supplyAsync(() -> forge("second", this.folder).apply());
		CompletableFuture<ApplyResult> third = CompletableFuture.supplyAsync(() -> forge("third", this.folder).apply());

		CompletableFuture.allOf(first, second, third).get(60, java.util.concurrent.TimeUnit.SECONDS);

		assertThat(first.get().applied()).extracting(MigrationExecution::name).containsExactly("0001_slow", "0002_index");
		assertThat(second.get().applied()).isEmpty();
		assertThat(third.get().applied()).isEmpty();
		assertThat(this.database.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'events_kind_idx'::regclass"))
			.isEqualTo(true);
	}

	@Test
	void statusShowsTheLockHolderAndAWaitingNodeGivesUpWithAClearMessage() {
		this.folder.write("0001_slow.sql", "SELECT pg_sleep(4);");
		CompletableFuture<ApplyResult> holder = CompletableFuture
			.supplyAsync(() -> forge("node-a", this.folder).apply());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> forge("observer", this.folder).status().lockHolder() != null);

		LockHolder lockHolder = forge("observer", this.folder).status().lockHolder();
		Forge impatient = configure()
			.clusterLockWait(Duration.ofMillis(500))
			.load();

		assertThat(lockHolder.applicationName()).isEqualTo("node-a");
		assertThatExceptionOfType(ClusterLockTimeoutException.class).isThrownBy(impatient::apply)
			.withMessageContaining("Could not acquire the migration lock on [public.forge_migrations]")
			.withMessageContaining("node-a")
			.withMessageContaining("forge.migrations.cluster-lock-wait");
		holder.join();
		assertThat(forge("observer", this.folder).status().lockHolder()).isNull();
	}

	@Test
	void aKilledLockHolderFreesTheLockWithNothingToClearByHand(@TempDir Path otherDirectory) throws Exception {
		this.folder.write("0001_forever.sql", "SELECT pg_sleep(600);");
		Process doomed = startLockHoldingProcess(this.folder);
		try {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> forge("observer", this.folder).status().lockHolder() != null);
			assertThat(forge("observer", this.folder).status().lockHolder().applicationName()).isEqualTo("doomed-node");
			assertThat(this.database.value("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'doomed-node'"
					+ " AND state = 'idle in transaction' AND backend_xmin IS NOT NULL"))
				.as("the lock's transaction keeps no snapshot, which CREATE INDEX CONCURRENTLY would wait for")
				.isEqualTo(0L);
		}
		finally {
			doomed.destroyForcibly().waitFor();
		}
		MigrationFolder survivor = new MigrationFolder(otherDirectory).write("0001_other.sql",
				"CREATE TABLE survivor (id int);");

		ApplyResult result = Forge.configure()
			.dataSource(this.database.dataSource())
			.locations(survivor.location())
			.clusterLockWait(Duration.ofSeconds(15))
			.load()
			.apply();

		assertThat(result.applied()).extracting(MigrationExecution::name).containsExactly("0001_other");
		assertThat(this.database.column("SELECT name FROM forge_migrations")).containsExactly("0001_other");
	}

	private Process startLockHoldingProcess(MigrationFolder folder) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
				LockHoldingProcess.class.getName(), this.database.jdbcUrl(), folder.location()));
		File log = Files.createTempFile("lock-holder", ".log").toFile();
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

}
