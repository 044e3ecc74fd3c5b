package dev.forge.core.jpa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import org.hibernate.SessionFactory;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * Hibernate with Spring Boot's naming defaults, used as the reference for the schema that
 * entities map to: {@code create} builds it, {@code validate} checks one built by FORGE.
 */
final class HibernateOracle {

	private HibernateOracle() {
	}

	/**
	 * Starts Hibernate on a schema with the given {@code hbm2ddl.auto} action and closes it.
	 * @param jdbcUrl the database
	 * @param schema the schema that holds the tables
	 * @param action {@code create} or {@code validate}
	 * @param entities the entity classes
	 * @param script where to write the DDL Hibernate runs, or {@code null}
	 */
	static void run(String jdbcUrl, String schema, String action, Collection<Class<?>> entities, Path script) {
		Configuration configuration = new Configuration();
		entities.forEach(configuration::addAnnotatedClass);
		configuration.setProperty(AvailableSettings.JAKARTA_JDBC_URL, jdbcUrl);
		configuration.setProperty(AvailableSettings.JAKARTA_JDBC_USER, "postgres");
		configuration.setProperty(AvailableSettings.DEFAULT_SCHEMA, schema);
		configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, action);
		configuration.setProperty(AvailableSettings.PHYSICAL_NAMING_STRATEGY,
				CamelCaseToUnderscoresNamingStrategy.class.getName());
		configuration.setProperty(AvailableSettings.IMPLICIT_NAMING_STRATEGY,
				SpringLikeImplicitNamingStrategy.class.getName());
		configuration.setProperty("jakarta.persistence.validation.mode", "auto");
		configuration.setProperty(AvailableSettings.POOL_SIZE, "1");
		if (script != null) {
			configuration.setProperty(AvailableSettings.JAKARTA_HBM2DDL_SCRIPTS_ACTION, "create");
			configuration.setProperty(AvailableSettings.JAKARTA_HBM2DDL_SCRIPTS_CREATE_TARGET, script.toString());
		}
		try (SessionFactory sessionFactory = configuration.buildSessionFactory()) {
			sessionFactory.getMetamodel();
		}
	}

	static List<Class<?>> corpus() {
		return List.of();
	}

	static String read(Path script) throws IOException {
		return Files.readString(script);
	}

}
