package dev.forge.boot.actuate.endpoint;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.forge.boot.ForgeOperations;
import dev.forge.core.BackfillJob;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} that shows the backfill jobs with their progress, as the jobs
 * table holds it for every node. Read-only: jobs are paused, resumed, cancelled and
 * retried from the command line or the dashboard.
 *
 * @author FORGE
 * @since 0.1.0
 */
@Endpoint(id = "forge-jobs")
public class ForgeJobsEndpoint {

	private final ForgeOperations operations;

	private final Clock clock;

	/**
	 * Creates an endpoint.
	 * @param operations where the jobs come from
	 */
	public ForgeJobsEndpoint(ForgeOperations operations) {
		this(operations, Clock.systemUTC());
	}

	ForgeJobsEndpoint(ForgeOperations operations, Clock clock) {
		this.operations = operations;
		this.clock = clock;
	}

	/**
	 * Reads the jobs.
	 * @return the jobs, by name
	 */
	@ReadOperation
	public ForgeJobsDescriptor jobs() {
		Instant now = this.clock.instant();
		return new ForgeJobsDescriptor(
				this.operations.jobs().stream().map((job) -> new JobDescriptor(job, now)).toList());
	}

	/**
	 * Description of the application's backfill jobs.
	 */
	public static final class ForgeJobsDescriptor implements OperationResponseBody {

		private final List<JobDescriptor> jobs;

		private ForgeJobsDescriptor(List<JobDescriptor> jobs) {
			this.jobs = jobs;
		}

		public List<JobDescriptor> getJobs() {
			return this.jobs;
		}

	}

	/**
	 * Description of one backfill job.
	 */
	public static final class JobDescriptor {

		private final String name;

		private final String status;

		private final long rowsDone;

		private final long rowsLeft;

		private final long rowsPerSecond;

		private final @Nullable Instant startedAt;

		private final @Nullable Instant finishedAt;

		private final @Nullable String lastError;

		private final @Nullable Long etaSeconds;

		private final String table;

		private JobDescriptor(BackfillJob job, Instant now) {
			this.name = job.name();
			this.status = job.status().name();
			this.table = job.table();
			this.rowsDone = job.rowsDone();
			this.rowsLeft = job.rowsLeft();
			double rate = job.rowsPerSecond(now);
			this.rowsPerSecond = Math.round(rate);
			// only a running job has an arrival time to estimate
			this.etaSeconds = (job.status().isRunnable() && rate > 0) ? (long) Math.ceil(this.rowsLeft / rate) : null;
			this.startedAt = job.startedAt();
			this.finishedAt = job.finishedAt();
			this.lastError = job.lastError();
		}

		public String getName() {
			return this.name;
		}

		public String getStatus() {
			return this.status;
		}

		public long getRowsDone() {
			return this.rowsDone;
		}

		public long getRowsLeft() {
			return this.rowsLeft;
		}

		public long getRowsPerSecond() {
			return this.rowsPerSecond;
		}

		public @Nullable Instant getStartedAt() {
			return this.startedAt;
		}

		public @Nullable Instant getFinishedAt() {
			return this.finishedAt;
		}

		public @Nullable String getLastError() {
			return this.lastError;
		}

		public @Nullable Long getEtaSeconds() {
			return this.etaSeconds;
		}

		public String getTable() {
			return this.table;
		}

	}

}
