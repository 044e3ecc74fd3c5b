package dev.forge.core;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large input under a small heap: a 50 MB migration file and 10,000 small files are applied
 * by a separate JVM whose heap is capped, so that memory has to follow the largest
 * statement rather than the file, and the files one at a time rather than all of them.
 * <p>
 * The sizes can be raised for a heavier run, e.g. {@code -Dforge.test.large-file-mb=100
 * -Dforge.test.large-file-heap=512m -Dforge.test.file-count=50000}: the heap a file needs
 * grows with the file (about three times its size while it is read and split), the heap
 * that many files need does not grow with their number.
 */
class LargeMigrationsIT extends EngineTestSupport {

	private static final int FILE_MB = Integer.getInteger("forge.test.large-file-mb", 50);

	private static final String FILE_HEAP = System.getProperty("forge.test.large-file-heap", "256m");

	private static final int FILE_COUNT = Integer.getInteger("forge.test.file-count", 10_000);

	private static final String PAYLOAD = "x".repeat(80);

	LargeMigrationsIT(TestDatabase database) {
		super(database);
	}

	@BeforeEach
	void commitWithoutWaitingForTheDisk() {
		// thousands of commits would otherwise measure the disk, not FORGE; the database is this class's own
		this.database.execute("ALTER DATABASE \"" + this.database.name() + "\" SET synchronous_commit = off");
	}

	@Test
	void aFileOfFiftyMegabytesIsAppliedWithAHeapOf256Megabytes() throws Exception {
		Path file = this.folder.directory().resolve("0001_big_rows.sql");
		long rows = writeLargeFile(file, FILE_MB * 1024L * 1024L);

		long start = System.nanoTime();
		ChildRun run = runChild(FILE_HEAP, "apply");
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

		System.out.printf("%d MB file (%d rows, %d bytes) applied with -Xmx%s in %d ms; %s%n", FILE_MB, rows,
				Files.size(file), FILE_HEAP, millis, run.peak());
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains(LargeMigrationProcess.DONE + "apply: 1 applied");
		assertThat(this.database.value("SELECT count(*) FROM big_rows")).isEqualTo(rows);
		assertThat(this.database.value("SELECT max(id) FROM big_rows")).isEqualTo((int) rows);
		assertThat(this.database.value("SELECT count(*) FROM big_rows WHERE payload <> '" + PAYLOAD + "'"))
			.isEqualTo(0L);
		assertThat(this.database.column("SELECT name FROM forge_migrations WHERE success"))
			.containsExactly("0001_big_rows");
	}

	@Test
	void tenThousandFilesAreAppliedAndListedWithAHeapOf64Megabytes() throws Exception {
		this.folder.write(String.format("%05d_numbers.sql", 1), "CREATE TABLE numbers (n integer);\n");
		for (int i = 2; i <= FILE_COUNT; i++) {
			this.folder.write(String.format("%05d_number.sql", i),
					"-- Up\nINSERT INTO numbers VALUES (" + i + ");\n-- Down\nDELETE FROM numbers WHERE n = " + i
							+ ";\n");
		}

		long start = System.nanoTime();
		ChildRun run = runChild("64m", "apply", "status");
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

		System.out.printf("%d files applied and listed with -Xmx64m in %d ms; %s%n", FILE_COUNT, millis, run.peak());
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains(LargeMigrationProcess.DONE + "apply: " + FILE_COUNT + " applied")
			.contains(LargeMigrationProcess.DONE + "status: " + FILE_COUNT + " migrations");
		assertThat(this.database.value("SELECT count(*) FROM numbers")).isEqualTo((long) FILE_COUNT - 1);
		assertThat(this.database.value("SELECT count(*) FROM forge_migrations WHERE success"))
			.isEqualTo((long) FILE_COUNT);
	}

	/**
	 * Writes a file of two halves: many statements of ten rows each, then a few statements of
	 * 100,000 rows (about 10 MB each), so that both the number of statements and the size of
	 * one statement are large.
	 * @return the number of rows the file inserts
	 */
	private static long writeLargeFile(Path file, long size) throws IOException {
		long rows = 0;
		long written = 0;
		try (Writer writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
			String header = "-- forge:lock-timeout 10s\n-- Up\nCREATE TABLE big_rows (id integer, payload text);\n";
			writer.write(header);
			written += header.length();
			while (written < size) {
				int rowsPerStatement = (written < size / 2) ? 10 : 100_000;
				StringBuilder statement = new StringBuilder("INSERT INTO big_rows (id, payload) VALUES\n");
				for (int row = 0; row < rowsPerStatement && (row == 0 || written + statement.length() < size); row++) {
					statement.append((row > 0) ? ",\n" : "").append("  (").append(++rows).append(", '")
						.append(PAYLOAD).append("')");
				}
				statement.append(";\n");
				writer.write(statement.toString());
				written += statement.length();
			}
			writer.write("-- Down\nDROP TABLE big_rows;\n");
		}
		return rows;
	}

	private ChildRun runChild(String maxHeap, String... commands) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-cp",
				System.getProperty("java.class.path"), LargeMigrationProcess.class.getName(),
				this.database.jdbcUrl(), this.folder.location()));
		command.addAll(List.of(commands));
		Path log = Files.createTempFile("large-migrations", ".log");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			if (!process.waitFor(10, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new AssertionError("The child JVM did not finish in 10 minutes:\n" + Files.readString(log));
			}
			return new ChildRun(process.exitValue(), Files.readString(log));
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

	private record ChildRun(int exitCode, String output) {

		String peak() {
			return this.output.lines()
				.filter((line) -> line.startsWith(LargeMigrationProcess.PEAK))
				.findFirst()
				.orElse("no heap figure: the child failed");
		}

	}

}
