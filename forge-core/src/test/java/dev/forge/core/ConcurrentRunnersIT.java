package dev.forge.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentRunnersIT extends EngineTestSupport {

	private static final int RUNNERS = 8;

	private static final int MIGRATIONS = 50;

	ConcurrentRunnersIT(TestDatabase database) {
		super(database);
	}

	@Test
	void eightRunnersStartedTogetherApplyFiftyMigrationsExactlyOnce() throws Exception {
		this.folder.write("0000_hits.sql", "CREATE TABLE hits (name text NOT NULL);");
		for (int i = 1; i <= MIGRATIONS; i++) {
			String name = String.format("%04d_step_%d", i, i);
			this.folder.write(name + ".sql", "-- Up\nCREATE TABLE step_" + i + " (id int);\nINSERT INTO hits VALUES ('"
					+ name + "');\n-- Down\nDROP TABLE step_" + i + ";\n");
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(RUNNERS);
		List<Future<ApplyResult>> results = new ArrayList<>();
		for (int runner = 0; runner < RUNNERS; runner++) {
			Forge forge = Forge.configure()
				.dataSource(this.database.dataSource())
				.locations(this.folder.location())
				.nodeName("runner-" + runner)
				.clusterLockWait(Duration.ofSeconds(60))
				.load();
			results.add(pool.submit(() -> {
				start.await();
				return forge.apply();
			}));
		}
		start.countDown();
		int appliedTotal = 0;
		for (Future<ApplyResult> result : results) {
			appliedTotal += result.get().applied().size();
		}
		pool.shutdown();

		assertThat(appliedTotal).isEqualTo(MIGRATIONS + 1);
		assertThat(this.database.value("SELECT count(*) FROM forge_migrations")).isEqualTo((long) MIGRATIONS + 1);
		assertThat(this.database.value("SELECT count(DISTINCT name) FROM forge_migrations"))
			.isEqualTo((long) MIGRATIONS + 1);
		assertThat(this.database.value("SELECT count(*) FROM hits")).isEqualTo((long) MIGRATIONS);
		assertThat(this.database.value("SELECT count(DISTINCT name) FROM hits")).isEqualTo((long) MIGRATIONS);
	}

}
