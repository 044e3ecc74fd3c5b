package dev.forge.core.internal.safety;

import java.util.List;
import java.util.Map;

import dev.forge.core.Finding;
import dev.forge.core.SafetyClass;
import dev.forge.core.internal.migration.MigrationName;
import dev.forge.core.internal.migration.MigrationScript;
import dev.forge.core.internal.migration.MigrationScriptParser;
import dev.forge.core.internal.script.SqlSplitter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SafetyAnalyzerSectionTests {

	private final SafetyAnalyzer analyzer = new SafetyAnalyzer(150000);

	@Test
	void downOfAddColumnLosesDataAndDownOfSetNotNullDropsAGuarantee() {
		MigrationScript script = script("-- Up\nALTER TABLE users ADD COLUMN bio text;\n"
				+ "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n-- Down\n"
				+ "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;\nALTER TABLE users DROP COLUMN bio;\n");

		assertThat(this.analyzer.analyzeUp(script)).extracting(Finding::safetyClass)
			.containsExactly(SafetyClass.SAFE, SafetyClass.BREAKING, SafetyClass.LONG_LOCK);
		assertThat(this.analyzer.analyzeDown(script)).extracting(Finding::safetyClass, Finding::operation, Finding::line)
			.containsExactly(tuple(SafetyClass.BREAKING, "DROP NOT NULL", 5),
					tuple(SafetyClass.BREAKING, "DROP COLUMN", 6),
					tuple(SafetyClass.DATA_LOSS, "DROP COLUMN", 6));
	}

	@Test
	void aConcurrentlyFileIsAnalysedAsRunningWithoutTransaction() {
		MigrationScript script = script("ALTER TABLE t ADD CONSTRAINT c CHECK (x > 0) NOT VALID;\n"
				+ "ALTER TABLE t VALIDATE CONSTRAINT c;\nCREATE INDEX CONCURRENTLY t_x ON t (x);\n");

		assertThat(this.analyzer.analyzeUp(script)).extracting(Finding::safetyClass)
			.containsOnly(SafetyClass.SAFE);
	}

	@Test
	void everyStatementGetsAtLeastOneFinding() {
		String sql = "SELECT 1; FROBNICATE; ALTER TABLE; CREATE; DROP; ALTER TABLE t FROB; UPDATE; ;";

		List<Finding> findings = this.analyzer.analyze(sql);

		assertThat(findings).extracting(Finding::line).hasSize(7);
		assertThat(findings.subList(1, findings.size())).extracting(Finding::safetyClass)
			.containsOnly(SafetyClass.NOT_ANALYSED);
	}

	@Test
	void typesLearnedFromEarlierMigrationsJudgeLaterTypeChanges() {
		ColumnTypes live = ColumnTypes.of(Map.of("users.id", "integer"));
		ColumnTypes afterFirst = live.after(SqlSplitter.split("CREATE TABLE notes (body varchar(100));"
				+ " ALTER TABLE users ADD COLUMN nick varchar(20), ALTER COLUMN id TYPE bigint;"));

		SafetyAnalyzer analyzer = this.analyzer.withColumnTypes(afterFirst);

		assertThat(analyzer.analyze("ALTER TABLE notes ALTER COLUMN body TYPE text;"
				+ " ALTER TABLE users ALTER COLUMN nick TYPE varchar(40);"
				+ " ALTER TABLE users ALTER COLUMN id TYPE bigint")).extracting(Finding::safetyClass)
			.containsExactly(SafetyClass.SAFE, SafetyClass.SAFE, SafetyClass.SAFE);
		assertThat(afterFirst.typeOf(null, "users", "unknown")).isEmpty();
	}

	@Test
	void findingsOnANewTableAreSafeWithTheReasonSaid() {
		List<Finding> findings = this.analyzer.analyze("CREATE TABLE t (id int); CREATE INDEX ON t (id)");

		assertThat(findings.get(1).reason()).isEqualTo(FindingCollector.NEW_TABLE);
		assertThat(findings.get(1).safeAlternative()).isNull();
	}

	private static MigrationScript script(String content) {
		return MigrationScriptParser.parse(new MigrationName("0001_test", "0001"), "0001_test.sql", content);
	}

}
