package dev.forge.core.internal.safety;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.forge.core.internal.script.SqlSplitter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ColumnTypes#after(List)}: what earlier pending statements change is seen by the
 * later ones, and every fact they do not change still comes from the database.
 */
class ColumnTypesTests {

	private final ColumnTypes database = new ColumnTypes() {

		@Override
		public Optional<String> typeOf(@Nullable String schema, String table, String column) {
			return (table.equals("users") && column.equals("email")) ? Optional.of("character varying(100)")
					: Optional.empty();
		}

		@Override
		public Optional<Character> volatility(@Nullable String schema, String function) {
			return function.equals("make_code") ? Optional.of('s') : Optional.empty();
		}

		@Override
		public Optional<Boolean> binaryCoercible(String fromType, String toType) {
			return Optional.of(true);
		}

		@Override
		public Optional<Boolean> notNull(@Nullable String schema, String table, String column) {
			return Optional.of(column.equals("email"));
		}

		@Override
		public OptionalLong estimatedRows(@Nullable String schema, String table) {
			return OptionalLong.of(48_000_000);
		}

	};

	@Test
	void aRenamedColumnOrTableKeepsItsType() {
		ColumnTypes after = after("ALTER TABLE users RENAME COLUMN email TO mail;"
				+ " ALTER TABLE users RENAME TO people; ALTER TABLE people ADD COLUMN email int");

		assertThat(after.typeOf(null, "people", "mail")).contains("character varying(100)");
		assertThat(after.typeOf(null, "people", "email")).contains("integer");
		assertThat(after.notNull(null, "people", "mail")).contains(true);
		assertThat(after.notNull(null, "people", "email")).contains(false);
	}

	@Test
	void checksAddedValidatedAndDroppedCount() {
		ColumnTypes added = after("ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;"
				+ " ALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL AND name <> '')");
		ColumnTypes validated = added.after(SqlSplitter.split("ALTER TABLE users VALIDATE CONSTRAINT users_email_nn"));
		ColumnTypes dropped = validated.after(SqlSplitter.split("ALTER TABLE users DROP CONSTRAINT users_email_nn"));

		assertThat(added.notNullChecks(null, "users"))
			.containsExactly(new ColumnTypes.NotNullCheck("users_email_nn", "email", false));
		assertThat(validated.notNullChecks(null, "users"))
			.containsExactly(new ColumnTypes.NotNullCheck("users_email_nn", "email", true));
		assertThat(dropped.notNullChecks(null, "users")).isEmpty();
	}

	@Test
	void aTableCreatedByAnEarlierStatementHasItsListedColumns() {
		ColumnTypes after = after("CREATE TABLE settings (k text PRIMARY KEY, v varchar(10) NOT NULL);"
				+ " CREATE TABLE copies (LIKE settings, note text)");

		assertThat(after.columns(null, "settings")).contains(Map.of("k", "text", "v", "varchar(10)"));
		assertThat(after.columns(null, "copies")).isEmpty();
	}

	@Test
	void factsNoStatementChangesComeFromTheDatabaseUnderEveryOverlay() {
		ColumnTypes after = after("ALTER TABLE users ADD COLUMN a int").after(SqlSplitter.split("ALTER TABLE users"
				+ " ADD COLUMN b int"));

		assertThat(after).isNotSameAs(this.database);
		assertThat(after.volatility(null, "make_code")).contains('s');
		assertThat(after.binaryCoercible("xml", "text")).contains(true);
		assertThat(after.estimatedRows(null, "users")).hasValue(48_000_000);
		assertThat(after.typeOf(null, "users", "email")).contains("character varying(100)");
	}

	private ColumnTypes after(String sql) {
		return this.database.after(SqlSplitter.split(sql).stream().filter((statement) -> !statement.isEmpty()).toList());
	}

}
