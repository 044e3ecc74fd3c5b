package dev.forge.core.internal.inspect;

import java.sql.Connection;
import java.util.List;
import java.util.Set;

import dev.forge.core.schema.Check;
import dev.forge.core.schema.Column;
import dev.forge.core.schema.ColumnType;
import dev.forge.core.schema.ForeignKey;
import dev.forge.core.schema.Index;
import dev.forge.core.schema.PrimaryKey;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.Table;
import dev.forge.core.schema.Unique;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresTest
class PostgresSchemaInspectorIT {

	@Test
	void readsTypesDefaultsKeysIndexesAndConstraintsExactly(TestDatabase database) throws Exception {
		database.execute("""
				CREATE TABLE users (id bigint PRIMARY KEY, email varchar(320) NOT NULL UNIQUE);
				CREATE TABLE "Order" (
					id bigint NOT NULL,
					line int NOT NULL,
					price numeric(10,2) DEFAULT 0 CHECK (price >= 0),
					tags text[],
					codes varchar(20)[],
					placed_at timestamp with time zone NOT NULL DEFAULT now(),
					user_id bigint REFERENCES users (id),
					PRIMARY KEY (id, line));
				CREATE INDEX order_user_idx ON "Order" (user_id) WHERE price > 0;
				CREATE UNIQUE INDEX order_lower_idx ON "Order" (lower(tags[1]));
				CREATE INDEX order_tags_gin ON "Order" USING gin (tags);
				CREATE TABLE forge_migrations (name text PRIMARY KEY);
				""");
		Schema schema;
		try (Connection connection = database.connect()) {
			schema = new PostgresSchemaInspector().inspect(connection, "public", Set.of("forge_migrations"));
		}
		assertThat(schema.tables()).extracting(Table::name).containsExactly("Order", "users");
		Table order = schema.table("Order").orElseThrow();
		assertThat(order.columns()).containsExactly(new Column("id", ColumnType.BIGINT, false, null),
				new Column("line", ColumnType.INTEGER, false, null),
				new Column("price", ColumnType.numeric(10, 2), true, "0"),
				new Column("tags", ColumnType.TEXT.arrayOf(), true, null),
				new Column("codes", ColumnType.varchar(20).arrayOf(), true, null),
				new Column("placed_at", ColumnType.TIMESTAMPTZ, false, "now()"),
				new Column("user_id", ColumnType.BIGINT, true, null));
		assertThat(order.primaryKey()).isEqualTo(new PrimaryKey("Order_pkey", List.of("id", "line")));
		assertThat(order.foreignKeys())
			.containsExactly(new ForeignKey("Order_user_id_fkey", List.of("user_id"), "users", List.of("id")));
		assertThat(order.checks()).containsExactly(new Check("Order_price_check", "CHECK (price >= 0::numeric)", true));
		assertThat(order.indexes()).containsExactly(
				new Index("order_lower_idx", List.of("lower(tags[1])"), true, "btree", null, true),
				new Index("order_tags_gin", List.of("tags"), false, "gin", null, true),
				new Index("order_user_idx", List.of("user_id"), false, "btree", "(price > (0)::numeric)", true));
		Table users = schema.table("users").orElseThrow();
		assertThat(users.uniques()).containsExactly(new Unique("users_email_key", List.of("email")));
		assertThat(users.indexes()).isEmpty();
	}

}
