package dev.forge.core;

import java.nio.file.Path;

import dev.forge.testsupport.MigrationFolder;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the engine's integration tests: each test starts with an empty database and an
 * empty folder of migration files.
 */
@PostgresTest
abstract class EngineTestSupport {

	protected final TestDatabase database;

	protected MigrationFolder folder;

	EngineTestSupport(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void emptyDatabaseAndFolder(@TempDir Path directory) {
		this.database.reset();
		this.folder = new MigrationFolder(directory);
	}

	/**
	 * Starts a configuration on the test database and folder.
	 * @return the builder
	 */
	protected ForgeConfiguration.Builder configure() {
		return Forge.configure().dataSource(this.database.dataSource()).locations(this.folder.location());
	}

}
