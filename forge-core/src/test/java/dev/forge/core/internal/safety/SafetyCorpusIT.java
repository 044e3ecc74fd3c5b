package dev.forge.core.internal.safety;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.forge.core.BreakingChangePolicy;
import dev.forge.core.Finding;
import dev.forge.core.Forge;
import dev.forge.core.MigrationPlan;
import dev.forge.core.PlannedMigration;
import dev.forge.core.PlannedStatement;
import dev.forge.core.SafetyClass;
import dev.forge.testsupport.MigrationFolder;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The safety analysis on real migration histories of public projects (the files and their
 * origin are under {@code corpus/}): each project's files are planned one at a time against
 * the live database, exactly as {@code plan} judges them, then applied. The findings that
 * need attention are compared with the verdicts a reviewer wrote down in the project's
 * {@code expected.tsv}; a match is the same file, statement and class. The precision and
 * recall of the analysis must not fall below what it reaches today.
 */
@PostgresTest
class SafetyCorpusIT {

	private static final String CORPUS = "dev/forge/core/internal/safety/corpus/";

	private static final List<String> PROJECTS = List.of("umami", "kratos", "keto", "temporal",
			"temporal-visibility", "harbor");

	// Set from the measurement of the analysis as it is: a new false alarm or miss fails the
	// test. Tighten them whenever the analysis gets better.
	private static final double MIN_PRECISION = 1.0;

	private static final double MIN_RECALL = 0.99;

	private static final double MIN_BREAKING_PRECISION = 1.0;

	private static final int MAX_FALSE_ALARMS = 0;

	private static final int MAX_MISSES = 1;

	private static final int MAX_NOT_ANALYSED = 10;

	private final TestDatabase database;

	SafetyCorpusIT(TestDatabase database) {
		this.database = database;
	}

	@Test
	void theAnalysisOfRealHistoriesMatchesTheWrittenVerdicts(@TempDir Path directory) {
		Score total = new Score("total");
		StringBuilder report = new StringBuilder();
		for (String project : PROJECTS) {
			Score score = check(project, directory.resolve(project));
			report.append(score.describe());
			total.add(score);
		}
		report.append(total.summary()).append('\n');
		System.out.print(report);
		assertThat(total.files).as("files applied").isGreaterThanOrEqualTo(60);
		assertThat(total.precision()).as("precision; %s", report).isGreaterThanOrEqualTo(MIN_PRECISION);
		assertThat(total.recall()).as("recall; %s", report).isGreaterThanOrEqualTo(MIN_RECALL);
		assertThat(total.breakingPrecision()).as("precision of BREAKING; %s", report)
			.isGreaterThanOrEqualTo(MIN_BREAKING_PRECISION);
		assertThat(total.sum(1)).as("false alarms; %s", report).isLessThanOrEqualTo(MAX_FALSE_ALARMS);
		assertThat(total.sum(2)).as("misses; %s", report).isLessThanOrEqualTo(MAX_MISSES);
		assertThat(total.notAnalysed).as("NOT_ANALYSED; %s", report).isLessThanOrEqualTo(MAX_NOT_ANALYSED);
	}

	private Score check(String project, Path directory) {
		this.database.reset();
		Path source = corpus(project);
		// What the project's own migration tool creates before its first file, e.g. its history table
		if (Files.exists(source.resolve("setup.sql"))) {
			this.database.execute(read(source.resolve("setup.sql")));
		}
		List<String> files = lines(source.resolve("order.txt"));
		Map<String, Set<Verdict>> expected = expected(project, source.resolve("expected.tsv"), files);
		MigrationFolder folder = new MigrationFolder(createDirectories(directory));
		Forge forge = Forge.configure()
			.dataSource(this.database.dataSource())
			.locations(folder.location())
			.onBreaking(BreakingChangePolicy.ALLOW)
			.load();
		Score score = new Score(project);
		long started = System.nanoTime();
		for (int i = 0; i < files.size(); i++) {
			String file = files.get(i);
			String name = String.format(Locale.ROOT, "%04d_corpus", i + 1);
			folder.write(name + ".sql", read(source.resolve(file)));
			MigrationPlan plan = forge.plan();
			assertThat(plan.migrations()).as("pending after writing %s/%s", project, file).hasSize(1);
			PlannedMigration migration = plan.migrations().get(0);
			Set<Verdict> found = new LinkedHashSet<>();
			for (Finding finding : migration.findings()) {
				if (finding.safetyClass() == SafetyClass.NOT_ANALYSED) {
					score.notAnalysed++;
					score.notAnalysedList.add(new Verdict(file, statementLine(migration, finding.line()),
							finding.safetyClass(), finding.operation(), head(finding.sql())));
				}
				else if (finding.needsAttention()) {
					found.add(new Verdict(file, statementLine(migration, finding.line()), finding.safetyClass(),
							finding.operation(), head(finding.sql())));
				}
			}
			Set<Verdict> wanted = new LinkedHashSet<>();
			for (Verdict verdict : expected.getOrDefault(file, Set.of())) {
				int first = statementLine(migration, verdict.line());
				String statement = statementAt(migration, verdict.line());
				int last = first + (int) statement.chars().filter((c) -> c == '\n').count();
				assertThat(verdict.line()).as("%s/expected.tsv: line %d of %s is in no statement", project,
						verdict.line(), file).isLessThanOrEqualTo(last);
				wanted.add(verdict.atStatement(first, head(statement)));
			}
			score.compare(wanted, found);
			boolean refused = migration.needsBreakingAcceptance();
			boolean breaking = wanted.stream().anyMatch(Verdict::isBreaking);
			score.refused += refused ? 1 : 0;
			score.shouldBeRefused += breaking ? 1 : 0;
			score.wronglyRefused += (refused && !breaking) ? 1 : 0;
			assertThat(forge.apply().applied()).as("%s/%s applied", project, file).hasSize(1);
			score.files++;
		}
		score.millis = (System.nanoTime() - started) / 1_000_000;
		return score;
	}

	// The line of the statement that holds the given line: the last one starting at or before it.
	private static int statementLine(PlannedMigration migration, int line) {
		int start = migration.statements().get(0).line();
		for (PlannedStatement statement : migration.statements()) {
			if (statement.line() <= line) {
				start = statement.line();
			}
		}
		return start;
	}

	private static String statementAt(PlannedMigration migration, int line) {
		int start = statementLine(migration, line);
		return migration.statements()
			.stream()
			.filter((statement) -> statement.line() == start)
			.findFirst()
			.map(PlannedStatement::sql)
			.orElse("");
	}

	private static String head(String sql) {
		String flat = sql.replaceAll("\\s+", " ").strip();
		return (flat.length() > 90) ? flat.substring(0, 90) + "…" : flat;
	}

	private static Map<String, Set<Verdict>> expected(String project, Path tsv, List<String> files) {
		Map<String, Set<Verdict>> expected = new TreeMap<>();
		List<String> lines = lines(tsv);
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] fields = line.split("\t");
			String where = project + "/expected.tsv:" + (i + 1);
			assertThat(fields).as("%s: file, line, class, operation, why", where).hasSize(5);
			assertThat(files).as("%s: a file of order.txt", where).contains(fields[0]);
			expected.computeIfAbsent(fields[0], (file) -> new LinkedHashSet<>())
				.add(new Verdict(fields[0], Integer.parseInt(fields[1]), SafetyClass.valueOf(fields[2]), fields[3],
						fields[4]));
		}
		return expected;
	}

	private static Path corpus(String project) {
		URL url = SafetyCorpusIT.class.getClassLoader().getResource(CORPUS + project + "/order.txt");
		assertThat(url).as("corpus %s", project).isNotNull();
		try {
			return Path.of(url.toURI()).getParent();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> lines(Path path) {
		return read(path).lines().toList();
	}

	private static String read(Path path) {
		try {
			return Files.readString(path, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path createDirectories(Path directory) {
		try {
			return Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One verdict: a class for the statement of a file that starts at a line. Two verdicts
	 * are the same when file, line and class are.
	 */
	private record Verdict(String file, int line, SafetyClass safetyClass, String operation, String text) {

		boolean isBreaking() {
			return this.safetyClass == SafetyClass.BREAKING;
		}

		Verdict atStatement(int statementLine, String sql) {
			return new Verdict(this.file, statementLine, this.safetyClass, this.operation, sql);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Verdict verdict && this.file.equals(verdict.file) && this.line == verdict.line
					&& this.safetyClass == verdict.safetyClass;
		}

		@Override
		public int hashCode() {
			return (this.file.hashCode() * 31 + this.line) * 31 + this.safetyClass.hashCode();
		}

		String describe() {
			return this.file + ":" + this.line + " " + this.safetyClass + " " + this.operation + ": " + this.text;
		}

	}

	/**
	 * True positives, false alarms and misses of one project, or of all of them.
	 */
	private static final class Score {

		private final String name;

		private final Map<SafetyClass, int[]> byClass = new LinkedHashMap<>();

		private final List<Verdict> falseAlarms = new ArrayList<>();

		private final List<Verdict> misses = new ArrayList<>();

		private final List<Verdict> notAnalysedList = new ArrayList<>();

		private int files;

		private long millis;

		private int notAnalysed;

		private int refused;

		private int shouldBeRefused;

		private int wronglyRefused;

		Score(String name) {
			this.name = name;
			for (SafetyClass safetyClass : List.of(SafetyClass.BREAKING, SafetyClass.LONG_LOCK,
					SafetyClass.DATA_LOSS)) {
				this.byClass.put(safetyClass, new int[3]);
			}
		}

		void compare(Set<Verdict> wanted, Set<Verdict> found) {
			for (Verdict verdict : found) {
				if (wanted.contains(verdict)) {
					this.byClass.get(verdict.safetyClass())[0]++;
				}
				else {
					this.byClass.get(verdict.safetyClass())[1]++;
					this.falseAlarms.add(verdict);
				}
			}
			for (Verdict verdict : wanted) {
				if (!found.contains(verdict)) {
					this.byClass.get(verdict.safetyClass())[2]++;
					this.misses.add(verdict);
				}
			}
		}

		void add(Score other) {
			other.byClass.forEach((safetyClass, counts) -> {
				int[] mine = this.byClass.get(safetyClass);
				for (int i = 0; i < 3; i++) {
					mine[i] += counts[i];
				}
			});
			this.files += other.files;
			this.millis += other.millis;
			this.notAnalysed += other.notAnalysed;
			this.refused += other.refused;
			this.shouldBeRefused += other.shouldBeRefused;
			this.wronglyRefused += other.wronglyRefused;
		}

		int sum(int index) {
			return this.byClass.values().stream().mapToInt((counts) -> counts[index]).sum();
		}

		double precision() {
			return ratio(sum(0), sum(0) + sum(1));
		}

		double recall() {
			return ratio(sum(0), sum(0) + sum(2));
		}

		double breakingPrecision() {
			int[] breaking = this.byClass.get(SafetyClass.BREAKING);
			return ratio(breaking[0], breaking[0] + breaking[1]);
		}

		private static double ratio(int part, int whole) {
			return (whole != 0) ? (double) part / whole : 1.0;
		}

		String summary() {
			StringBuilder text = new StringBuilder();
			text.append(String.format(Locale.ROOT,
					"%s: %d files in %d ms, %d true positives, %d false alarms, %d misses, precision %.3f, recall %.3f,"
							+ " NOT_ANALYSED %d, files refused by on-breaking=fail %d (should be %d, wrongly %d)",
					this.name, this.files, this.millis, sum(0), sum(1), sum(2), precision(), recall(), this.notAnalysed,
					this.refused, this.shouldBeRefused, this.wronglyRefused));
			this.byClass.forEach((safetyClass, counts) -> text.append(String.format(Locale.ROOT,
					"%n  %-9s tp %3d  fp %3d  fn %3d  precision %.3f  recall %.3f", safetyClass, counts[0],
					counts[1], counts[2], ratio(counts[0], counts[0] + counts[1]),
					ratio(counts[0], counts[0] + counts[2]))));
			return text.toString();
		}

		private static void list(StringBuilder text, String label, List<Verdict> verdicts) {
			verdicts.forEach((verdict) -> text.append(String.format(Locale.ROOT, "  %-13s", label))
				.append(verdict.describe())
				.append('\n'));
		}

		String describe() {
			StringBuilder text = new StringBuilder(summary()).append('\n');
			list(text, "false alarm", this.falseAlarms);
			list(text, "miss", this.misses);
			list(text, "not analysed", this.notAnalysedList);
			return text.toString();
		}

	}

}
