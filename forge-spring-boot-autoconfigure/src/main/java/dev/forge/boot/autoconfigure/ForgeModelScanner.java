package dev.forge.boot.autoconfigure;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.forge.model.ForgeModel;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds the classes annotated with a model annotation (FORGE's {@code @ForgeModel}, and
 * JPA's {@code @Entity} when JPA is on the class path) in some packages and their
 * sub-packages, the way Spring Boot's entity scanner does.
 *
 * @author FORGE
 * @since 0.1.0
 */
class ForgeModelScanner {

	private static final String JPA_ENTITY = "jakarta.persistence.Entity";

	private final Environment environment;

	private final ResourceLoader resourceLoader;

	/**
	 * Creates a scanner.
	 * @param environment the environment, for the scanner's own settings
	 * @param resourceLoader the loader of the classes and class files
	 */
	ForgeModelScanner(Environment environment, ResourceLoader resourceLoader) {
		this.environment = environment;
		this.resourceLoader = resourceLoader;
	}

	/**
	 * Returns the annotations that mark a model: {@code @ForgeModel}, and JPA's
	 * {@code @Entity} when the class loader has it, so that an application without JPA
	 * needs no JPA classes.
	 * @param classLoader the application's class loader
	 * @return the annotations
	 */
	@SuppressWarnings("unchecked")
	static List<Class<? extends Annotation>> modelAnnotations(@Nullable ClassLoader classLoader) {
		List<Class<? extends Annotation>> annotations = new ArrayList<>();
		annotations.add(ForgeModel.class);
		if (ClassUtils.isPresent(JPA_ENTITY, classLoader)) {
			annotations.add((Class<? extends Annotation>) ClassUtils.resolveClassName(JPA_ENTITY, classLoader));
		}
		return annotations;
	}

	/**
	 * Scans packages for annotated classes.
	 * @param annotation the annotation to look for
	 * @param packages the packages to scan
	 * @return the classes, in a stable order
	 */
	public Set<Class<?>> scan(Class<? extends Annotation> annotation, Collection<String> packages) {
		return scan(List.of(annotation), packages);
	}

	/**
	 * Scans packages for classes annotated with any of some annotations.
	 * @param annotations the annotations to look for
	 * @param packages the packages to scan
	 * @return the classes, in a stable order (by name)
	 */
	public Set<Class<?>> scan(Collection<Class<? extends Annotation>> annotations, Collection<String> packages) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
				this.environment) {

			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isIndependent() && !definition.getMetadata().isAnnotation();
			}

		};
		scanner.setResourceLoader(this.resourceLoader);
		annotations.forEach((annotation) -> scanner.addIncludeFilter(new AnnotationTypeFilter(annotation)));
		Set<String> classNames = new java.util.TreeSet<>();
		for (String basePackage : packages) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				classNames.add(candidate.getBeanClassName());
			}
		}
		Set<Class<?>> classes = new LinkedHashSet<>();
		ClassLoader classLoader = this.resourceLoader.getClassLoader();
		for (String className : classNames) {
			classes.add(ClassUtils.resolveClassName(className, classLoader));
		}
		return classes;
	}

	/**
	 * Returns the packages scanned when {@code forge.models.packages} is empty.
	 * @param configured the configured packages
	 * @param defaults the application's auto-configuration packages
	 * @return the packages to scan
	 */
	static List<String> packagesToScan(List<String> configured, List<String> defaults) {
		return configured.isEmpty() ? defaults : configured;
	}

}
