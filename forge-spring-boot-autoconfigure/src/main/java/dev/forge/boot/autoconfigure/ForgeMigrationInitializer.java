package dev.forge.boot.autoconfigure;

import dev.forge.boot.ForgeOperations;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.Ordered;

/**
 * Applies pending migrations while the application context is refreshed
 * ({@code forge.migrations.apply-on=refresh}), before the beans that use the database
 * are created: they are made to depend on this bean.
 *
 * @author FORGE
 * @since 0.1.0
 */
public class ForgeMigrationInitializer implements InitializingBean, Ordered {

	private final ForgeOperations operations;

	private int order;

	/**
	 * Creates an initializer.
	 * @param operations the operations that apply them
	 */
	public ForgeMigrationInitializer(ForgeOperations operations) {
		this.operations = operations;
	}

	@Override
	public void afterPropertiesSet() {
		this.operations.apply();
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
	}

}
