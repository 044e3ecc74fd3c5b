package dev.forge.boot;

import dev.forge.core.ForgeException;

/**
 * An operation was asked for that this build of FORGE does not include.
 *
 * @author FORGE
 * @since 0.1.0
 */
public class ForgeFeatureUnavailableException extends ForgeException {

	private final String feature;

	/**
	 * Creates an exception.
	 * @param feature the operation, e.g. {@code migrate generate}
	 * @param message what is missing
	 */
	public ForgeFeatureUnavailableException(String feature, String message) {
		super(message);
		this.feature = feature;
	}

	/**
	 * Returns the operation that was asked for.
	 * @return the operation
	 */
	public String getFeature() {
		return this.feature;
	}

}
