package dev.forge.boot.autoconfigure;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.util.function.SingletonSupplier;

/**
 * The application's model classes: those annotated with {@code @ForgeModel}, and JPA
 * entities ({@code @jakarta.persistence.Entity}), in {@code forge.models.packages}, or in
 * the application's auto-configuration packages when none are set. Scanned on first use, since only generating a migration, checking
 * and drift detection need them.
 *
 * @author FORGE
 * @since 0.1.0
 */
final class ForgeModels {

	private final List<String> packages;

	private final SingletonSupplier<Set<Class<?>>> classes;

	/**
	 * Creates the models.
	 * @param packages the packages scanned
	 * @param scan what scans them
	 */
	ForgeModels(List<String> packages, Supplier<Set<Class<?>>> scan) {
		this.packages = List.copyOf(packages);
		this.classes = SingletonSupplier.of(scan);
	}

	/**
	 * Returns the packages that are scanned.
	 * @return the packages
	 */
	public List<String> getPackages() {
		return this.packages;
	}

	/**
	 * Returns the model classes, scanning on first call.
	 * @return the classes
	 */
	public Set<Class<?>> getClasses() {
		return this.classes.obtain();
	}

}
