package dev.forge.core.internal.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.forge.core.schema.Column;
import dev.forge.core.schema.ColumnType;
import dev.forge.core.schema.ForeignKey;
import dev.forge.core.schema.Index;
import dev.forge.core.schema.PrimaryKey;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.Table;
import dev.forge.core.schema.Unique;
import dev.forge.model.ForgeModel;
import dev.forge.model.Id;
import dev.forge.model.Indexed;
import dev.forge.model.References;
import dev.forge.model.RenamedFrom;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

class ModelReaderTests {

	private final ModelReader reader = new ModelReader();

	@Test
	void mapsEveryTypeOfTheDesignTable() {
		Table table = read(AllTypes.class);
		Map<String, String> expected = Map.ofEntries(Map.entry("id", "uuid"), Map.entry("text", "text"),
				Map.entry("short_text", "varchar(200)"), Map.entry("int_value", "integer"),
				Map.entry("integer_value", "integer"), Map.entry("long_value", "bigint"),
				Map.entry("boxed_long", "bigint"), Map.entry("short_value", "smallint"),
				Map.entry("flag", "boolean"), Map.entry("ratio", "double precision"), Map.entry("weight", "real"),
				Map.entry("amount", "numeric"), Map.entry("price", "numeric(10,2)"),
				Map.entry("created_at", "timestamptz"), Map.entry("offset_at", "timestamptz"),
				Map.entry("local_at", "timestamp"), Map.entry("birthday", "date"), Map.entry("alarm", "time"),
				Map.entry("timeout", "interval"), Map.entry("payload", "bytea"), Map.entry("status", "text"),
				Map.entry("settings", "jsonb"));
		assertThat(table.columns()).extracting(Column::name).containsExactlyElementsOf(List.of("id", "text",
				"short_text", "int_value", "integer_value", "long_value", "boxed_long", "short_value", "flag", "ratio",
				"weight", "amount", "price", "created_at", "offset_at", "local_at", "birthday", "alarm", "timeout",
				"payload", "status", "settings"));
		table.columns()
			.forEach((column) -> assertThat(column.type()).as(column.name())
				.isEqualTo(ColumnType.parse(expected.get(column.name()))));
		assertThat(table.columns()).allMatch((column) -> !column.nullable());
	}

	@Test
	void derivesPluralSnakeCaseTableNames() {
		assertThat(this.reader.read(List.of(Category.class, Address.class, ProjectMember.class)).tables())
			.extracting(Table::name)
			.containsExactly("addresses", "categories", "project_members");
	}

	@Test
	void readsTheProjectModelOfTheDesign() {
		Schema schema = this.reader.read(List.of(Project.class, User.class));
		Table projects = schema.table("projects").orElseThrow();
		assertThat(projects.columns()).containsExactly(new Column("id", ColumnType.UUID, false, null),
				new Column("name", ColumnType.varchar(200), false, null),
				new Column("description", ColumnType.TEXT, true, null),
				new Column("owner_id", ColumnType.UUID, false, null),
				new Column("created_at", ColumnType.TIMESTAMPTZ, false, null));
		assertThat(projects.primaryKey()).isEqualTo(new PrimaryKey("projects_pkey", List.of("id")));
		assertThat(projects.foreignKeys()).containsExactly(
				new ForeignKey("projects_owner_id_fkey", List.of("owner_id"), "users", List.of("id")));
		assertThat(projects.indexes())
			.containsExactly(new Index("projects_created_at_idx", List.of("created_at"), false));
	}

	@Test
	void treatsOptionalAndAnyNullableAnnotationAsNullable() {
		Table table = read(Nullables.class);
		assertThat(table.columns()).extracting(Column::name, Column::nullable)
			.containsExactly(tuple("id", false),
					tuple("optional", true),
					tuple("type_use", true),
					tuple("declaration", true),
					tuple("not_null_wins", false),
					tuple("primitive", false));
		assertThat(table.column("optional").orElseThrow().type()).isEqualTo(ColumnType.varchar(20));
	}

	@Test
	void readsPlainClassesWithInheritedFields() {
		Table table = read(Invoice.class);
		assertThat(table.columns()).extracting(Column::name).containsExactly("created_at", "id", "total");
		assertThat(table.primaryKey().columns()).containsExactly("id");
	}

	@Test
	void readsCompositeKeysIndexesUniquesDefaultsAndRenames() {
		Table table = this.reader.read(List.of(Membership.class, Team.class)).table("team_memberships").orElseThrow();
		assertThat(table.name()).isEqualTo("team_memberships");
		assertThat(table.renamedFrom()).isEqualTo("memberships");
		assertThat(table.primaryKey()).isEqualTo(new PrimaryKey("team_memberships_pkey", List.of("team_id", "user_id")));
		assertThat(table.column("role").orElseThrow()).isEqualTo(new Column("role", ColumnType.TEXT, false, "'member'"));
		assertThat(table.column("member_email").orElseThrow().renamedFrom()).isEqualTo("email");
		assertThat(table.uniques())
			.containsExactly(new Unique("team_memberships_member_email_key", List.of("member_email")));
		assertThat(table.indexes()).containsExactly(
				new Index("team_memberships_team_id_role_idx", List.of("team_id", "role"), false),
				new Index("memberships_by_user", List.of("user_id"), true));
		assertThat(table.foreignKeys()).containsExactly(
				new ForeignKey("team_memberships_team_id_fkey", List.of("team_id"), "teams", List.of("id")));
	}

	@Test
	void rejectsUnsupportedTypeNamingClassAndField() {
		assertThatExceptionOfType(ModelDefinitionException.class).isThrownBy(() -> read(WithMap.class))
			.withMessageContaining(WithMap.class.getName())
			.withMessageContaining("field 'attributes'")
			.withMessageContaining("java.util.Map")
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("attributes"));
	}

	@Test
	void rejectsModelWithoutId() {
		assertThatExceptionOfType(ModelDefinitionException.class).isThrownBy(() -> read(WithoutId.class))
			.withMessage("Invalid model " + WithoutId.class.getName()
					+ ": it has no @Id field; mark the primary key field (or fields) with @Id");
	}

	@Test
	void rejectsTwoModelsOnOneTable() {
		assertThatExceptionOfType(ModelDefinitionException.class)
			.isThrownBy(() -> this.reader.read(List.of(User.class, OtherUser.class)))
			.withMessageContaining(OtherUser.class.getName())
			.withMessageContaining("table 'users' is already mapped by model " + User.class.getName());
	}

	@Test
	void rejectsReferenceToANonModelNamingClassAndField() {
		assertThatExceptionOfType(ModelDefinitionException.class).isThrownBy(() -> read(WithBadReference.class))
			.withMessageContaining(WithBadReference.class.getName())
			.withMessageContaining("field 'ownerId'")
			.withMessageContaining("@References(" + String.class.getName() + ".class) does not name a model");
	}

	@Test
	void rejectsIndexOnUnknownColumn() {
		assertThatExceptionOfType(ModelDefinitionException.class).isThrownBy(() -> read(WithBadIndex.class))
			.withMessageContaining(WithBadIndex.class.getName())
			.withMessageContaining("field 'nope'");
	}

	private Table read(Class<?> model) {
		return this.reader.read(List.of(model)).tables().get(0);
	}

	enum Status {

		OPEN, CLOSED

	}

	@ForgeModel(table = "all_types")
	record AllTypes(@Id UUID id, String text, @Size(max = 200) String shortText, int intValue, Integer integerValue,
			long longValue, Long boxedLong, short shortValue, boolean flag, double ratio, float weight,
			BigDecimal amount, @Digits(integer = 8, fraction = 2) BigDecimal price, Instant createdAt,
			OffsetDateTime offsetAt, LocalDateTime localAt, LocalDate birthday, LocalTime alarm, Duration timeout,
			byte[] payload, Status status, @dev.forge.model.Column(type = "jsonb") Map<String, Object> settings) {
	}

	@ForgeModel
	record Category(@Id long id) {
	}

	@ForgeModel
	record Address(@Id long id) {
	}

	@ForgeModel
	record ProjectMember(@Id long id) {
	}

	@ForgeModel
	record User(@Id UUID id) {
	}

	@ForgeModel(table = "users")
	record OtherUser(@Id UUID id) {
	}

	@ForgeModel
	record Project(@Id UUID id, @NotBlank @Size(max = 200) String name, @Nullable String description,
			@References(User.class) UUID ownerId, @Indexed Instant createdAt) {
	}

	@ForgeModel
	record Nullables(@Id long id, Optional<@Size(max = 20) String> optional, @Nullable String typeUse,
			@DeclarationNullable.Nullable String declaration, @NotNull @Nullable String notNullWins,
			@Nullable int primitive) {
	}

	@ForgeModel
	static class Invoice extends Auditable {

		@Id
		private long id;

		private BigDecimal total;

		private static int instances;

		private transient String cache;

	}

	static class Auditable {

		private Instant createdAt;

	}

	@ForgeModel(table = "team_memberships")
	@RenamedFrom("memberships")
	@dev.forge.model.Index(columns = { "teamId", "role" })
	@dev.forge.model.Index(columns = "user_id", unique = true, name = "memberships_by_user")
	record Membership(@Id @References(Team.class) long teamId, @Id long userId,
			@dev.forge.model.Column(defaultValue = "'member'") String role,
			@RenamedFrom("email") @dev.forge.model.Unique String memberEmail) {
	}

	@ForgeModel
	record Team(@Id long id) {
	}

	@ForgeModel
	record WithMap(@Id long id, Map<String, String> attributes) {
	}

	@ForgeModel
	record WithoutId(long id) {
	}

	@ForgeModel
	record WithBadReference(@Id long id, @References(String.class) UUID ownerId) {
	}

	@ForgeModel
	@dev.forge.model.Index(columns = "nope")
	record WithBadIndex(@Id long id) {
	}

}
