package dev.forge.sample;

import dev.forge.core.JavaBackfill;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Projects, users and tasks, with their schema managed by FORGE Migrations.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	/**
	 * Fills {@code projects.word_count} of the projects created before the column existed, in
	 * batches; started by name ({@code migrate backfill backfill_word_count}, or the
	 * dashboard's Jobs tab).
	 * @return the backfill
	 */
	@Bean
	JavaBackfill backfillWordCount() {
		return JavaBackfill.named("backfill_word_count")
			.update("projects")
			.reading("description")
			.where("word_count IS NULL")
			.batch((rows) -> rows.forEach((row) -> row.set("word_count", Words.count(row.getString("description")))));
	}

}
