package dev.forge.boot;

import java.util.Set;

import dev.forge.boot.autoconfigure.ForgeMigrationInitializer;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;

/**
 * A {@link DatabaseInitializerDetector} for {@link ForgeMigrationInitializer}, so that
 * beans which use the database (JDBC templates, JPA) wait for migrations applied during
 * refresh.
 *
 * @author FORGE
 */
class ForgeDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(ForgeMigrationInitializer.class);
	}

}
