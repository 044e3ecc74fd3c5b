package dev.forge.core.jpa;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.forge.core.Forge;
import dev.forge.core.ForgeConfiguration;
import dev.forge.testsupport.MigrationFolder;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Hibernate is the reference for what entities map to. For the corpus of entity shapes,
 * Hibernate creates schema {@code hibernate} ({@code hbm2ddl.auto=create}) and FORGE
 * generates and applies a migration into schema {@code forge}; the catalogs of both must
 * describe the same tables, columns, types, nullability, keys, unique constraints, foreign
 * keys, checks, indexes, identity columns and sequences. Then Hibernate validates FORGE's
 * schema ({@code hbm2ddl.auto=validate}).
 * <p>
 * Justified differences, left out of the comparison by {@link CatalogSnapshot}:
 * <ul>
 * <li>constraint and index names: Hibernate names foreign keys, unnamed indexes and unique
 * constraints with hashes ({@code FKklnrv3…}); FORGE uses PostgreSQL's conventions
 * ({@code book_author_id_fkey}). Names given in {@code @Index(name)} and
 * {@code @UniqueConstraint(name)} are kept by both.</li>
 * <li>column order, in tables and in composite primary keys: Hibernate sorts columns by
 * type size and name; FORGE keeps the order of declaration.</li>
 * </ul>
 */
@PostgresTest
class JpaOracleIT {

	private final TestDatabase database;

	JpaOracleIT(TestDatabase database) {
		this.database = database;
	}

	@Test
	void forgeCreatesTheSchemaHibernateCreatesAndHibernateValidatesIt(@TempDir Path directory) throws Exception {
		this.database.reset();
		this.database.execute("CREATE SCHEMA hibernate; CREATE SCHEMA forge");
		List<Class<?>> corpus = HibernateOracle.corpus();
		HibernateOracle.run(this.database.jdbcUrl(), "hibernate", "create", corpus);
		MigrationFolder folder = new MigrationFolder(directory);
		ForgeConfiguration.Builder configuration = Forge.configure()
			.dataSource(dataSource("forge"))
			.locations(folder.location())
			.outputDirectory(directory)
			.schema("forge")
			.models(corpus);
		configuration.load().generate("entities");
		configuration.load().apply();

		List<String> expected = CatalogSnapshot.of(this.database, "hibernate");
		List<String> actual = CatalogSnapshot.of(this.database, "forge");
		List<String> missing = new ArrayList<>(expected);
		missing.removeAll(actual);
		List<String> extra = new ArrayList<>(actual);
		extra.removeAll(expected);
		assertThat(java.util.Map.of("created by Hibernate, not by FORGE", missing, "created by FORGE, not by Hibernate",
				extra)).allSatisfy((difference, lines) -> assertThat(lines).as(difference).isEmpty());
		assertThat(expected).hasSizeGreaterThan(200)
			.filteredOn((line) -> line.startsWith("sequence ") || line.endsWith(" as identity"))
			.hasSize(6);
		assertThat(configuration.load().check().isEmpty()).as("nothing left to generate").isTrue();
		assertThatNoException().isThrownBy(
				() -> HibernateOracle.run(this.database.jdbcUrl(), "forge", "validate", corpus));
	}

	/** A data source whose sessions work in one schema, as an application's would. */
	private DataSource dataSource(String schema) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(this.database.jdbcUrl());
		dataSource.setUser("postgres");
		dataSource.setCurrentSchema(schema);
		return dataSource;
	}

}
