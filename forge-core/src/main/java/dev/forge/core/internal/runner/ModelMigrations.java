package dev.forge.core.internal.runner;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import dev.forge.core.DriftReport;
import dev.forge.core.ForgeConfiguration;
import dev.forge.core.ForgeException;
import dev.forge.core.GeneratedMigration;
import dev.forge.core.GenerationResult;
import dev.forge.core.MigrationInfo;
import dev.forge.core.MigrationState;
import dev.forge.core.StatusReport;
import dev.forge.core.internal.backfill.JobStore;
import dev.forge.core.internal.diff.SchemaDiffer;
import dev.forge.core.internal.drift.DriftDetector;
import dev.forge.core.internal.fleet.NodeTable;
import dev.forge.core.internal.generate.GeneratorOptions;
import dev.forge.core.internal.generate.MigrationGenerator;
import dev.forge.core.internal.inspect.PostgresSchemaInspector;
import dev.forge.core.internal.migration.MigrationCatalog;
import dev.forge.core.internal.model.ModelReader;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.SchemaDiff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the {@code @ForgeModel} classes with the live database: the diff, the migration
 * files that close it, and the drift report. Internal: use {@link dev.forge.core.Forge}.
 */
public final class ModelMigrations {

	private static final Logger logger = LoggerFactory.getLogger(ModelMigrations.class);

	private final ForgeConfiguration configuration;

	private final MigrationRunner runner;

	public ModelMigrations(ForgeConfiguration configuration, MigrationRunner runner) {
		this.configuration = configuration;
		this.runner = runner;
	}

	/**
	 * Diffs the live schema against the models.
	 * @return the changes that would bring the database to the models
	 */
	public SchemaDiff diff() {
		return new SchemaDiffer().diff(inspect(), desired());
	}

	/**
	 * Diffs the live schema against the models once no migration file is pending.
	 * @return the changes no migration file holds yet
	 */
	public SchemaDiff check() {
		requireNoPendingMigrations("check");
		return diff();
	}

	/**
	 * Renders the migrations that would close the diff, without writing them.
	 * @param name the migration's name
	 * @return the migrations, empty when the database matches the models
	 */
	public List<GeneratedMigration> preview(String name) {
		requireNoPendingMigrations("preview");
		return generator().render(name, diff(), nextNumber(this.runner.catalog()));
	}

	/**
	 * Writes the migrations that close the diff into the output directory.
	 * @param name the migration's name
	 * @return the files written
	 */
	public GenerationResult generate(String name) {
		MigrationCatalog catalog = requireNoPendingMigrations("generate");
		GenerationResult result = generator().generate(name, diff(), this.configuration.outputDirectory(),
				nextNumber(catalog));
		logger.info(result.message());
		return result;
	}

	/**
	 * Writes migrations that a person reviewed, as {@link #preview(String)} rendered them,
	 * after checking that the database and the models still give the same SQL.
	 * @param name the migration's name, as given to the preview
	 * @param reviewed the reviewed files, possibly with their breaking changes accepted
	 * @return the files written
	 * @throws ForgeException when the SQL would now differ from what was reviewed; nothing
	 * is written then
	 */
	public GenerationResult generate(String name, List<GeneratedMigration> reviewed) {
		List<GeneratedMigration> current = preview(name);
		boolean same = current.size() == reviewed.size();
		for (int i = 0; same && i < current.size(); i++) {
			same = current.get(i).sameSqlAs(reviewed.get(i));
		}
		if (!same) {
			throw new ForgeException("The database or the models changed since this preview, so the SQL would differ"
					+ " from what was reviewed. Generate again. No file was written.");
		}
		GenerationResult result = MigrationGenerator.write(reviewed, this.configuration.outputDirectory());
		logger.info(result.message());
		return result;
	}

	/**
	 * Reports drift between the live schema and the models, and edited applied files.
	 * @return the report
	 */
	public DriftReport drift() {
		StatusReport status = this.runner.status();
		List<String> mismatches = status.inState(MigrationState.CHECKSUM_MISMATCH)
			.stream()
			.map((info) -> info.name() + " (" + info.location() + ")")
			.toList();
		return new DriftDetector().detect(inspect(), desired()).withChecksumMismatches(mismatches);
	}

	private MigrationCatalog requireNoPendingMigrations(String command) {
		StatusReport status = this.runner.status();
		List<String> pending = status.migrations()
			.stream()
			.filter((info) -> info.state() == MigrationState.PENDING || info.state() == MigrationState.FAILED)
			.map(MigrationInfo::name)
			.toList();
		if (!pending.isEmpty()) {
			throw new ForgeException("Cannot " + command + " while migrations are pending: " + String.join(", ", pending)
					+ ". Apply them first ('migrate apply'), so that no change is generated twice.");
		}
		return this.runner.catalog();
	}

	private long nextNumber(MigrationCatalog catalog) {
		return catalog.entries()
			.stream()
			.mapToLong((entry) -> Long.parseLong(entry.name().number()))
			.max()
			.orElse(0) + 1;
	}

	private MigrationGenerator generator() {
		return new MigrationGenerator(new GeneratorOptions(this.configuration.concurrentIndexes(),
				this.configuration.twoPhaseBreakingChanges()), java.time.Clock.systemUTC());
	}

	private Schema desired() {
		if (this.configuration.models().isEmpty()) {
			throw new ForgeException("No @ForgeModel classes are configured: add them with Forge.configure().models(...)"
					+ " or, in Spring Boot, put them under the application's package or set 'forge.models.packages'.");
		}
		return new ModelReader().read(this.configuration.schema(), this.configuration.models());
	}

	private Schema inspect() {
		try (Connection connection = this.configuration.dataSource().getConnection()) {
			return new PostgresSchemaInspector().inspect(connection, this.configuration.schema(),
					Set.of(this.configuration.table(), JobStore.tableName(this.configuration.table()),
							NodeTable.tableName(this.configuration.table())));
		}
		catch (SQLException ex) {
			throw new ForgeException("Could not read the schema " + this.configuration.schema() + ": " + ex.getMessage(),
					ex);
		}
	}

}
