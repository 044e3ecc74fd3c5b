package dev.forge.boot.command;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.CommandLineRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * During a {@code migrate} command, keeps the application's own runners from running:
 * the command is the application's whole job, and a runner would start the work the
 * command runs before (and usually needs the schema the command is about to change).
 * <p>
 * What lazy initialization does not stop either, and this does not remove: beans that
 * implement {@code SmartInitializingSingleton} (Spring Boot keeps them eager),
 * {@code SmartLifecycle} beans with auto-startup (the context creates them to start
 * them), bean (factory) post-processors, and beans marked {@code @Lazy(false)}. Spring
 * Boot's own beans of these kinds (JMX export, web servers, scheduling, metrics) are gone
 * with the auto-configurations that {@link MigrateCommandAutoConfigurationFilter} leaves
 * out; the application's own stay, with whatever they inject.
 */
class MigrateCommandContextInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** Spring Boot's switch for warming up Jackson, validation and the like on a second thread. */
	static final String IGNORE_BACKGROUND_PREINITIALIZER = "spring.backgroundpreinitializer.ignore";

	/**
	 * Creates the initializer. Spring Boot creates initializers before its listeners, and
	 * its background pre-initializer decides when it is created, before the arguments are
	 * known, whether to warm up Jackson, validation and the message converters on a second
	 * thread: about a second of CPU that a command never uses and that the JVM waits for.
	 * The JVM's record of its command line tells whether this process runs a command.
	 */
	MigrateCommandContextInitializer() {
		String command = System.getProperty("sun.java.command");
		if (command != null && System.getProperty(IGNORE_BACKGROUND_PREINITIALIZER) == null) {
			String[] words = command.strip().split("\\s+");
			if (words.length > 1 && MigrateCommand.isRequested(Arrays.copyOfRange(words, 1, words.length))) {
				System.setProperty(IGNORE_BACKGROUND_PREINITIALIZER, "true");
			}
		}
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		if (MigrateCommandEnvironmentPostProcessor.isMigrateCommand(context.getEnvironment())) {
			context.addBeanFactoryPostProcessor(new RunnerRemovingPostProcessor());
		}
	}

	/**
	 * Removes the definitions of every {@link ApplicationRunner} and
	 * {@link CommandLineRunner} but FORGE's {@link MigrateCommandRunner}.
	 */
	static class RunnerRemovingPostProcessor implements BeanFactoryPostProcessor {

		private static final Log logger = LogFactory.getLog(RunnerRemovingPostProcessor.class);

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			if (!(beanFactory instanceof BeanDefinitionRegistry registry)) {
				return;
			}
			Set<String> runners = new LinkedHashSet<>();
			// without eager initialization: no bean is created to learn its type
			runners.addAll(Set.of(beanFactory.getBeanNamesForType(ApplicationRunner.class, true, false)));
			runners.addAll(Set.of(beanFactory.getBeanNamesForType(CommandLineRunner.class, true, false)));
			for (String name : runners) {
				if (!beanFactory.isTypeMatch(name, MigrateCommandRunner.class) && registry.containsBeanDefinition(name)) {
					registry.removeBeanDefinition(name);
					if (logger.isDebugEnabled()) {
						logger.debug("Not running '" + name + "' during the migrate command");
					}
				}
			}
		}

	}

}
