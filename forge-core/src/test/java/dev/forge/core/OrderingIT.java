package dev.forge.core;


import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OrderingIT extends EngineTestSupport {

	OrderingIT(TestDatabase database) {
		super(database);
	}

	private Forge forge(OutOfOrderPolicy policy) {
		return configure()
			.outOfOrder(policy)
			.load();
	}

	private void mergeLateBranch() {
		this.folder.write("0001_initial.sql", "CREATE TABLE projects (id int);")
			.write("0003_theirs.sql", "CREATE TABLE theirs (id int);");
		forge(OutOfOrderPolicy.WARN).apply();
		this.folder.write("0002_mine.sql", "CREATE TABLE mine (id int);");
	}

	@Test
	void anOutOfOrderFileIsAppliedWithAWarningByDefault() {
		mergeLateBranch();

		ApplyResult result = forge(OutOfOrderPolicy.WARN).apply();

		assertThat(result.applied()).extracting(MigrationExecution::name).containsExactly("0002_mine");
		assertThat(result.warnings()).singleElement()
			.satisfies((warning) -> assertThat(warning).contains("0002_mine").contains("0003_theirs"));
		assertThat(this.database.tableExists("mine")).isTrue();
	}

	@Test
	void allowAppliesAnOutOfOrderFileSilently() {
		mergeLateBranch();

		ApplyResult result = forge(OutOfOrderPolicy.ALLOW).apply();

		assertThat(result.applied()).extracting(MigrationExecution::name).containsExactly("0002_mine");
		assertThat(result.warnings()).isEmpty();
	}

	@Test
	void failRefusesToApplyAnythingWhileAFileIsOutOfOrder() {
		mergeLateBranch();
		this.folder.write("0004_next.sql", "CREATE TABLE next (id int);");

		assertThatExceptionOfType(ForgeException.class).isThrownBy(() -> forge(OutOfOrderPolicy.FAIL).apply())
			.withMessageContaining("0002_mine")
			.withMessageContaining("Nothing was applied");
		assertThat(this.database.tableExists("mine")).isFalse();
		assertThat(this.database.tableExists("next")).isFalse();
	}

	@Test
	void twoFilesWithTheSameNumberAreReportedAsAPossibleConflict() {
		this.folder.write("0001_initial.sql", "CREATE TABLE projects (id int);")
			.write("0002_add_tags.sql", "CREATE TABLE tags (id int);")
			.write("0002_add_labels.sql", "CREATE TABLE labels (id int);");

		StatusReport status = forge(OutOfOrderPolicy.WARN).status();
		ApplyResult result = forge(OutOfOrderPolicy.WARN).apply();

		assertThat(status.warnings()).singleElement()
			.satisfies((warning) -> assertThat(warning).contains("Possible conflict")
				.contains("0002_add_labels and 0002_add_tags"));
		assertThat(result.warnings()).anySatisfy((warning) -> assertThat(warning).contains("Possible conflict"));
		assertThat(result.applied()).extracting(MigrationExecution::name)
			.containsExactly("0001_initial", "0002_add_labels", "0002_add_tags");
		ApplyResult again = forge(OutOfOrderPolicy.WARN).apply();
		assertThat(again.applied()).isEmpty();
		assertThat(again.warnings()).singleElement()
			.satisfies((warning) -> assertThat(warning).contains("Possible conflict")
				.contains("0002_add_labels and 0002_add_tags"));
	}

	@Test
	void numbersSortNumericallyBeyondFourDigits() {
		this.folder.write("9999_before.sql", "CREATE TABLE before_t (id int);")
			.write("10000_after.sql", "ALTER TABLE before_t ADD COLUMN x int;");

		ApplyResult result = forge(OutOfOrderPolicy.WARN).apply();

		assertThat(result.applied()).extracting(MigrationExecution::name).containsExactly("9999_before", "10000_after");
	}

}
