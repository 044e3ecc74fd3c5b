package dev.forge.core;

/**
 * Another node kept the cluster-wide migration lock for longer than
 * {@code forge.migrations.cluster-lock-wait}.
 */
public class ClusterLockTimeoutException extends ForgeException {

	public ClusterLockTimeoutException(String message) {
		super(message);
	}

}
