package dev.forge.core.internal.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import dev.forge.core.MigrationFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationCatalogTests {

	@TempDir
	Path directory;

	@Test
	void entriesAreInNumericOrderWithTheChecksumOfTheirUpSection() throws IOException {
		write(10000, "SELECT 3;");
		write(2, "-- Up\nSELECT 2;\n-- Down\nSELECT 0;\n");
		write(9999, "SELECT 1;");

		MigrationCatalog catalog = MigrationCatalog.load(new DirectoryMigrationSource(this.directory));

		assertThat(catalog.entries()).extracting((entry) -> entry.name().value())
			.containsExactly("0002_m", "9999_m", "10000_m");
		assertThat(catalog.entries()).extracting(MigrationCatalog.Entry::hasDown).containsExactly(true, false, false);
		assertThat(catalog.entries().get(0).checksum()).isEqualTo(Checksums.sha256("\nSELECT 2;\n"));
	}

	@Test
	void theFirstInvalidFileInRunOrderIsReportedWhicheverIsReadFirst() throws IOException {
		for (int number = 1; number <= 400; number++) {
			write(number, (number == 120 || number == 380) ? "-- Up\nSELECT 'open;\n" : "SELECT " + number + ";\n");
		}

		for (int attempt = 0; attempt < 20; attempt++) {
			assertThatExceptionOfType(MigrationFileException.class)
				.isThrownBy(() -> MigrationCatalog.load(new DirectoryMigrationSource(this.directory)))
				.withMessageStartingWith(this.directory.resolve("0120_m.sql") + ":2: ");
		}
	}

	@Test
	void aFileWithoutMarkersOrDirectivesIsHashedWholeWithoutLexing() throws IOException {
		write(1, "\uFEFF-- creates t\nSELECT 'not closed;\n");

		MigrationCatalog.Entry entry = MigrationCatalog.load(new DirectoryMigrationSource(this.directory))
			.entries()
			.get(0);

		assertThat(entry.checksum()).isEqualTo(Checksums.sha256("-- creates t\nSELECT 'not closed;\n"));
		assertThat(entry.hasDown()).isFalse();
		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(entry::load)
			.withMessageContaining("0001_m.sql:2");
	}

	private void write(int number, String content) throws IOException {
		Files.writeString(this.directory.resolve(String.format(Locale.ROOT, "%04d_m.sql", number)), content);
	}

}
