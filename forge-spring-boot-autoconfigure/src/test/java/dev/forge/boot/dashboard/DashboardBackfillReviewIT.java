package dev.forge.boot.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.dashboard.DashboardApi.MigrationView;
import dev.forge.core.Forge;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The dashboard's Migrations tab shows the review of a pending backfill file with it.
 */
@PostgresTest
class DashboardBackfillReviewIT {

	@Test
	void aPendingBackfillFileCarriesItsReviewAndOtherFilesNone(TestDatabase database, @TempDir Path folder)
			throws Exception {
		database.reset();
		Files.writeString(folder.resolve("0001_documents.sql"),
				"CREATE TABLE documents (id bigint PRIMARY KEY, word_count integer);\n");
		Files.writeString(folder.resolve("0002_backfill_word_count.sql"),
				"-- forge:backfill\nUPDATE documents SET word_count = 0 WHERE word_count IS NULL;\n");
		Forge forge = Forge.configure().dataSource(database.dataSource()).locations("filesystem:" + folder).load();
		ForgeOperations operations = new ForgeOperations(forge, List.of());

		List<MigrationView> migrations = new DashboardApi(operations, folder.toString()).status().migrations();

		assertThat(migrations).extracting(MigrationView::name, MigrationView::backfill)
			.containsExactly(tuple("0001_documents", null),
					tuple("0002_backfill_word_count", "backfill of documents: rows unknown"
							+ " (table created by an earlier pending file) WHERE word_count IS NULL, batches of 1,000"
							+ " adapting toward 200ms, lock_timeout 5s; runs after apply, not in it"));
	}

}
