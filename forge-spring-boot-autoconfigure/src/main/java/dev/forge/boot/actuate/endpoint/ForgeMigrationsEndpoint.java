package dev.forge.boot.actuate.endpoint;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.forge.boot.ForgeOperations;
import dev.forge.core.BackfillReview;
import dev.forge.core.ContractCheck;
import dev.forge.core.Finding;
import dev.forge.core.FleetNode;
import dev.forge.core.LockHolder;
import dev.forge.core.MigrationInfo;
import dev.forge.core.MigrationReview;
import dev.forge.core.MigrationState;
import dev.forge.core.PlannedMigration;
import dev.forge.core.StatusReport;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} that shows every migration with its status, the summary
 * counts, the warnings (out-of-order files, shared numbers, missing files), who holds
 * the migration lock, the live nodes of the fleet and, for each pending deferred file, what
 * it removes and which nodes still use it. Read-only: nothing is applied over HTTP.
 *
 * @author FORGE
 * @since 0.1.0
 */
@Endpoint(id = "forge-migrations")
public class ForgeMigrationsEndpoint {

	private final ForgeOperations operations;

	/**
	 * Creates an endpoint.
	 * @param operations where the migrations and their findings come from
	 */
	public ForgeMigrationsEndpoint(ForgeOperations operations) {
		this.operations = operations;
	}

	/**
	 * Reads the migrations, each file once.
	 * @return the migrations and their summary
	 */
	@ReadOperation
	public ForgeMigrationsDescriptor migrations() {
		MigrationReview review = this.operations.review();
		StatusReport report = review.status();
		Map<String, BackfillReview> backfills = new HashMap<>();
		for (PlannedMigration planned : review.plan().migrations()) {
			if (planned.backfill() != null) {
				backfills.put(planned.name(), planned.backfill());
			}
		}
		Map<String, ContractCheck> contracts = new HashMap<>();
		review.plan().contractChecks().forEach((check) -> contracts.put(check.migration(), check));
		List<MigrationDescriptor> migrations = report.migrations()
			.stream()
			.map((migration) -> new MigrationDescriptor(migration, review.findings(migration.name())
				.stream()
				.filter(Finding::needsAttention)
				.map(Finding::describe)
				.toList(), backfills.get(migration.name()), contracts.get(migration.name())))
			.toList();
		List<NodeDescriptor> nodes = this.operations.nodes().stream().map(NodeDescriptor::new).toList();
		return new ForgeMigrationsDescriptor(migrations, summary(report), report.warnings(),
				(report.lockHolder() != null) ? new LockHolderDescriptor(report.lockHolder()) : null, nodes);
	}

	private static Map<String, Integer> summary(StatusReport report) {
		Map<MigrationState, Integer> counts = report.counts();
		Map<String, Integer> summary = new LinkedHashMap<>();
		summary.put("total", report.migrations().size());
		summary.put("applied", counts.get(MigrationState.APPLIED));
		summary.put("pending", counts.get(MigrationState.PENDING));
		summary.put("failed", counts.get(MigrationState.FAILED));
		summary.put("checksumMismatch", counts.get(MigrationState.CHECKSUM_MISMATCH));
		summary.put("missingFile", counts.get(MigrationState.MISSING_FILE));
		return summary;
	}

	/**
	 * Description of the application's migrations.
	 */
	public static final class ForgeMigrationsDescriptor implements OperationResponseBody {

		private final List<MigrationDescriptor> migrations;

		private final Map<String, Integer> summary;

		private final List<String> warnings;

		private final @Nullable LockHolderDescriptor lockHolder;

		private final List<NodeDescriptor> nodes;

		private ForgeMigrationsDescriptor(List<MigrationDescriptor> migrations, Map<String, Integer> summary,
				List<String> warnings, @Nullable LockHolderDescriptor lockHolder, List<NodeDescriptor> nodes) {
			this.migrations = migrations;
			this.summary = summary;
			this.warnings = warnings;
			this.lockHolder = lockHolder;
			this.nodes = nodes;
		}

		public List<MigrationDescriptor> getMigrations() {
			return this.migrations;
		}

		public Map<String, Integer> getSummary() {
			return this.summary;
		}

		public List<String> getWarnings() {
			return this.warnings;
		}

		public @Nullable LockHolderDescriptor getLockHolder() {
			return this.lockHolder;
		}

		/**
		 * Returns the live nodes of the fleet.
		 * @return the nodes, oldest first
		 */
		public List<NodeDescriptor> getNodes() {
			return this.nodes;
		}

	}

	/**
	 * Description of one migration.
	 */
	public static final class MigrationDescriptor {

		private final String name;

		private final String status;

		private final @Nullable Instant appliedAt;

		private final @Nullable String checksum;

		private final @Nullable Long executionMillis;

		private final @Nullable String appliedBy;

		private final @Nullable String location;

		private final boolean hasDown;

		private final List<String> findings;

		private final @Nullable BackfillDescriptor backfill;

		private final @Nullable List<String> removes;

		private final @Nullable List<BlockerDescriptor> blockedBy;

		private MigrationDescriptor(MigrationInfo migration, List<String> findings,
				@Nullable BackfillReview backfill, @Nullable ContractCheck contract) {
			this.name = migration.name();
			this.status = migration.state().name();
			this.appliedAt = migration.appliedAt();
			this.checksum = migration.checksum();
			this.executionMillis = migration.executionMillis();
			this.appliedBy = migration.appliedBy();
			this.location = migration.location();
			this.hasDown = migration.hasDown();
			this.findings = List.copyOf(findings);
			this.backfill = (backfill != null) ? new BackfillDescriptor(backfill) : null;
			this.removes = (contract != null) ? contract.removes() : null;
			this.blockedBy = (contract != null) ? contract.blockedBy().stream().map(BlockerDescriptor::new).toList()
					: null;
		}

		public String getName() {
			return this.name;
		}

		public String getStatus() {
			return this.status;
		}

		public @Nullable Instant getAppliedAt() {
			return this.appliedAt;
		}

		public @Nullable String getChecksum() {
			return this.checksum;
		}

		public @Nullable Long getExecutionMillis() {
			return this.executionMillis;
		}

		public @Nullable String getAppliedBy() {
			return this.appliedBy;
		}

		public @Nullable String getLocation() {
			return this.location;
		}

		public boolean isHasDown() {
			return this.hasDown;
		}

		public List<String> getFindings() {
			return this.findings;
		}

		/**
		 * Returns what the backfill of a pending backfill file will do.
		 * @return the review of its backfill, or {@code null} for any other migration
		 */
		public @Nullable BackfillDescriptor getBackfill() {
			return this.backfill;
		}

		/**
		 * Returns the tables and columns that a pending deferred file drops or renames.
		 * @return what it removes, or {@code null} for any other migration
		 */
		public @Nullable List<String> getRemoves() {
			return this.removes;
		}

		/**
		 * Returns the live nodes whose models still use what a pending deferred file
		 * removes.
		 * @return the nodes, empty when it is safe to contract, or {@code null} for any other
		 * migration
		 */
		public @Nullable List<BlockerDescriptor> getBlockedBy() {
			return this.blockedBy;
		}

	}

	/**
	 * Description of a live node of the fleet.
	 */
	public static final class NodeDescriptor {

		private final FleetNode node;

		private NodeDescriptor(FleetNode node) {
			this.node = node;
		}

		public String getId() {
			return this.node.id();
		}

		public String getApplication() {
			return this.node.application();
		}

		public @Nullable String getVersion() {
			return this.node.version();
		}

		public String getHost() {
			return this.node.host();
		}

		public long getPid() {
			return this.node.pid();
		}

		public Instant getStartedAt() {
			return this.node.startedAt();
		}

		public Instant getHeartbeatAt() {
			return this.node.heartbeatAt();
		}

		public List<String> getUses() {
			return this.node.uses().stream().sorted().toList();
		}

	}

	/**
	 * Description of a live node that blocks a deferred file, with what it uses of what the
	 * file removes.
	 */
	public static final class BlockerDescriptor {

		private final ContractCheck.Blocker blocker;

		private BlockerDescriptor(ContractCheck.Blocker blocker) {
			this.blocker = blocker;
		}

		public String getNode() {
			return this.blocker.node().id();
		}

		public String getApplication() {
			return this.blocker.node().application();
		}

		public @Nullable String getVersion() {
			return this.blocker.node().version();
		}

		public List<String> getUses() {
			return this.blocker.uses();
		}

	}

	/**
	 * Description of the backfill of a pending {@code -- forge:backfill} file: its table,
	 * the rows it will update and how they will be batched.
	 */
	public static final class BackfillDescriptor {

		private final BackfillReview review;

		private BackfillDescriptor(BackfillReview review) {
			this.review = review;
		}

		public String getTable() {
			return this.review.table();
		}

		public List<String> getKeyColumns() {
			return this.review.keyColumns();
		}

		public String getSet() {
			return this.review.set();
		}

		public String getPredicate() {
			return this.review.predicate();
		}

		public long getEstimatedRows() {
			return this.review.rows();
		}

		/**
		 * Returns how the rows were found: {@code COUNTED}, {@code ESTIMATED},
		 * {@code WHOLE_TABLE} or {@code NO_TABLE}.
		 * @return how the rows were found
		 */
		public String getRowCount() {
			return this.review.rowCount().name();
		}

		public int getFirstBatchSize() {
			return this.review.firstBatchSize();
		}

		public long getTargetBatchMillis() {
			return this.review.targetBatchDuration().toMillis();
		}

		public long getLockTimeoutMillis() {
			return this.review.lockTimeout().toMillis();
		}

		public long getPauseMillis() {
			return this.review.pause().toMillis();
		}

		public int getMaxRowsPerSecond() {
			return this.review.maxRowsPerSecond();
		}

		public long getEstimatedBatches() {
			return this.review.estimatedBatches();
		}

		public String getDescription() {
			return this.review.describe();
		}

	}

	/**
	 * Description of the session holding the migration lock.
	 */
	public static final class LockHolderDescriptor {

		private final int pid;

		private final String applicationName;

		private final @Nullable String clientAddress;

		private final @Nullable Instant since;

		private LockHolderDescriptor(LockHolder holder) {
			this.pid = holder.pid();
			this.applicationName = holder.applicationName();
			this.clientAddress = holder.clientAddress();
			this.since = holder.since();
		}

		public int getPid() {
			return this.pid;
		}

		public String getApplicationName() {
			return this.applicationName;
		}

		public @Nullable String getClientAddress() {
			return this.clientAddress;
		}

		public @Nullable Instant getSince() {
			return this.since;
		}

	}

}
