package dev.forge.testapp.jpa;

import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;

/**
 * An application with JPA entities whose tables FORGE migrations create, validated by
 * Hibernate ({@code ddl-auto=validate}) at start-up, and a runner of its own. Records
 * what a run created and ran.
 */
@SpringBootApplication
public class JpaApplication {

	/** Whether an {@link EntityManagerFactory} (or its factory bean) was created. */
	public static volatile boolean entityManagerFactoryCreated;

	/** Whether the application's own runner ran. */
	public static volatile boolean runnerRan;

	public static void reset() {
		entityManagerFactoryCreated = false;
		runnerRan = false;
	}

	@Bean
	CommandLineRunner applicationRunner() {
		return (args) -> runnerRan = true;
	}

	@Bean
	static BeanPostProcessor entityManagerFactoryRecorder() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof EntityManagerFactory || bean instanceof EntityManagerFactoryInfo) {
					entityManagerFactoryCreated = true;
				}
				return bean;
			}

		};
	}

}
