package dev.forge.boot;

/**
 * The {@link ForgeSchemaTools} of a build without model-driven generation, drift
 * detection and safety analysis: every operation fails with a message that says so.
 *
 * @author FORGE
 * @since 0.1.0
 */
public final class UnavailableForgeSchemaTools implements ForgeSchemaTools {

	static final String MODELS = "model-driven generation, drift detection and 'check'";

	static final String SAFETY = "the safety analysis of pending migrations";

	@Override
	public Report plan() {
		throw unavailable("plan", SAFETY);
	}

	@Override
	public Report generate(String name) {
		throw unavailable("generate", MODELS);
	}

	@Override
	public Report drift() {
		throw unavailable("drift", MODELS);
	}

	@Override
	public Report check() {
		throw unavailable("check", MODELS);
	}

	private static ForgeFeatureUnavailableException unavailable(String command, String what) {
		return new ForgeFeatureUnavailableException("migrate " + command, "'migrate " + command
				+ "' is not available in this build of FORGE: " + what + " is not included yet.");
	}

}
