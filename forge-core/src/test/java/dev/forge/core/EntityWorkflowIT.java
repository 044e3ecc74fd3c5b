package dev.forge.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.forge.core.jpa.HibernateOracle;
import dev.forge.testsupport.TestDatabase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * JPA entities through the engine's workflow: generate, apply, change the entities, generate
 * the safe migration, apply it, and report drift after a change by hand.
 */
class EntityWorkflowIT extends EngineTestSupport {

	EntityWorkflowIT(TestDatabase database) {
		super(database);
	}

	private Forge forge(Class<?>... entities) {
		return configure().outputDirectory(this.folder.directory()).models(entities).load();
	}

	@Test
	void aChangedEntityGeneratesASafeMigrationThatAppliesAndHibernateValidates() throws Exception {
		forge(Region.class, Account.class).generate("initial");
		forge(Region.class, Account.class).apply();
		this.database.execute("INSERT INTO account (id, name, nickname) VALUES (1, 'Ada', 'ada')");

		GenerationResult changed = forge(Region.class, ChangedAccount.class).generate("change account");

		assertThat(changed.scripts()).extracting(GeneratedMigration::up)
			.containsExactly("""
					ALTER TABLE account RENAME COLUMN nickname TO display_name;
					ALTER TABLE account ALTER COLUMN name TYPE VARCHAR(100);
					ALTER TABLE account ADD COLUMN email VARCHAR(255);
					ALTER TABLE account ADD COLUMN region_id BIGINT;
					ALTER TABLE account ADD CONSTRAINT account_region_id_fkey FOREIGN KEY (region_id) \
					REFERENCES region (id) NOT VALID;
					""", """
					CREATE INDEX CONCURRENTLY IF NOT EXISTS account_email_idx ON account (email);
					""", """
					ALTER TABLE account VALIDATE CONSTRAINT account_region_id_fkey;
					""");
		assertThat(changed.scripts().get(0).breakingChanges())
			.containsExactly("RENAME COLUMN: account.nickname → account.display_name");
		assertThat(changed.scripts().get(0).down()).contains("ALTER TABLE account RENAME COLUMN display_name TO nickname;");
		String first = changed.scripts().get(0).name();
		Forge forge = forge(Region.class, ChangedAccount.class);
		assertThat(forge.findings(first)).extracting(Finding::safetyClass, Finding::operation)
			.contains(tuple(SafetyClass.BREAKING, "RENAME COLUMN"), tuple(SafetyClass.SAFE, "ADD COLUMN"));
		assertThat(forge.findings(first)).filteredOn((finding) -> finding.operation().equals("ALTER COLUMN TYPE"))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.safetyClass()).isEqualTo(SafetyClass.SAFE));
		assertThatExceptionOfType(BreakingChangeException.class).isThrownBy(forge::apply)
			.withMessageContaining("RENAME COLUMN: account.nickname → account.display_name");

		Path file = changed.files().get(0);
		Files.writeString(file, Files.readString(file).replace("-- Up\n", "-- forge:allow-breaking\n-- Up\n"));
		ApplyResult applied = forge(Region.class, ChangedAccount.class).apply();

		assertThat(applied.applied()).hasSize(3);
		assertThat(this.database.query("SELECT id, name, display_name FROM account WHERE email IS NULL AND region_id IS NULL"))
			.containsExactly(java.util.Map.of("id", 1L, "name", "Ada", "display_name", "ada"));
		assertThat(this.database.value("SELECT convalidated FROM pg_constraint WHERE conname = 'account_region_id_fkey'"))
			.isEqualTo(true);
		assertThat(this.database.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'account_email_idx'::regclass"))
			.isEqualTo(true);
		assertThat(forge(Region.class, ChangedAccount.class).check().isEmpty()).isTrue();
		assertThatNoException().isThrownBy(() -> HibernateOracle.run(this.database.jdbcUrl(), "public", "validate",
				List.of(Region.class, ChangedAccount.class)));
	}

	@Test
	void driftReportsAColumnDroppedByHand() {
		forge(Region.class, ChangedAccount.class).generate("initial");
		forge(Region.class, ChangedAccount.class).apply();
		this.database.execute("ALTER TABLE account DROP COLUMN email");

		DriftReport drift = forge(Region.class, ChangedAccount.class).drift();

		assertThat(drift.hasDrift()).isTrue();
		assertThat(drift.render()).contains("✗ account table has drift:")
			.contains("  - Missing column: email (defined in code, not in DB)")
			.contains("✓ region table matches schema");
	}

	@Entity
	@Table(name = "region")
	static class Region {

		@Id
		Long id;

		String label;

	}

	@Entity
	@Table(name = "account")
	static class Account {

		@Id
		Long id;

		@Column(length = 50)
		String name;

		String nickname;

	}

	@Entity
	@Table(name = "account", indexes = @Index(columnList = "email"))
	static class ChangedAccount {

		@Id
		Long id;

		@Column(length = 100)
		String name;

		@dev.forge.model.RenamedFrom("nickname")
		String displayName;

		String email;

		@ManyToOne
		Region region;

	}

}
