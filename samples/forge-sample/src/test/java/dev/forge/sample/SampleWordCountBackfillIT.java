package dev.forge.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.forge.boot.ForgeOperations;
import dev.forge.core.BackfillJob;
import dev.forge.core.JavaBackfill;
import dev.forge.core.JobStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's {@code backfill_word_count} bean fills {@code projects.word_count} of the
 * projects created before the column existed, on the sample's embedded PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "forge.migrations.apply-on=refresh")
class SampleWordCountBackfillIT {

	private static final String NAME = "backfill_word_count";

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ForgeOperations forge;

	@DynamicPropertySource
	static void ownDataDirectory(DynamicPropertyRegistry registry) throws IOException {
		Path directory = Files.createTempDirectory("forge-sample-backfill");
		registry.add("sample.embedded-postgres.data-directory", () -> directory.resolve("pgdata").toString());
	}

	@Test
	void theWordCountBackfillFillsTheProjectsThatHaveNone() throws Exception {
		this.jdbc.sql("INSERT INTO users (id, email, name) VALUES ('00000000-0000-0000-0000-0000000000a1',"
				+ " 'ada@example.com', 'Ada')").update();
		this.jdbc.sql("INSERT INTO projects (id, name, description, owner_id)"
				+ " SELECT gen_random_uuid(), 'Project ' || i,"
				+ " CASE WHEN i % 10 = 0 THEN NULL ELSE repeat(' word', i % 5) END,"
				+ " '00000000-0000-0000-0000-0000000000a1' FROM generate_series(1, 5000) AS i").update();

		assertThat(this.forge.declaredBackfills()).extracting(JavaBackfill::name).contains(NAME);
		assertThat(this.forge.startBackfill(NAME).status()).isEqualTo(JobStatus.PENDING);
		this.forge.runBackfill(NAME);
		BackfillJob job = awaitDone();

		assertThat(job.rowsDone()).isEqualTo(5000);
		assertThat(count("SELECT count(*) FROM projects WHERE word_count IS NULL")).isZero();
		assertThat(count("SELECT count(*) FROM projects"
				+ " WHERE word_count = CASE WHEN trim(coalesce(description, '')) = '' THEN 0"
				+ " ELSE (SELECT count(*) FROM regexp_split_to_table(trim(description), '\\s+')) END")).isEqualTo(5000);
	}

	private BackfillJob awaitDone() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		BackfillJob job = this.forge.job(NAME).orElseThrow();
		while (job.status() != JobStatus.DONE && System.nanoTime() < deadline) {
			Thread.sleep(50);
			job = this.forge.job(NAME).orElseThrow();
		}
		assertThat(job.status()).as(job::progress).isEqualTo(JobStatus.DONE);
		return job;
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

}
