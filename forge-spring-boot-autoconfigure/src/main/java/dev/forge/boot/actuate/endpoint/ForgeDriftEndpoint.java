package dev.forge.boot.actuate.endpoint;

import dev.forge.boot.ForgeOperations;
import dev.forge.core.DriftReport;
import dev.forge.core.ForgeException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} that compares the live database with the models. In a build
 * without drift detection it says so ({@code "available": false}) instead of failing.
 *
 * @author FORGE
 * @since 0.1.0
 */
@Endpoint(id = "forge-drift")
public class ForgeDriftEndpoint {

	private final ForgeOperations operations;

	/**
	 * Creates an endpoint.
	 * @param operations where the drift report comes from
	 */
	public ForgeDriftEndpoint(ForgeOperations operations) {
		this.operations = operations;
	}

	/**
	 * Reads the drift report.
	 * @return the report, or why there is none
	 */
	@ReadOperation
	public ForgeDriftDescriptor drift() {
		try {
			DriftReport report = this.operations.drift();
			return new ForgeDriftDescriptor(true, report.hasDrift(), null, report);
		}
		catch (ForgeException ex) {
			return new ForgeDriftDescriptor(false, null, ex.getMessage(), null);
		}
	}

	/**
	 * Description of the drift between the database and the models.
	 */
	public static final class ForgeDriftDescriptor implements OperationResponseBody {

		private final boolean available;

		private final @Nullable Boolean drift;

		private final @Nullable String message;

		private final @Nullable Object report;

		private ForgeDriftDescriptor(boolean available, @Nullable Boolean drift, @Nullable String message,
				@Nullable Object report) {
			this.available = available;
			this.drift = drift;
			this.message = message;
			this.report = report;
		}

		public boolean isAvailable() {
			return this.available;
		}

		public @Nullable Boolean getDrift() {
			return this.drift;
		}

		public @Nullable String getMessage() {
			return this.message;
		}

		public @Nullable Object getReport() {
			return this.report;
		}

	}

}
